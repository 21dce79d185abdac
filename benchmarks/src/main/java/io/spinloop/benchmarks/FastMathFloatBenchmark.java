package io.spinloop.benchmarks;

import io.spinloop.autodiff.FastMath;
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
 * {@link FastMath#tanhFloat} (the float32 twin kernel's activation) over 1,024 float arguments, against {@code
 * Math.tanh} through double and against {@link FastMath#tanh} over the same arguments as doubles (time per array:
 * divide by 1,024 for a call), in the loop shape the kernels use.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FastMathFloatBenchmark {
    private static final int N = 1024;
    private final float[] args = new float[N];
    private final double[] argsDouble = new double[N];
    private final float[] out = new float[N];
    private final double[] outDouble = new double[N];

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int i = 0; i < N; i++) {
            args[i] = (float) rng.nextDouble(-4, 4);
            argsDouble[i] = args[i];
        }
    }

    @Benchmark
    public float[] mathTanhFloat() {
        for (int i = 0; i < N; i++) {
            out[i] = (float) Math.tanh(args[i]);
        }
        return out;
    }

    @Benchmark
    public float[] fastTanhFloat() {
        for (int i = 0; i < N; i++) {
            out[i] = FastMath.tanhFloat(args[i]);
        }
        return out;
    }

    @Benchmark
    public double[] fastTanhDouble() {
        for (int i = 0; i < N; i++) {
            outDouble[i] = FastMath.tanh(argsDouble[i]);
        }
        return outDouble;
    }
}
