package io.spinloop.benchmarks;

import io.spinloop.autodiff.CacheLineBlocks;
import io.spinloop.autodiff.SparseWeights;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The BPTT kernel's three products for one step of one layer, at the training benchmark's shape: a 32 x 32 weight
 * matrix at density 0.5 over a batch of 60 rows (one thread's half of 120), feature-major. The float cases are the
 * float32 pass's: rows of 64 lanes (60 padded to the 16-lane block) as ranges of one cache-line aligned block
 * ({@code CacheLineBlocks}), the inputs read out of a pass's long rows, through the kernel this JVM picks
 * ({@code SparseWeights.floatKernel()}): the plain one as run here, the Vector API's with
 * {@code -jvmArgsAppend "--add-modules jdk.incubator.vector"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SparseProductBenchmark {
    private static final int UNITS = 32;
    private static final int BATCH = 60;
    private SparseWeights weights;
    private double[] packed;
    private double[] gradient;
    private final double[][] x = new double[UNITS][BATCH];
    private final double[][] y = new double[UNITS][BATCH];
    private static final int LANES = 64;
    private float[] packedF;
    private static final int STEPS = 64;
    /**
     * A pass's long rows: the steps' lanes one after the other, and one step more (the inputs start a step earlier),
     * from {@link CacheLineBlocks#ORIGIN} on.
     */
    private static final int LONG = (STEPS + 1) * LANES;
    private float[] xLong;
    /** One step's outputs, flat. */
    private final float[] yf = new float[UNITS * LANES];

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(17);
        double[] mask = new double[UNITS * UNITS];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < 0.5 ? 1 : 0;
        }
        weights = SparseWeights.of(UNITS, UNITS, mask);
        packed = new double[weights.kept()];
        gradient = new double[weights.kept()];
        for (int p = 0; p < packed.length; p++) {
            packed[p] = rng.nextDouble(-0.3, 0.3);
        }
        for (double[] row : x) {
            for (int r = 0; r < BATCH; r++) {
                row[r] = rng.nextDouble(-1, 1);
            }
        }
        packedF = new float[weights.kept()];
        for (int p = 0; p < packed.length; p++) {
            packedF[p] = (float) packed[p];
        }
        xLong = CacheLineBlocks.allocate(UNITS * LONG);
        for (int k = 0; k < UNITS; k++) {
            int row = CacheLineBlocks.ORIGIN + k * LONG;
            for (int i = 0; i < LONG; i++) {
                xLong[row + i] = (float) rng.nextDouble(-1, 1);
            }
            for (int r = 0; r < BATCH; r++) {
                xLong[row + LANES + r] = (float) x[k][r];
            }
        }
    }

    @Benchmark
    public double[][] forward() {
        weights.multiplyAdd(packed, x, BATCH, y);
        return y;
    }

    @Benchmark
    public double[][] inputGradient() {
        weights.multiplyTransposedAdd(packed, x, BATCH, y);
        return y;
    }

    @Benchmark
    public double[] weightGradient() {
        weights.accumulateWeightGradient(x, x, BATCH, gradient);
        return gradient;
    }

    /** Step 0's inputs (block 1 of the long rows) into flat outputs, as the float32 pass's forward reads them. */
    @Benchmark
    public float[] forwardFloat() {
        weights.multiplyAdd(packedF, xLong, CacheLineBlocks.ORIGIN + LANES, LONG, yf, 0, LANES, LANES);
        return yf;
    }

    @Benchmark
    public float[] inputGradientFloat() {
        weights.multiplyTransposedAdd(packedF, xLong, CacheLineBlocks.ORIGIN + LANES, LONG, yf, 0, LANES, LANES);
        return yf;
    }

    /**
     * The float weight gradient as the float32 pass runs it: once per pass over rows holding its 64 steps' lanes one
     * after the other (divide by {@link #STEPS} for the time per step, comparable with the double case).
     */
    @Benchmark
    public double[] weightGradientFloatPass() {
        weights.accumulateWeightGradient(xLong, CacheLineBlocks.ORIGIN + LANES, LONG, xLong, CacheLineBlocks.ORIGIN,
                LONG, STEPS * LANES, gradient);
        return gradient;
    }
}
