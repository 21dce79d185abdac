package io.spinloop.emulator.scpi;

/**
 * One program message unit as parsed: its header (a common command, or a path of mnemonics with the numeric
 * suffixes still attached) and its parameters. Reused by the parser from unit to unit.
 */
public final class MessageUnit {
    boolean common;
    boolean query;
    boolean rooted;
    String[] mnemonics = new String[8];
    int mnemonicCount;
    final Arguments arguments = new Arguments();

    void clear() {
        common = false;
        query = false;
        rooted = false;
        mnemonicCount = 0;
        arguments.clear();
    }

    void addMnemonic(String m) {
        if (mnemonicCount == mnemonics.length) {
            String[] grown = new String[mnemonics.length * 2];
            System.arraycopy(mnemonics, 0, grown, 0, mnemonics.length);
            mnemonics = grown;
        }
        mnemonics[mnemonicCount++] = m;
    }

    /** True for a common command ({@code *IDN?}); its single mnemonic excludes the star. */
    public boolean isCommon() {
        return common;
    }

    public boolean isQuery() {
        return query;
    }

    /** True when the header started with a colon, which resets the path to the root. */
    public boolean isRooted() {
        return rooted;
    }

    public int mnemonicCount() {
        return mnemonicCount;
    }

    /** Mnemonic {@code i}, upper-cased, with any numeric suffix still attached ({@code MARK1}). */
    public String mnemonic(int i) {
        return mnemonics[i];
    }

    public Arguments arguments() {
        return arguments;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (common) {
            b.append('*');
        } else if (rooted) {
            b.append(':');
        }
        for (int i = 0; i < mnemonicCount; i++) {
            if (i > 0) {
                b.append(':');
            }
            b.append(mnemonics[i]);
        }
        if (query) {
            b.append('?');
        }
        if (arguments.count() > 0) {
            b.append(' ').append(arguments);
        }
        return b.toString();
    }
}
