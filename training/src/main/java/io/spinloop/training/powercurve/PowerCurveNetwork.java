package io.spinloop.training.powercurve;

import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.MatrixOps;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.twin.physics.PowerCurve;
import io.spinloop.twin.physics.PowerCurveArray;
import java.util.Random;

/**
 * The dynamical neural network of seed 003 (Rodrigues et al., eq. 4-6): k STNOs whose stationary
 * powers evolve as {@code p_i(t+1) = p(I_i)}, {@code I_i = (sum_j A_ij(t) p_j(t) + B_i(t))^2}; the
 * input is written into p(0) and the final powers p(n) feed a fully connected softmax layer.
 *
 * <p>Training. The seed trains A(t), B(t) and the readout by optimal control (its ref. [9]): minimize
 * the loss subject to the equations of motion, with the adjoint (co-state) equations run backwards in
 * time. For this discrete-time system the adjoint recursion {@code lambda(t) = (d p(t+1)/d p(t))^T lambda(t+1)}
 * with {@code dL/dA(t) = lambda(t+1)^T d p(t+1)/d A(t)} is exactly back-propagation through time, so
 * the network is simply recorded on an autodiff {@link Tape} and differentiated: the gradients are the
 * optimal-control gradients, not an approximation of them.
 *
 * <p>Each time step has its own A(t) (k x k, stored inputs x outputs, so I = (p A + B)^2 row-wise) and
 * B(t) (1 x k). The devices are passed to each forward pass, so the same trained network runs on
 * identical devices, on devices with spread, or (see the bench mode) on measured hardware.
 */
public final class PowerCurveNetwork {
    private final PowerCurveNetworkConfig config;
    private final Parameters parameters = new Parameters();
    private final Parameter[] a;
    private final Parameter[] b;
    private final Parameter readout;
    private final Parameter readoutBias;

    public PowerCurveNetwork(PowerCurveNetworkConfig config, long seed) {
        this.config = config;
        Random rng = new Random(seed);
        int k = config.oscillators();
        int n = config.steps();
        a = new Parameter[n];
        b = new Parameter[n];
        double noise = config.initNoise() / Math.sqrt(k);
        for (int t = 0; t < n; t++) {
            double[] at = new double[k * k];
            for (int i = 0; i < k * k; i++) {
                at[i] = noise * rng.nextGaussian();
            }
            for (int i = 0; i < k; i++) {
                at[i * k + i] += config.initGain();
            }
            double[] bt = new double[k];
            java.util.Arrays.fill(bt, config.initBias());
            a[t] = parameters.add(Parameter.of("A" + t, k, k, at));
            b[t] = parameters.add(Parameter.of("B" + t, 1, k, bt));
        }
        int c = config.classes();
        double[] w = new double[k * c];
        double scale = 1.0 / Math.sqrt(k);
        for (int i = 0; i < w.length; i++) {
            w[i] = scale * rng.nextGaussian();
        }
        readout = parameters.add(Parameter.of("W_out", k, c, w));
        readoutBias = parameters.add(Parameter.of("b_out", 1, c, new double[c]));
    }

    public PowerCurveNetworkConfig config() {
        return config;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The seed's identical devices (a = 4, b = 5, Ic = 1, Q = 2) behind this network's current ceiling. */
    public PowerCurveArray seedDevices() {
        return PowerCurveArray.identical(config.oscillators(), PowerCurve.SEED_003).withMaxCurrent(config.maxCurrent());
    }

    /** Initial powers p(0) of rows {@code from..to-1} of {@code features}: the input encoding. */
    public Tensor initialPowers(double[][] features, int from, int to) {
        int k = config.oscillators();
        int d = config.inputs();
        int rows = to - from;
        double[] p = new double[rows * k];
        for (int r = 0; r < rows; r++) {
            double[] f = features[from + r];
            if (f.length != d) {
                throw new IllegalArgumentException("example " + (from + r) + " has " + f.length + " features, the network takes " + d);
            }
            for (int j = 0; j < d; j++) {
                p[r * k + j] = encode(f[j]);
            }
        }
        return Tensor.constant(rows, k, p);
    }

    /** p(0) of one feature value. */
    public double encode(double feature) {
        return Math.max(0.0, Math.min(0.99, config.inputOffset() + config.inputScale() * feature));
    }

    /**
     * The currents that drive the devices at step t: eq. 6, {@code I = (p(t) A(t) + B(t))^2}. With a
     * current ceiling the circuit that computes them limits them softly, {@code Imax tanh(I / Imax)}:
     * the devices never see more than the bench's safety limit, and unlike a hard clamp the limiter keeps
     * a gradient, so units driven high can still learn their way back.
     */
    public Tensor currents(Tape tape, Tensor powers, int t) {
        Tensor z = MatrixOps.linear(tape, powers, a[t].value(), b[t].value());
        Tensor i = ElementwiseOps.square(tape, z);
        double ceiling = config.maxCurrent();
        if (Double.isInfinite(ceiling)) {
            return i;
        }
        return ElementwiseOps.scale(tape, ElementwiseOps.tanh(tape, ElementwiseOps.scale(tape, i, 1 / ceiling)), ceiling);
    }

    /** Runs eq. 5 for all steps on {@code devices}; returns p(n). */
    public Tensor finalPowers(Tape tape, Tensor initial, PowerCurveArray devices) {
        return finalPowers(tape, initial, devices, 0, null);
    }

    /**
     * Eq. 5 with each read power perturbed by Gaussian noise of standard deviation {@code powerNoise} drawn
     * from {@code rng} (noise-aware training for a bench whose power readings scatter).
     */
    public Tensor finalPowers(Tape tape, Tensor initial, PowerCurveArray devices, double powerNoise, Random rng) {
        if (devices.size() != config.oscillators()) {
            throw new IllegalArgumentException(devices.size() + " devices for " + config.oscillators() + " oscillators");
        }
        Tensor p = initial;
        for (int t = 0; t < config.steps(); t++) {
            p = devices.apply(tape, currents(tape, p, t));
            if (powerNoise > 0) {
                double[] xi = new double[p.size()];
                for (int i = 0; i < xi.length; i++) {
                    xi[i] = powerNoise * rng.nextGaussian();
                }
                p = ElementwiseOps.add(tape, p, Tensor.constant(p.rows(), p.cols(), xi));
            }
        }
        return p;
    }

    /** The softmax layer's logits of final powers. */
    public Tensor logits(Tape tape, Tensor finalPowers) {
        return MatrixOps.linear(tape, finalPowers, readout.value(), readoutBias.value());
    }

    /** Predicted classes of rows {@code from..to-1} on {@code devices} (a fresh tape, no gradients kept). */
    public int[] predict(double[][] features, int from, int to, PowerCurveArray devices) {
        Tape tape = new Tape();
        Tensor logits = logits(tape, finalPowers(tape, initialPowers(features, from, to), devices));
        return io.spinloop.autodiff.LossOps.argmax(logits);
    }

    /** Fraction of {@code data} classified correctly on {@code devices}. */
    public double accuracy(SequenceDataset data, PowerCurveArray devices) {
        int correct = 0;
        int chunk = 512;
        for (int from = 0; from < data.size(); from += chunk) {
            int to = Math.min(data.size(), from + chunk);
            int[] pred = predict(data.sequences(), from, to, devices);
            for (int i = 0; i < pred.length; i++) {
                if (pred[i] == data.labels()[from + i]) {
                    correct++;
                }
            }
        }
        return correct / (double) data.size();
    }

    /** The time-dependent controls, for checkpoints and the bench: A(t) (k x k) as a copy. */
    public double[] controlMatrix(int t) {
        return a[t].value().data().clone();
    }

    /** B(t) (k) as a copy. */
    public double[] controlBias(int t) {
        return b[t].value().data().clone();
    }

    /** The readout weights (k x classes) and bias (classes), for running the readout outside a tape. */
    public double[] readoutWeights() {
        return readout.value().data().clone();
    }

    public double[] readoutBias() {
        return readoutBias.value().data().clone();
    }
}
