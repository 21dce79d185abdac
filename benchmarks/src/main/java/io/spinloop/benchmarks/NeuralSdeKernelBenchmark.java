package io.spinloop.benchmarks;

import io.spinloop.twin.model.FloatNeuralSdeKernel;
import io.spinloop.twin.model.NeuralSde;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.model.NeuralSdeKernel;
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
 * The neural-SDE twin's fused kernels at the fit's shape (standard architecture: drift 16 + 16, diffusion 16): the
 * transition loss with its gradient over 512 rows (one thread's half of a 1,024-row batch) and one sampling step of
 * 512 trajectories (a sampling chunk), in float64; the loss with its gradient and the loss alone also in float32
 * ({@link FloatNeuralSdeKernel}, the fit's default). Divide by 512 for the time per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NeuralSdeKernelBenchmark {
    private static final int ROWS = 512;
    private NeuralSdeKernel kernel;
    private FloatNeuralSdeKernel floatKernel;
    private final double[] previous = new double[ROWS];
    private final double[] drive = new double[ROWS];
    private final double[] next = new double[ROWS];
    private final double[] xi = new double[ROWS];
    private final double[] out = new double[ROWS];

    @Setup
    public void setUp() {
        NeuralSde sde = new NeuralSde(NeuralSdeArchitecture.standard(), 7);
        kernel = new NeuralSdeKernel(sde);
        floatKernel = new FloatNeuralSdeKernel(sde);
        SplittableRandom rng = new SplittableRandom(17);
        for (int i = 0; i < ROWS; i++) {
            previous[i] = rng.nextDouble(-2, 2);
            drive[i] = rng.nextDouble(-1, 1);
            next[i] = previous[i] + rng.nextGaussian() * 0.1;
            xi[i] = rng.nextGaussian();
        }
    }

    @Benchmark
    public double transitionLossWithGradient() {
        kernel.zeroGrad();
        return kernel.transitionLoss(previous, drive, next, null, 0, ROWS, 0.01, 1.0 / ROWS, true);
    }

    @Benchmark
    public double[] samplingStep() {
        kernel.step(previous, drive, 0.01, xi, out, ROWS);
        return out;
    }

    /** The float32 kernel (the fit's default) on the same rows; the two above are float64. */
    @Benchmark
    public double transitionLossWithGradientFloat() {
        floatKernel.zeroGrad();
        return floatKernel.transitionLoss(previous, drive, null, next, null, 0, ROWS, 0.01, 1.0 / ROWS, true);
    }

    @Benchmark
    public double transitionLossOnlyFloat() {
        return floatKernel.transitionLoss(previous, drive, null, next, null, 0, ROWS, 0.01, 1.0 / ROWS, false);
    }

    @Benchmark
    public double transitionLossOnly() {
        return kernel.transitionLoss(previous, drive, next, null, 0, ROWS, 0.01, 1.0 / ROWS, false);
    }
}
