package io.spinloop.twin.model;

import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.MatrixOps;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.DeviceModel;
import java.util.SplittableRandom;

/**
 * The neural SDE {@code dx = f_θ(x,u) dt + g_φ(x,u) dW} (seed 004), stepped by Euler–Maruyama, in
 * normalised units (state component 0 is the normalised measured power, then the latent states, then, with a
 * drive history, the normalised drives of the previous steps, newest first; input is the normalised drive; time
 * in sample intervals). {@code f} is a two-layer tanh MLP, {@code g} a one-layer tanh
 * MLP through an exponential plus a floor, so the diffusion is positive and diagonal.
 *
 * <p>Parameter names ({@code drift.w1}, {@code diffusion.b2}, ...) are what twin files store.
 */
public final class NeuralSde implements DeviceModel {
    public static final String KIND = "neural-sde";

    private final NeuralSdeArchitecture arch;
    private double restState;
    private final Parameters parameters = new Parameters();
    private final Parameter w1;
    private final Parameter b1;
    private final Parameter w2;
    private final Parameter b2;
    private final Parameter w3;
    private final Parameter b3;
    private final Parameter v1;
    private final Parameter c1;
    private final Parameter v2;
    private final Parameter c2;

    /** A fresh network with seeded Glorot-style weights; the last drift layer starts small. */
    public NeuralSde(NeuralSdeArchitecture arch, long seed) {
        this.arch = arch;
        SplittableRandom rng = new SplittableRandom(seed);
        int n = arch.dynamicSize();
        int in = arch.networkInputs();
        int h = arch.driftHidden();
        int hd = arch.diffusionHidden();
        w1 = parameters.add(Parameter.of("drift.w1", in, h, random(rng, in, h, 1.0)));
        b1 = parameters.add(Parameter.of("drift.b1", 1, h, new double[h]));
        w2 = parameters.add(Parameter.of("drift.w2", h, h, random(rng, h, h, 1.0)));
        b2 = parameters.add(Parameter.of("drift.b2", 1, h, new double[h]));
        w3 = parameters.add(Parameter.of("drift.w3", h, n, random(rng, h, n, 0.1)));
        b3 = parameters.add(Parameter.of("drift.b3", 1, n, new double[n]));
        if (arch.diffusion()) {
            v1 = parameters.add(Parameter.of("diffusion.w1", in, hd, random(rng, in, hd, 1.0)));
            c1 = parameters.add(Parameter.of("diffusion.b1", 1, hd, new double[hd]));
            v2 = parameters.add(Parameter.of("diffusion.w2", hd, n, random(rng, hd, n, 0.1)));
            // exp(-2.3) = 0.1: start with a noise of a tenth of the data's spread per step.
            double[] start = new double[n];
            java.util.Arrays.fill(start, -2.3);
            c2 = parameters.add(Parameter.of("diffusion.b2", 1, n, start));
        } else {
            v1 = null;
            c1 = null;
            v2 = null;
            c2 = null;
        }
    }

    /**
     * How many values the parameters of a network of this shape hold (what the constructor allocates), counted
     * without allocating: a twin file's architecture is checked against its stored parameters with it before a
     * damaged width can ask for gigabytes.
     */
    public static long parameterCount(NeuralSdeArchitecture arch) {
        long n = arch.dynamicSize();
        long in = arch.networkInputs();
        long h = arch.driftHidden();
        long hd = arch.diffusionHidden();
        long drift = in * h + h + h * h + h + h * n + n;
        return drift + (arch.diffusion() ? in * hd + hd + hd * n + n : 0);
    }

    private static double[] random(SplittableRandom rng, int fanIn, int fanOut, double gain) {
        double s = gain * Math.sqrt(2.0 / (fanIn + fanOut));
        // An int product that overflows would be a negative or wrong size: fail naming the size instead.
        double[] w = new double[NeuralSdeArchitecture.matrixSize(fanIn, fanOut)];
        for (int i = 0; i < w.length; i++) {
            w[i] = s * rng.nextGaussian();
        }
        return w;
    }

    public NeuralSdeArchitecture architecture() {
        return arch;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int stateSize() {
        return arch.stateSize();
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int noiseSize() {
        return arch.diffusion() ? arch.dynamicSize() : 0;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    /**
     * The device at rest, before a sequence: the observed component at {@link #restState()} (the normalised value
     * of zero power, set by the fit: the source is off between sequences), latent states zero, past drives equal
     * to the first drive {@code u0}. The source was off before, but at zero power p = P/(k I²) = 0 whichever
     * past drive divides it, and repeating u0 keeps the networks' inputs inside the range of the drives they were
     * fitted on (0 A is far outside it, and a fit sees it only once per sequence).
     */
    @Override
    public Tensor initialState(Tape tape, Tensor u0) {
        int n = stateSize();
        Tensor x = Tensor.zeros(u0.rows(), n);
        for (int r = 0; r < u0.rows(); r++) {
            x.data()[r * n] = restState;
            for (int j = arch.dynamicSize(); j < n; j++) {
                x.data()[r * n + j] = u0.data()[r * u0.cols()];
            }
        }
        return x;
    }

    /** Normalised observed state before a sequence starts (default 0, the data mean). */
    public double restState() {
        return restState;
    }

    public void setRestState(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("rest state must be finite, got " + v);
        }
        restState = v;
    }

    /** The drift f(x, u) of the dynamic components: B x {@link NeuralSdeArchitecture#dynamicSize()}. */
    public Tensor drift(Tape tape, Tensor x, Tensor u) {
        Tensor in = MatrixOps.concatColumns(tape, x, u);
        Tensor h1 = ElementwiseOps.tanh(tape, MatrixOps.linear(tape, in, w1.value(), b1.value()));
        Tensor h2 = ElementwiseOps.tanh(tape, MatrixOps.linear(tape, h1, w2.value(), b2.value()));
        return MatrixOps.linear(tape, h2, w3.value(), b3.value());
    }

    /** The diffusion g(x, u) > 0 of the dynamic components: B x dynamicSize; null for a deterministic twin. */
    public Tensor diffusion(Tape tape, Tensor x, Tensor u) {
        if (!arch.diffusion()) {
            return null;
        }
        Tensor in = MatrixOps.concatColumns(tape, x, u);
        Tensor h = ElementwiseOps.tanh(tape, MatrixOps.linear(tape, in, v1.value(), c1.value()));
        // exp, not softplus: measured noise spans decades between sub-threshold and full power, and a log-linear
        // output reaches them all with the same ease.
        Tensor g = ElementwiseOps.exp(tape, MatrixOps.linear(tape, h, v2.value(), c2.value()));
        return arch.minDiffusion() > 0 ? ElementwiseOps.shift(tape, g, arch.minDiffusion()) : g;
    }

    @Override
    public Tensor step(Tape tape, Tensor x, Tensor u, double dt, Tensor xi) {
        int d = arch.dynamicSize();
        int h = arch.driveHistory();
        Tensor dyn = h == 0 ? x : MatrixOps.columns(tape, x, 0, d);
        Tensor next = ElementwiseOps.add(tape, dyn, ElementwiseOps.scale(tape, drift(tape, x, u), dt));
        if (xi != null && arch.diffusion()) {
            Tensor noise = ElementwiseOps.mul(tape, diffusion(tape, x, u), xi);
            next = ElementwiseOps.add(tape, next, ElementwiseOps.scale(tape, noise, Math.sqrt(dt)));
        }
        if (h == 0) {
            return next;
        }
        // The history shifts by one: this step's drive becomes u_{t-1}, the oldest drops out.
        Tensor history = h == 1 ? u : MatrixOps.concatColumns(tape, u, MatrixOps.columns(tape, x, d, d + h - 1));
        return MatrixOps.concatColumns(tape, next, history);
    }

    /** Parameter tensors in the order the fused kernels of {@link NeuralSdeKernel} take them. */
    double[][] weights() {
        return arch.diffusion()
                ? new double[][] {w1.value().data(), b1.value().data(), w2.value().data(), b2.value().data(),
                    w3.value().data(), b3.value().data(), v1.value().data(), c1.value().data(), v2.value().data(),
                    c2.value().data()}
                : new double[][] {w1.value().data(), b1.value().data(), w2.value().data(), b2.value().data(),
                    w3.value().data(), b3.value().data()};
    }

    /** The fused sampling kernel (no latent state; any drive history); null (tape path) with latent states. */
    @Override
    public io.spinloop.twin.SampleStepper stepper() {
        if (arch.latent() != 0) {
            return null;
        }
        NeuralSdeKernel k = new NeuralSdeKernel(this);
        return new io.spinloop.twin.SampleStepper() {
            @Override
            public void step(double[] x, double[] u, double dt, double[] xi, double[] out, int n) {
                k.step(x, u, dt, xi, out, n);
            }

            @Override
            public void observe(double[] x, double[] u, double[] y, int n) {
                int w = stateSize();
                for (int r = 0; r < n; r++) {
                    y[r] = x[r * w];
                }
            }
        };
    }

    /** The normalised power: state component 0. */
    @Override
    public Tensor observe(Tape tape, Tensor x, Tensor u) {
        return stateSize() == 1 ? x : MatrixOps.columns(tape, x, 0, 1);
    }
}
