package io.spinloop.training.data;

import java.util.SplittableRandom;

/**
 * Gaussian noise on the training inputs, drawn afresh each epoch (a regulariser; evaluation sees clean inputs).
 * Each example's deviates in an epoch come from a stream of their own, seeded by (run seed, epoch, example index in
 * the training set): the shards of a batch draw their own examples' noise on their own threads, and a run's noise
 * depends neither on the thread count, nor on the batch order, nor on where a resumed run restarts. One stream for
 * the whole epoch, drawn on the main thread before the first batch, cost 1.6 ms of a 35 ms epoch while both
 * training threads waited (issue 17).
 *
 * <p>The streams are {@link SplittableRandom}'s, each seeded by a SplitMix64 hash of the triple: two seeds that
 * differ by a small multiple of its gamma would give overlapping streams, which hashed seeds make as likely as two
 * random 64-bit numbers a few dozen apart. The deviates are {@code nextGaussian}'s (JDK 17's ziggurat), no lock, no
 * logarithm on the fast path.
 */
public final class InputNoise {
    private final double sigma;
    private final long runSeed;

    /**
     * @param sigma   standard deviation added to every input value ({@code > 0}; the digits' pixels are in [0, 1])
     * @param runSeed the run's seed
     */
    public InputNoise(double sigma, long runSeed) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("input noise must be a finite number > 0, got " + sigma);
        }
        this.sigma = sigma;
        this.runSeed = runSeed;
    }

    public double sigma() {
        return sigma;
    }

    /**
     * {@code row} plus this epoch's noise of training example {@code example}, written to {@code out} (which may
     * be {@code row} itself) and returned.
     */
    public double[] add(double[] row, int epoch, int example, double[] out) {
        SplittableRandom draws = new SplittableRandom(streamSeed(epoch, example));
        for (int j = 0; j < row.length; j++) {
            out[j] = row[j] + sigma * draws.nextGaussian();
        }
        return out;
    }

    /** Noisy copies of {@code rows[first .. first + count)}, whose training-set indices are {@code examples[first ..]}. */
    public double[][] addToRows(double[][] rows, int first, int count, int epoch, int[] examples) {
        double[][] out = new double[count][];
        for (int i = 0; i < count; i++) {
            double[] row = rows[first + i];
            out[i] = add(row, epoch, examples[first + i], new double[row.length]);
        }
        return out;
    }

    private long streamSeed(int epoch, int example) {
        long h = mix(runSeed ^ 0x6A09E667F3BCC909L);
        h = mix(h + epoch);
        return mix(h + example);
    }

    /** SplitMix64's finaliser (Stafford's variant 13): every input bit moves about half the output bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
