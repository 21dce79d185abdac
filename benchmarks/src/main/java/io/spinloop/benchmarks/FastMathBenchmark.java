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
 * {@link FastMath#tanh} and {@link FastMath#exp} against {@code Math.tanh} and {@code Math.exp} over an array of
 * 1,024 arguments (time per array: divide by 1,024 for a call), in the loops the kernels use them in.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FastMathBenchmark {
    private static final int N = 1024;
    private final double[] tanhArgs = new double[N];
    private final double[] expArgs = new double[N];
    private final double[] out = new double[N];

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int i = 0; i < N; i++) {
            tanhArgs[i] = rng.nextDouble(-4, 4);
            expArgs[i] = rng.nextDouble(-10, 10);
        }
    }

    @Benchmark
    public double[] mathTanh() {
        for (int i = 0; i < N; i++) {
            out[i] = Math.tanh(tanhArgs[i]);
        }
        return out;
    }

    @Benchmark
    public double[] fastTanh() {
        for (int i = 0; i < N; i++) {
            out[i] = FastMath.tanh(tanhArgs[i]);
        }
        return out;
    }

    @Benchmark
    public double[] mathExp() {
        for (int i = 0; i < N; i++) {
            out[i] = Math.exp(expArgs[i]);
        }
        return out;
    }

    @Benchmark
    public double[] fastExp() {
        for (int i = 0; i < N; i++) {
            out[i] = FastMath.exp(expArgs[i]);
        }
        return out;
    }

    /** The oscillator step's e^{-|z|}: {@link FastMath#expNegAbs} against {@code Math.exp(-Math.abs(z))}. */
    @Benchmark
    public double[] mathExpNegAbs() {
        for (int i = 0; i < N; i++) {
            out[i] = Math.exp(-Math.abs(expArgs[i]));
        }
        return out;
    }

    @Benchmark
    public double[] fastExpNegAbs() {
        for (int i = 0; i < N; i++) {
            out[i] = FastMath.expNegAbs(expArgs[i]);
        }
        return out;
    }
}
