package io.spinloop.app.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded damage to a file's bytes, the way disks, transfers and editors damage files: random bytes overwritten,
 * the end cut off, single bits flipped; and, for YAML, the mistakes of a person editing it (a line dropped, a key
 * given twice, a number written as a word). The same seed gives the same damage, so a failing case is replayed by
 * its name.
 */
final class Mutator {
    /** A damaged copy and what was done to it. */
    record Mutant(String name, byte[] bytes) {
    }

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?(?![\\w.])");
    private static final String[] WORDS = {"three", "\"2.0\"", "null", "~", "[]", "{}", "yes", ".inf", "-.nan",
        "1e999", "0x10", "2147483648", "-1", "0", "''", "100000", "65536", "1e300", "3.5"};

    private final SplittableRandom random;

    Mutator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One of: random bytes, truncation, bit flips (chosen by the seed). */
    Mutant bytes(byte[] original) {
        return switch (random.nextInt(3)) {
            case 0 -> randomBytes(original);
            case 1 -> truncate(original);
            default -> flipBits(original);
        };
    }

    /** 1 to 8 bytes overwritten with random values, at random places. */
    Mutant randomBytes(byte[] original) {
        byte[] b = original.clone();
        int n = 1 + random.nextInt(8);
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < n && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            b[at] = (byte) random.nextInt(256);
            where.append(i == 0 ? "" : ",").append(at);
        }
        return new Mutant("random bytes at " + where, b);
    }

    /** The file cut at a random length (possibly to nothing). */
    Mutant truncate(byte[] original) {
        int to = original.length == 0 ? 0 : random.nextInt(original.length);
        return new Mutant("truncated to " + to + " of " + original.length + " bytes", Arrays.copyOf(original, to));
    }

    /** 1 to 4 single bits flipped. */
    Mutant flipBits(byte[] original) {
        byte[] b = original.clone();
        int n = 1 + random.nextInt(4);
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < n && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            int bit = random.nextInt(8);
            b[at] ^= (byte) (1 << bit);
            where.append(i == 0 ? "" : ",").append(at).append('.').append(bit);
        }
        return new Mutant("bits flipped at " + where, b);
    }

    /**
     * A person's edit of a YAML (or JSON) text: a line dropped, a key line duplicated, or a number replaced by a word
     * or another number.
     */
    Mutant text(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int kind = random.nextInt(3);
        if (kind == 0) {
            int at = random.nextInt(lines.size());
            lines.remove(at);
            return text("line " + (at + 1) + " dropped", lines);
        }
        if (kind == 1) {
            List<Integer> keys = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*(- )?\"?[A-Za-z_]+\"?\\s*:.*")) {
                    keys.add(i);
                }
            }
            int at = keys.get(random.nextInt(keys.size()));
            lines.add(at + 1, lines.get(at).replaceFirst("- ", "  "));
            return text("key line " + (at + 1) + " duplicated", lines);
        }
        List<int[]> numbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int hash = l.indexOf('#');
            Matcher m = NUMBER.matcher(hash < 0 ? l : l.substring(0, hash));
            while (m.find()) {
                numbers.add(new int[] {i, m.start(), m.end()});
            }
        }
        int[] n = numbers.get(random.nextInt(numbers.size()));
        String word = WORDS[random.nextInt(WORDS.length)];
        String l = lines.get(n[0]);
        lines.set(n[0], l.substring(0, n[1]) + word + l.substring(n[2]));
        return text("number on line " + (n[0] + 1) + " replaced by " + word, lines);
    }

    private static Mutant text(String name, List<String> lines) {
        return new Mutant(name, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
}
