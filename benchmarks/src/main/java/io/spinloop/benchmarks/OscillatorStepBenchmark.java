package io.spinloop.benchmarks;

import io.spinloop.training.neuron.FloatOscillatorStep;
import io.spinloop.training.neuron.OscillatorNeuron;
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
 * The oscillator's exact step with its Jacobian ({@code OscillatorNeuron.stepWithJacobian}) over one neuron's row of
 * the training batch (60, one thread's half of 120), with C2's default loop unroll limit and with the launcher's
 * {@code -XX:LoopUnrollLimit=300} (issue 17): the same code, each in its own fork. And the float32 pass's call: one
 * layer of 32 neurons x 64 lanes as one flat row, in double for comparison and in float with each
 * {@link FloatOscillatorStep}: the plain loop (branch-free, vectorized by C2 from a limit of 250 on) and the Vector
 * API's (needs {@code --add-modules jdk.incubator.vector}; the same at either limit). A command-line
 * {@code -jvmArgsAppend} replaces the forks' own options (the unroll limits here), so with one keep the limit in it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OscillatorStepBenchmark {
    private static final int BATCH = 60;
    /** The spintronic default relaxation time, ns. */
    private static final double TAU = 4.205;
    private final OscillatorNeuron neuron = OscillatorNeuron.exact(TAU);
    private final double[] x = new double[BATCH];
    private final double[] drive = new double[BATCH];
    private final double[] next = new double[BATCH];
    private final double[] dx = new double[BATCH];
    private final double[] di = new double[BATCH];
    /** One layer of the float32 pass: 32 neurons x 64 lanes (60 padded to the 16-lane block). */
    private static final int LAYER = 32 * 64;
    private final float[] xf = new float[LAYER];
    private final float[] drivef = new float[LAYER];
    private final float[] nextf = new float[LAYER];
    private final float[] dxf = new float[LAYER];
    private final float[] dif = new float[LAYER];
    private final double[] xl = new double[LAYER];
    private final double[] drivel = new double[LAYER];
    private final double[] nextl = new double[LAYER];
    private final double[] dxl = new double[LAYER];
    private final double[] dil = new double[LAYER];
    private static final float GAMMA = (float) (1 / TAU);
    private final FloatOscillatorStep plainStep = FloatOscillatorStep.select(false, null);
    /** The Vector API's step where the fork has the module (checked by {@link #layerFloat}). */
    private final FloatOscillatorStep selectedStep = FloatOscillatorStep.SELECTED;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int r = 0; r < BATCH; r++) {
            x[r] = rng.nextDouble(0.05, 0.95);
            // a = I - 1/τ on both sides of 0, as in training.
            drive[r] = 1 / TAU + rng.nextDouble(-1.5, 1.5);
        }
        for (int i = 0; i < LAYER; i++) {
            xf[i] = (float) rng.nextDouble(0.05, 0.95);
            drivef[i] = (float) (1 / TAU + rng.nextDouble(-1.5, 1.5));
            xl[i] = xf[i];
            drivel[i] = drivef[i];
        }
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-XX:LoopUnrollLimit=60")
    public double[] defaultUnrollLimit() {
        neuron.stepWithJacobian(1.0, x, drive, next, dx, di, BATCH);
        return next;
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-XX:LoopUnrollLimit=300")
    public double[] launcherUnrollLimit() {
        neuron.stepWithJacobian(1.0, x, drive, next, dx, di, BATCH);
        return next;
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-XX:LoopUnrollLimit=300")
    public double[] layerDoubleLauncherLimit() {
        neuron.stepWithJacobian(1.0, xl, drivel, nextl, dxl, dil, LAYER);
        return nextl;
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-XX:LoopUnrollLimit=300")
    public float[] layerFloatLauncherLimit() {
        return layerFloat(plainStep, "plain");
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-XX:LoopUnrollLimit=60")
    public float[] layerFloatDefaultLimit() {
        return layerFloat(plainStep, "plain");
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:LoopUnrollLimit=300"})
    public float[] layerFloatVectorLauncherLimit() {
        return layerFloat(selectedStep, "vector");
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:LoopUnrollLimit=60"})
    public float[] layerFloatVectorDefaultLimit() {
        return layerFloat(selectedStep, "vector");
    }

    private float[] layerFloat(FloatOscillatorStep step, String expected) {
        if (!step.name().equals(expected)) {
            throw new IllegalStateException("fork runs the " + step.name() + " step (the vector one needs the module)");
        }
        step.stepWithJacobian(GAMMA, 1f, xf, drivef, nextf, dxf, dif, LAYER);
        return nextf;
    }
}
