package io.spinloop.emulator.physics;

import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fluctuation of a spectrum analyzer's displayed power around its mean: noise-like signals, detected and
 * averaged over n independent looks, read Gamma(n, 1)/n times their mean power (exponential for one look:
 * relative spread 1, shrinking as 1/√n). Samples come from precomputed tables, one per n, read with a fresh
 * random start and stride for each trace: a trace costs a table look-up per point, not a logarithm.
 */
public final class TraceNoise {
    private static final int SIZE = 1 << 14;
    private static final ConcurrentHashMap<Long, float[]> TABLES = new ConcurrentHashMap<>();

    private final float[] table;
    private int index;
    private int stride;

    private TraceNoise(float[] table, SplittableRandom rng) {
        this.table = table;
        this.index = rng.nextInt(SIZE);
        this.stride = (rng.nextInt(SIZE / 2) << 1) | 1; // odd: visits every entry once per cycle
    }

    /**
     * A noise source for a trace averaging {@code looks} independent looks (rounded to 1/16).
     *
     * @param rng draws this trace's start and stride
     */
    public static TraceNoise forLooks(double looks, SplittableRandom rng) {
        long key = Math.max(1, Math.round(Math.min(looks, 1e6) * 16));
        if (TABLES.size() > 256 && !TABLES.containsKey(key)) {
            TABLES.clear(); // only a client sweeping through hundreds of settings gets here
        }
        float[] table = TABLES.computeIfAbsent(key, k -> build(k / 16.0));
        return new TraceNoise(table, rng);
    }

    /** The next multiplicative factor (mean 1). */
    public double next() {
        index = (index + stride) & (SIZE - 1);
        return table[index];
    }

    private static float[] build(double shape) {
        SplittableRandom rng = new SplittableRandom(0x5EEDL ^ Double.doubleToLongBits(shape));
        float[] t = new float[SIZE];
        double sum = 0;
        for (int i = 0; i < SIZE; i++) {
            double g = gamma(shape, rng) / shape;
            t[i] = (float) g;
            sum += g;
        }
        // Remove the table's own sampling error in the mean, so averages are unbiased to float precision.
        float scale = (float) (SIZE / sum);
        for (int i = 0; i < SIZE; i++) {
            t[i] *= scale;
        }
        return t;
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (ACM TOMS 26, 363 (2000)). */
    static double gamma(double shape, SplittableRandom rng) {
        if (shape < 1) {
            return gamma(shape + 1, rng) * Math.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
