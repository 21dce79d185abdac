package io.spinloop.emulator.scpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A command header as the manuals write it, such as {@code [:SOURce]:CURRent[:LEVel][:IMMediate][:AMPLitude]}
 * or {@code :CALCulate:MARKer#12:MAXimum[:PEAK]}, compiled for matching. Square brackets mark optional nodes;
 * {@code a|b} gives alternative mnemonics for one node; {@code #} after a mnemonic allows a numeric suffix,
 * optionally followed by its largest value. A trailing {@code ?} makes it a query.
 */
final class HeaderPattern {
    private static final class Node {
        final String[] longForms;
        final String[] shortForms;
        final boolean optional;
        final boolean suffixed;
        final int maxSuffix;

        Node(String[] longForms, String[] shortForms, boolean optional, boolean suffixed, int maxSuffix) {
            this.longForms = longForms;
            this.shortForms = shortForms;
            this.optional = optional;
            this.suffixed = suffixed;
            this.maxSuffix = maxSuffix;
        }
    }

    /** Outcome of matching: which suffixes were given, or whether a suffix was out of range. */
    static final class Match {
        final int[] suffixes;
        final boolean suffixOutOfRange;

        Match(int[] suffixes, boolean suffixOutOfRange) {
            this.suffixes = suffixes;
            this.suffixOutOfRange = suffixOutOfRange;
        }
    }

    private final String text;
    private final Node[] nodes;
    private final boolean query;
    private final int suffixCount;

    HeaderPattern(String text) {
        this.text = text;
        String t = text.trim();
        query = t.endsWith("?");
        if (query) {
            t = t.substring(0, t.length() - 1);
        }
        List<Node> list = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            boolean optional = t.charAt(i) == '[';
            int close;
            String body;
            if (optional) {
                close = t.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unbalanced [ in header pattern " + text);
                }
                body = t.substring(i + 1, close);
                i = close + 1;
            } else {
                int next = i + 1;
                while (next < t.length() && t.charAt(next) != ':' && t.charAt(next) != '[') {
                    next++;
                }
                body = t.substring(i, next);
                i = next;
            }
            if (body.startsWith(":")) {
                body = body.substring(1);
            }
            if (body.isEmpty()) {
                throw new IllegalArgumentException("empty node in header pattern " + text);
            }
            list.add(node(body, optional));
        }
        nodes = list.toArray(new Node[0]);
        int s = 0;
        for (Node n : nodes) {
            if (n.suffixed) {
                s++;
            }
        }
        suffixCount = s;
    }

    private static Node node(String body, boolean optional) {
        boolean suffixed = false;
        int maxSuffix = Integer.MAX_VALUE;
        int hash = body.indexOf('#');
        if (hash >= 0) {
            suffixed = true;
            if (hash + 1 < body.length()) {
                maxSuffix = Integer.parseInt(body.substring(hash + 1));
            }
            body = body.substring(0, hash);
        }
        String[] alternatives = body.split("\\|");
        String[] longs = new String[alternatives.length];
        String[] shorts = new String[alternatives.length];
        for (int a = 0; a < alternatives.length; a++) {
            String alt = alternatives[a];
            int shortLen = 0;
            while (shortLen < alt.length() && !Character.isLowerCase(alt.charAt(shortLen))) {
                shortLen++;
            }
            longs[a] = alt.toUpperCase(Locale.ROOT);
            shorts[a] = alt.substring(0, shortLen).toUpperCase(Locale.ROOT);
        }
        return new Node(longs, shorts, optional, suffixed, maxSuffix);
    }

    boolean isQuery() {
        return query;
    }

    String text() {
        return text;
    }

    /**
     * Matches the full path of upper-case mnemonics (suffixes attached), trying optional nodes both present and
     * absent. Returns null when the header is not this pattern.
     */
    Match match(List<String> mnemonics) {
        int[] suffixes = new int[suffixCount];
        boolean[] bad = new boolean[1];
        if (match(0, 0, 0, mnemonics, suffixes, bad)) {
            return new Match(suffixes, bad[0]);
        }
        return null;
    }

    private boolean match(int ni, int mi, int si, List<String> in, int[] suffixes, boolean[] bad) {
        if (ni == nodes.length) {
            return mi == in.size();
        }
        Node node = nodes[ni];
        if (mi < in.size()) {
            String m = in.get(mi);
            int digitsAt = m.length();
            while (digitsAt > 0 && Character.isDigit(m.charAt(digitsAt - 1))) {
                digitsAt--;
            }
            boolean hasDigits = digitsAt < m.length() && digitsAt > 0;
            if (isForm(node, m)) {
                if (node.suffixed) {
                    suffixes[si] = 1;
                }
                if (match(ni + 1, mi + 1, node.suffixed ? si + 1 : si, in, suffixes, bad)) {
                    return true;
                }
            } else if (hasDigits && isForm(node, m.substring(0, digitsAt))) {
                long suffix = parseSuffix(m.substring(digitsAt));
                boolean outOfRange = !node.suffixed ? suffix != 1 : suffix < 1 || suffix > node.maxSuffix;
                if (node.suffixed) {
                    suffixes[si] = (int) Math.min(suffix, Integer.MAX_VALUE);
                }
                if (match(ni + 1, mi + 1, node.suffixed ? si + 1 : si, in, suffixes, bad)) {
                    bad[0] |= outOfRange;
                    return true;
                }
            }
        }
        if (node.optional) {
            if (node.suffixed) {
                suffixes[si] = 1;
            }
            return match(ni + 1, mi, node.suffixed ? si + 1 : si, in, suffixes, bad);
        }
        return false;
    }

    private static long parseSuffix(String digits) {
        return digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static boolean isForm(Node node, String m) {
        for (int a = 0; a < node.longForms.length; a++) {
            if (m.equals(node.longForms[a]) || m.equals(node.shortForms[a])) {
                return true;
            }
        }
        return false;
    }
}
