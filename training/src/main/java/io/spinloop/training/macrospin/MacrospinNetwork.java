package io.spinloop.training.macrospin;

import io.spinloop.autodiff.LossOps;
import io.spinloop.autodiff.MatrixOps;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.twin.physics.CoupledMacrospins;
import io.spinloop.twin.physics.CouplingMatrix;
import java.util.Random;

/**
 * The coupled macrospin STOs of seed 002 (Imai et al., eq. 5-8) between a read-in and a read-out layer:
 * {@code x(0) = W_in u} written into the magnetizations (normalized to |m| = 1 per STO), the N STOs
 * evolved by the LLG equation with spin torque and coupling {@code H_i = A_cp sum_k w_ik m_k,x e_x}
 * for the seed's 500 ps in 50 ps RK4 steps, and {@code y = W_out [m(T); 1]} from all three components.
 *
 * <p>Three parameter groups, trained or frozen per {@link TrainedParts}: {@link #input()} (W_in),
 * {@link #physical()} (applied field per STO, shared current and damping, as in the seed), and
 * {@link #output()} (W_out with its bias). Gradients of the physical parameters are the adjoint of
 * the discrete RK4 integration (the fused step's analytic backward), the seed's eq. 12-14 in discrete form.
 */
public final class MacrospinNetwork {
    private final MacrospinNetworkConfig config;
    private final CoupledMacrospins stos;
    private final Parameters input = new Parameters();
    private final Parameters physical = new Parameters();
    private final Parameters output = new Parameters();
    private final Parameter wIn;
    private final Parameter field;
    private final Parameter current;
    private final Parameter damping;
    private final Parameter wOut;
    private final Parameter bOut;

    public MacrospinNetwork(MacrospinNetworkConfig config, long seed) {
        this.config = config;
        Random rng = new Random(seed);
        int n = config.oscillators();
        double[] w = CouplingMatrix.random(n, rng);
        this.stos = CoupledMacrospins.coupled(config.device(), n, w, config.couplingMagnitude());
        int d = config.inputs();
        double[] win = new double[d * 3 * n];
        for (int i = 0; i < win.length; i++) {
            win[i] = rng.nextGaussian();
        }
        wIn = input.add(Parameter.of("W_in", d, 3 * n, win));
        double[] h = new double[n];
        java.util.Arrays.fill(h, config.initialField());
        field = physical.add(Parameter.of("H_appl", 1, n, h));
        current = physical.add(Parameter.of("j_DC", 1, 1, config.initialCurrent()));
        damping = physical.add(Parameter.of("alpha", 1, 1, config.initialDamping()));
        int c = config.classes();
        double[] wout = new double[3 * n * c];
        double scale = 1 / Math.sqrt(3.0 * n);
        for (int i = 0; i < wout.length; i++) {
            wout[i] = scale * rng.nextGaussian();
        }
        wOut = output.add(Parameter.of("W_out", 3 * n, c, wout));
        bOut = output.add(Parameter.of("b_out", 1, c, new double[c]));
    }

    public MacrospinNetworkConfig config() {
        return config;
    }

    /** W_in. */
    public Parameters input() {
        return input;
    }

    /** Applied fields (Oe), current (A), damping. */
    public Parameters physical() {
        return physical;
    }

    /** W_out and its bias. */
    public Parameters output() {
        return output;
    }

    public double current() {
        return current.value().item();
    }

    public double damping() {
        return damping.value().item();
    }

    /** The applied fields (Oe), a copy. */
    public double[] fields() {
        return field.value().data().clone();
    }

    /**
     * Keeps the physical parameters physical after an update: damping in [1e-4, 0.05], current in
     * [0, 10 mA], fields in [0, 5000 Oe] (a negative damping makes the LLG blow up, seed 002 Fig. 6).
     */
    public void projectPhysical() {
        clamp(damping, 1e-4, 0.05);
        clamp(current, 0, 10e-3);
        clamp(field, 0, 5000);
    }

    private static void clamp(Parameter p, double lo, double hi) {
        double[] v = p.value().data();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(lo, Math.min(hi, v[i]));
        }
    }

    /** The magnetizations m(0) of rows {@code from..to-1}: normalize(u W_in), eq. 5. */
    public Tensor initialState(Tape tape, double[][] features, int from, int to) {
        int d = config.inputs();
        int rows = to - from;
        double[] u = new double[rows * d];
        for (int r = 0; r < rows; r++) {
            double[] f = features[from + r];
            if (f.length != d) {
                throw new IllegalArgumentException("example " + (from + r) + " has " + f.length + " features, the network takes " + d);
            }
            System.arraycopy(f, 0, u, r * d, d);
        }
        Tensor x = MatrixOps.matmul(tape, Tensor.constant(rows, d, u), wIn.value());
        return stos.normalize(tape, x);
    }

    /** m(T): the state after the seed's evolution time (eq. 6), renormalized after every sample. */
    public Tensor finalState(Tape tape, Tensor m0) {
        double dt = config.stepSeconds() / config.substeps();
        Tensor m = m0;
        for (int t = 0; t < config.steps(); t++) {
            for (int s = 0; s < config.substeps(); s++) {
                m = stos.rk4Step(tape, m, field.value(), current.value(), damping.value(), dt);
            }
            m = stos.normalize(tape, m);
        }
        return m;
    }

    /** y = W_out [m(T); 1] (eq. 7). */
    public Tensor logits(Tape tape, double[][] features, int from, int to) {
        Tensor m = finalState(tape, initialState(tape, features, from, to));
        return MatrixOps.linear(tape, m, wOut.value(), bOut.value());
    }

    /** Fraction of {@code data} classified correctly. */
    public double accuracy(SequenceDataset data) {
        Tape tape = new Tape();
        int correct = 0;
        int chunk = 256;
        for (int from = 0; from < data.size(); from += chunk) {
            int to = Math.min(data.size(), from + chunk);
            tape.reset();
            int[] pred = LossOps.argmax(logits(tape, data.sequences(), from, to));
            for (int i = 0; i < pred.length; i++) {
                if (pred[i] == data.labels()[from + i]) {
                    correct++;
                }
            }
        }
        return correct / (double) data.size();
    }
}
