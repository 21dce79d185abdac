package io.spinloop.emulator.scpi;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The parameters of one program message unit, parsed and typed (IEEE 488.2 §7.7), with accessors that convert
 * them the way instruments do and raise the standard errors when they do not fit. Instances are reused from
 * message to message by the parser, so handlers must not keep references to them.
 */
public final class Arguments {
    /** IEEE 488.2 program data types. */
    public enum Kind {
        /** Decimal or non-decimal numeric data, with an optional suffix. */
        NUMBER,
        /** Character program data (a mnemonic such as ON, MAX, REAL). */
        CHARACTER,
        /** String program data (single or double quotes). */
        STRING,
        /** Definite or indefinite length arbitrary block. */
        BLOCK,
        /** Expression program data, between parentheses. */
        EXPRESSION
    }

    private static final class Slot {
        Kind kind;
        double number;
        String text; // upper-case mnemonic, string content, expression text, or numeric suffix (null when none)
        byte[] block;
    }

    private Slot[] slots = new Slot[8];
    private int count;

    Arguments() {
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
        }
    }

    void clear() {
        count = 0;
    }

    private Slot add(Kind kind) {
        if (count == slots.length) {
            Slot[] grown = new Slot[slots.length * 2];
            System.arraycopy(slots, 0, grown, 0, slots.length);
            for (int i = slots.length; i < grown.length; i++) {
                grown[i] = new Slot();
            }
            slots = grown;
        }
        Slot s = slots[count++];
        s.kind = kind;
        s.text = null;
        s.block = null;
        s.number = 0;
        return s;
    }

    void addNumber(double value, String suffix) {
        add(Kind.NUMBER).number = value;
        slots[count - 1].text = suffix;
    }

    void addText(Kind kind, String text) {
        add(kind).text = text;
    }

    void addBlock(byte[] data) {
        add(Kind.BLOCK).block = data;
    }

    public int count() {
        return count;
    }

    public Kind kind(int i) {
        return slot(i).kind;
    }

    private Slot slot(int i) {
        if (i >= count) {
            throw ScpiError.MISSING_PARAMETER.exception();
        }
        return slots[i];
    }

    /**
     * A numeric parameter in the base unit, accepting MINimum, MAXimum and DEFault (and INFinity/NINFinity).
     *
     * @param unit the unit a suffix must belong to ({@link Unit#NONE}: no suffix allowed)
     * @param min the value MIN stands for
     * @param max the value MAX stands for
     * @param def the value DEF stands for
     */
    public double number(int i, Unit unit, double min, double max, double def) {
        Slot s = slot(i);
        switch (s.kind) {
            case NUMBER:
                return s.text == null ? s.number : s.number * unit.multiplier(s.text);
            case CHARACTER:
                if (matches(s.text, "MINimum")) {
                    return min;
                }
                if (matches(s.text, "MAXimum")) {
                    return max;
                }
                if (matches(s.text, "DEFault")) {
                    return def;
                }
                if (matches(s.text, "INFinity")) {
                    return 9.9e37;
                }
                if (matches(s.text, "NINFinity")) {
                    return -9.9e37;
                }
                throw ScpiError.ILLEGAL_PARAMETER_VALUE.exception();
            default:
                throw ScpiError.DATA_TYPE_ERROR.exception();
        }
    }

    /** A plain numeric parameter (MIN/MAX/DEF not meaningful here: they raise -224). */
    public double number(int i, Unit unit) {
        Slot s = slot(i);
        if (s.kind == Kind.CHARACTER) {
            throw ScpiError.ILLEGAL_PARAMETER_VALUE.exception();
        }
        return number(i, unit, Double.NaN, Double.NaN, Double.NaN);
    }

    /** An integer parameter: numeric data rounded to the nearest integer, as IEEE 488.2 §7.7.2.5 requires. */
    public long integer(int i, long min, long max, long def) {
        double v = number(i, Unit.NONE, min, max, def);
        if (Math.abs(v) > 9.0e18) {
            throw ScpiError.DATA_OUT_OF_RANGE.exception();
        }
        return Math.round(v);
    }

    /** A Boolean parameter: ON, OFF, or a number (non-zero after rounding is true, SCPI-99 7.3). */
    public boolean bool(int i) {
        Slot s = slot(i);
        if (s.kind == Kind.NUMBER) {
            if (s.text != null) {
                throw ScpiError.SUFFIX_NOT_ALLOWED.exception();
            }
            return Math.round(s.number) != 0;
        }
        if (s.kind == Kind.CHARACTER) {
            if (s.text.equals("ON")) {
                return true;
            }
            if (s.text.equals("OFF")) {
                return false;
            }
            throw ScpiError.ILLEGAL_PARAMETER_VALUE.exception();
        }
        throw ScpiError.DATA_TYPE_ERROR.exception();
    }

    /**
     * Which of the given SCPI mnemonics (written {@code LONGform} with the short form in capitals) the
     * character parameter names, as an index into {@code choices}.
     *
     * @throws ScpiException -104 for a parameter that is not character data, -224 for an unknown one
     */
    public int choice(int i, String... choices) {
        Slot s = slot(i);
        if (s.kind != Kind.CHARACTER) {
            throw ScpiError.DATA_TYPE_ERROR.exception();
        }
        for (int c = 0; c < choices.length; c++) {
            if (matches(s.text, choices[c])) {
                return c;
            }
        }
        throw ScpiError.ILLEGAL_PARAMETER_VALUE.exception();
    }

    /** Whether parameter {@code i} is character data naming {@code mnemonic} (long or short form). */
    public boolean isMnemonic(int i, String mnemonic) {
        return i < count && slots[i].kind == Kind.CHARACTER && matches(slots[i].text, mnemonic);
    }

    /** String program data (the content, quotes removed). Character data is refused with -104. */
    public String string(int i) {
        Slot s = slot(i);
        if (s.kind != Kind.STRING) {
            throw ScpiError.DATA_TYPE_ERROR.exception();
        }
        return s.text;
    }

    /** Character or string data as text (upper-case for character data), for parameters that accept either. */
    public String text(int i) {
        Slot s = slot(i);
        if (s.kind == Kind.CHARACTER || s.kind == Kind.STRING) {
            return s.text;
        }
        throw ScpiError.DATA_TYPE_ERROR.exception();
    }

    /**
     * Whether an upper-case mnemonic {@code given} is the long or short form of {@code pattern}
     * ({@code "MAXimum"}: short form MAX, long form MAXIMUM).
     */
    public static boolean matches(String given, String pattern) {
        int shortLen = 0;
        while (shortLen < pattern.length() && !Character.isLowerCase(pattern.charAt(shortLen))) {
            shortLen++;
        }
        if (given.length() == pattern.length()) {
            return given.equalsIgnoreCase(pattern);
        }
        return given.length() == shortLen && pattern.regionMatches(true, 0, given, 0, shortLen);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                b.append(',');
            }
            Slot s = slots[i];
            switch (s.kind) {
                case NUMBER -> b.append(s.number).append(s.text == null ? "" : s.text);
                case BLOCK -> b.append("#block(").append(s.block.length).append(')');
                default -> b.append(s.text);
            }
        }
        return b.toString();
    }

    static String ascii(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    static String upper(byte[] buf, int from, int to) {
        return ascii(buf, from, to).toUpperCase(Locale.ROOT);
    }
}
