package io.spinloop.measurements.fuzz;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded damage to a file's bytes, as disks, copies and crashes do it: bit flips, runs of random bytes written
 * over the content, and truncation. The same seed gives the same mutations, so a failing case is reproduced
 * from its number alone. Used by the fuzz tests of every file format (journals, measurement files, twin files,
 * weights, lab-configs): give it the bytes of a valid file and run the real entry point on what comes back.
 */
public final class ByteMutator {

    /** What was done to the bytes. */
    public enum Kind {
        /** 1 to 8 single bits inverted at random offsets. */
        BIT_FLIPS,
        /** 1 to 3 runs of 1 to 16 random bytes written over the content (the "4 corrupt bytes" case). */
        RANDOM_BYTES,
        /** The file cut at a random length, from 0 to one byte short. */
        TRUNCATION
    }

    /**
     * One damaged copy.
     *
     * @param kind        what was done
     * @param bytes       the damaged content
     * @param firstChange the first offset that differs from the original (for a truncation, the new length)
     * @param description what was done, where, for a failure message ("bit flips at 1203:4, 88:0")
     */
    public record Mutation(Kind kind, byte[] bytes, int firstChange, String description) {
    }

    private final SplittableRandom random;

    public ByteMutator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A mutation of a kind chosen at random (each equally likely). */
    public Mutation mutate(byte[] original) {
        Kind[] kinds = Kind.values();
        return mutate(original, kinds[random.nextInt(kinds.length)]);
    }

    public Mutation mutate(byte[] original, Kind kind) {
        if (original.length == 0) {
            throw new IllegalArgumentException("nothing to mutate: the input is empty");
        }
        return switch (kind) {
            case BIT_FLIPS -> flipBits(original, 1 + random.nextInt(8));
            case RANDOM_BYTES -> randomBytes(original, 1 + random.nextInt(3));
            case TRUNCATION -> truncate(original);
        };
    }

    /** {@code n} random bits inverted (an offset may be hit twice; the flips then cancel, which is a valid case). */
    public Mutation flipBits(byte[] original, int n) {
        byte[] b = original.clone();
        StringBuilder d = new StringBuilder("bit flips at");
        int first = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            int at = random.nextInt(b.length);
            int bit = random.nextInt(8);
            b[at] ^= (byte) (1 << bit);
            first = Math.min(first, at);
            d.append(i == 0 ? " " : ", ").append(at).append(':').append(bit);
        }
        return new Mutation(Kind.BIT_FLIPS, b, firstDifference(original, b, first), d.toString());
    }

    /** {@code runs} runs of 1 to 16 random bytes written over the content. */
    public Mutation randomBytes(byte[] original, int runs) {
        byte[] b = original.clone();
        StringBuilder d = new StringBuilder("random bytes at");
        int first = Integer.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            int len = 1 + random.nextInt(16);
            int at = random.nextInt(b.length);
            int end = Math.min(b.length, at + len);
            for (int k = at; k < end; k++) {
                b[k] = (byte) random.nextInt(256);
            }
            first = Math.min(first, at);
            d.append(i == 0 ? " " : ", ").append(at).append('+').append(end - at);
        }
        return new Mutation(Kind.RANDOM_BYTES, b, firstDifference(original, b, first), d.toString());
    }

    /** The content cut at a random length in [0, length). */
    public Mutation truncate(byte[] original) {
        int len = random.nextInt(original.length);
        return new Mutation(Kind.TRUNCATION, Arrays.copyOf(original, len), len, "truncated to " + len + " of "
                + original.length + " bytes");
    }

    /** The first offset where the two differ, at or after {@code from}; the length if they do not (flips cancelled). */
    private static int firstDifference(byte[] a, byte[] b, int from) {
        for (int i = Math.min(from, a.length); i < a.length; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length;
    }
}
