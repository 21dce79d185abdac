package io.spinloop.benchmarks;

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
 * The BPTT weight gradient (one step of one layer, as {@link SparseProductBenchmark#weightGradient}: 32 x 32 at
 * density 0.5, batch 60) with each of its two kernels, each in its own fork since the kernel is chosen once per JVM:
 * the Vector API's (module added) and the plain-Java one (module added but switched off by the property, so that
 * the two forks differ in nothing else).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WeightGradientBenchmark {
    private static final int UNITS = 32;
    private static final int BATCH = 60;
    private SparseWeights weights;
    private double[] gradient;
    private final double[][] x = new double[UNITS][BATCH];
    private final double[][] gy = new double[UNITS][BATCH];

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(17);
        double[] mask = new double[UNITS * UNITS];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < 0.5 ? 1 : 0;
        }
        weights = SparseWeights.of(UNITS, UNITS, mask);
        gradient = new double[weights.kept()];
        for (int k = 0; k < UNITS; k++) {
            for (int r = 0; r < BATCH; r++) {
                x[k][r] = rng.nextDouble(-1, 1);
                gy[k][r] = rng.nextDouble(-1, 1);
            }
        }
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dspinloop.vectorApi=false"})
    public double[] scalar() {
        return run("scalar");
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public double[] vector() {
        return run("vector");
    }

    private double[] run(String expected) {
        if (!SparseWeights.weightGradientKernel().equals(expected)) {
            throw new IllegalStateException("fork runs the " + SparseWeights.weightGradientKernel() + " kernel");
        }
        weights.accumulateWeightGradient(x, gy, BATCH, gradient);
        return gradient;
    }
}
