package io.spinloop.twin.physics;

import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.BoundedScalar;
import io.spinloop.twin.ScalarDeviceModel;
import java.util.List;

/**
 * One STNO seen quasi-statically, as a SourceMeter and a swept analyzer see it (DESIGN.md, "Time scales"):
 * each step the power settles to the stationary curve of seed 003 eq. 4 at the drive current, plus
 * Gaussian read-out scatter. {@code x_{t+1} = p(u_t / Ic) + sigma xi_t} with
 * {@code p(r) = (1 + tanh(a r - b))/2 (r - 1)/(r + Q)} above threshold (r = I/Ic > 1), 0 below; the
 * state does not depend on x_t (no memory at these time scales).
 *
 * <p>Units: u in A, Ic in A, x normalized power, observation {@code P = kappa u^2 x} in W. Parameters
 * (bounded): a, b (the tanh tail in units of r), Ic, Q, sigma, kappa.
 */
public final class PowerCurveDevice implements ScalarDeviceModel {
    public static final String KIND = "power-curve";

    private final BoundedScalar a = BoundedScalar.linear("a", 0.1, 200, 4.0);
    private final BoundedScalar b = BoundedScalar.linear("b", -50, 250, 5.0);
    private final BoundedScalar threshold;
    private final BoundedScalar q = BoundedScalar.linear("Q", 0.0, 20.0, 2.0);
    private final BoundedScalar sigma = BoundedScalar.logarithmic("sigma", 1e-6, 1.0, 1e-3);
    private final BoundedScalar kappa = BoundedScalar.logarithmic("kappa_W_per_A2", 1e-8, 1e4, 0.0625);
    private final Parameters parameters = new Parameters();

    /** The seed's curve (a = 4, b = 5, Q = 2) around a threshold of {@code thresholdAmps}. */
    public PowerCurveDevice(double thresholdAmps) {
        threshold = BoundedScalar.logarithmic("Ic_A", 1e-7, 1.0, thresholdAmps);
        for (BoundedScalar s : bounded()) {
            parameters.add(s.raw());
        }
    }

    /** The bounded physical parameters, in the order of {@link #parameters()}. */
    public List<BoundedScalar> bounded() {
        return List.of(a, b, threshold, q, sigma, kappa);
    }

    /** The curve in units of the threshold current (Ic = 1), as the seed-003 network uses it. */
    public PowerCurve curve() {
        return new PowerCurve(a.value(), b.value(), 1.0, q.value());
    }

    public double thresholdAmps() {
        return threshold.value();
    }

    @Override
    public String kind() {
        return KIND;
    }




    @Override
    public Parameters parameters() {
        return parameters;
    }

    /** The stationary power at the first drive: the curve itself, without scatter. */
    @Override
    public Tensor initialState(Tape tape, Tensor u0) {
        return step(tape, Tensor.zeros(u0.rows(), 1), u0, 0, null);
    }

    @Override
    public Tensor step(Tape tape, Tensor x, Tensor u, double dt, Tensor xi) {
        Tensor ta = a.value(tape);
        Tensor tb = b.value(tape);
        Tensor tic = threshold.value(tape);
        Tensor tq = q.value(tape);
        Tensor ts = sigma.value(tape);
        int n = u.rows();
        if (u.cols() != 1 || x.rows() != n || (xi != null && xi.rows() != n)) {
            throw new IllegalArgumentException("power-curve step needs u " + n + "x1, x and xi with " + n + " rows");
        }
        double av = ta.data()[0];
        double bv = tb.data()[0];
        double ic = tic.data()[0];
        double qv = tq.data()[0];
        double sv = ts.data()[0];
        Tensor out = tape.newTensor(n, 1, u, ta, tb, tic, tq, ts, xi);
        double[] dr = new double[n];
        double[] da = new double[n];
        double[] db = new double[n];
        double[] dq = new double[n];
        for (int i = 0; i < n; i++) {
            double r = u.data()[i] / ic;
            double z = xi == null ? 0 : xi.data()[i];
            if (r > 1) {
                double t = Math.tanh(av * r - bv);
                double pre = 0.5 * (1 + t);
                double sech2 = 1 - t * t;
                double g = (r - 1) / (r + qv);
                out.data()[i] = pre * g + sv * z;
                dr[i] = PowerCurve.slope(av, bv, 1.0, qv, r);
                da[i] = 0.5 * sech2 * r * g;
                db[i] = -0.5 * sech2 * g;
                dq[i] = -pre * (r - 1) / ((r + qv) * (r + qv));
            } else {
                out.data()[i] = sv * z;
            }
        }
        tape.record(out, () -> {
            double[] go = tape.grad(out);
            double[] gu = tape.grad(u);
            double[] gxi = xi == null ? null : tape.grad(xi);
            double sa = 0;
            double sb = 0;
            double sic = 0;
            double sq = 0;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double d = go[i];
                double ui = u.data()[i];
                if (gu != null) {
                    gu[i] += d * dr[i] / ic;
                }
                sic += d * dr[i] * (-ui / (ic * ic));
                sa += d * da[i];
                sb += d * db[i];
                sq += d * dq[i];
                if (xi != null) {
                    ss += d * xi.data()[i];
                    if (gxi != null) {
                        gxi[i] += d * sv;
                    }
                }
            }
            add(tape, ta, sa);
            add(tape, tb, sb);
            add(tape, tic, sic);
            add(tape, tq, sq);
            add(tape, ts, ss);
        });
        return out;
    }

    private static void add(Tape tape, Tensor t, double v) {
        double[] g = tape.grad(t);
        if (g != null) {
            g[0] += v;
        }
    }

    /** Emitted power {@code P = kappa u^2 x}, W. */
    @Override
    public Tensor observe(Tape tape, Tensor x, Tensor u) {
        return ElementwiseOps.mul(tape, ElementwiseOps.mul(tape, ElementwiseOps.square(tape, u), x), kappa.value(tape));
    }
}
