package io.spinloop.twin.neuron;

import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.ScalarDeviceModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A quasi-static stochastic twin of one device as a neuron sees it on the bench: the activation read in zero
 * span while a drive current I is held for one list point (about 1 ms, a hundred thousand relaxation times, so
 * the device sits in its stationary state plus noise), {@code y = m(I) + s(I)·ξ}.
 *
 * <p>Both the mean curve m and the noise curve s are natural cubic-free piecewise-linear functions on
 * {@code knots} equally spaced drives over the calibrated window, fitted to measured (drive, activation) pairs by
 * least squares with a second-difference smoothness penalty (mean) and to squared residuals (noise). Outside
 * the window they continue with the end slopes. The state is the last observation; {@code step} does not depend
 * on it, which is what quasi-static means. Input in A, observation in activation units of {@link ReadingScale}.
 *
 * <p>Why not the auto-oscillator twin: zero span reads the power in the analyzer's filter at one frequency,
 * and the line moves by hundreds of MHz with the drive (nonlinear frequency shift), so the reading is the line's
 * detuned tail, not {@code k I² p}. This model fits what the instrument reads, whatever its physics.
 */
public final class ResponseTwin implements ScalarDeviceModel, NeuronTwin {
    public static final String KIND = "quasi-static-response";

    private final String device;
    private final double lo;
    private final double hi;
    private final Parameter mean;
    private final Parameter noise;
    private final ReadingScale scale;
    private final Parameters parameters = new Parameters();

    public ResponseTwin(String device, double loA, double hiA, double[] meanKnots, double[] noiseKnots,
                        ReadingScale scale) {
        if (!(hiA > loA) || meanKnots.length < 2 || meanKnots.length != noiseKnots.length) {
            throw new IllegalArgumentException(device + ": twin needs lo < hi and >= 2 knots of mean and noise");
        }
        this.device = device;
        this.lo = loA;
        this.hi = hiA;
        this.scale = scale;
        this.mean = parameters.add(Parameter.of("mean", 1, meanKnots.length, meanKnots.clone()));
        this.noise = parameters.add(Parameter.of("noise", 1, noiseKnots.length, noiseKnots.clone()));
    }

    /**
     * Fits a twin to measured pairs: {@code drives[i]} (A) gave activation {@code readings[i]}.
     *
     * @param smoothing weight of the second-difference penalty relative to the data term
     */
    public static ResponseTwin fit(String device, double[] drives, double[] readings, double loA, double hiA,
                                   int knots, double smoothing, ReadingScale scale) {
        if (drives.length != readings.length || drives.length < knots) {
            throw new IllegalArgumentException(device + ": need at least " + knots + " (drive, reading) pairs, got "
                    + drives.length);
        }
        double[] m = smoothFit(drives, readings, loA, hiA, knots, smoothing);
        double[] sq = new double[drives.length];
        for (int i = 0; i < drives.length; i++) {
            double r = readings[i] - interpolate(m, loA, hiA, drives[i]);
            sq[i] = r * r;
        }
        double[] v = smoothFit(drives, sq, loA, hiA, knots, smoothing * 4);
        double[] s = new double[knots];
        for (int k = 0; k < knots; k++) {
            s[k] = Math.sqrt(Math.max(v[k], 1e-8));
        }
        return new ResponseTwin(device, loA, hiA, m, s, scale);
    }

    /** Least squares on hat functions with penalty {@code smoothing·n·Σ(second differences)²}. */
    static double[] smoothFit(double[] x, double[] y, double lo, double hi, int knots, double smoothing) {
        DMatrixRMaj ata = new DMatrixRMaj(knots, knots);
        DMatrixRMaj aty = new DMatrixRMaj(knots, 1);
        double h = (hi - lo) / (knots - 1);
        for (int i = 0; i < x.length; i++) {
            double pos = Math.min(knots - 1.0, Math.max(0.0, (x[i] - lo) / h));
            int k = Math.min(knots - 2, (int) pos);
            double f = pos - k;
            double[] w = {1 - f, f};
            for (int a = 0; a < 2; a++) {
                aty.add(k + a, 0, w[a] * y[i]);
                for (int b = 0; b < 2; b++) {
                    ata.add(k + a, k + b, w[a] * w[b]);
                }
            }
        }
        double lambda = smoothing * x.length / knots;
        for (int k = 1; k < knots - 1; k++) {
            int[] idx = {k - 1, k, k + 1};
            double[] c = {1, -2, 1};
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    ata.add(idx[a], idx[b], lambda * c[a] * c[b]);
                }
            }
        }
        for (int k = 0; k < knots; k++) {
            ata.add(k, k, 1e-9 * x.length);
        }
        DMatrixRMaj out = new DMatrixRMaj(knots, 1);
        if (!CommonOps_DDRM.solve(ata, aty, out)) {
            throw new IllegalStateException("twin fit: singular system (too few distinct drives in the window)");
        }
        return out.getData().clone();
    }

    static double interpolate(double[] v, double lo, double hi, double x) {
        int n = v.length;
        double h = (hi - lo) / (n - 1);
        double pos = (x - lo) / h;
        int k = Math.max(0, Math.min(n - 2, (int) Math.floor(pos)));
        double f = pos - k;
        return v[k] + f * (v[k + 1] - v[k]);
    }

    static double slope(double[] v, double lo, double hi, double x) {
        int n = v.length;
        double h = (hi - lo) / (n - 1);
        int k = Math.max(0, Math.min(n - 2, (int) Math.floor((x - lo) / h)));
        return (v[k + 1] - v[k]) / h;
    }

    /** Mean activation at drive {@code amps}. */
    public double meanAt(double amps) {
        return interpolate(mean.value().data(), lo, hi, amps);
    }

    /** Standard deviation of the activation at drive {@code amps}. */
    public double noiseAt(double amps) {
        return Math.abs(interpolate(noise.value().data(), lo, hi, amps));
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public double lowA() {
        return lo;
    }

    @Override
    public double highA() {
        return hi;
    }

    @Override
    public ReadingScale scale() {
        return scale;
    }

    public double[] meanKnots() {
        return mean.value().data().clone();
    }

    public double[] noiseKnots() {
        return noise.value().data().clone();
    }

    /**
     * This twin as the twin module sees a device: drive in A, power in W ({@code P = 1 mW · 10^(dBm/10)} of the
     * activation's reading), so the twin module's {@link io.spinloop.twin.validate.Validator} judges it on recorded
     * sequences like any fitted twin.
     */
    public io.spinloop.twin.DigitalTwin asPowerTwin() {
        ResponseTwin self = this;
        io.spinloop.twin.DeviceModel power = new ScalarDeviceModel() {
            @Override
            public String kind() {
                return KIND;
            }

            @Override
            public Parameters parameters() {
                return parameters;
            }

            @Override
            public Tensor initialState(Tape tape, Tensor u0) {
                return self.initialState(tape, u0);
            }

            @Override
            public Tensor step(Tape tape, Tensor x, Tensor u, double dt, Tensor xi) {
                return self.step(tape, x, u, dt, xi);
            }

            @Override
            public Tensor observe(Tape tape, Tensor x, Tensor u) {
                double k = Math.log(10) / 10;
                Tensor dBm = io.spinloop.autodiff.ElementwiseOps.shift(tape,
                        io.spinloop.autodiff.ElementwiseOps.scale(tape, x, scale.spanDb()), scale.floorDbm() - 30);
                return io.spinloop.autodiff.ElementwiseOps.exp(tape, io.spinloop.autodiff.ElementwiseOps.scale(tape,
                        dBm, k));
            }
        };
        return new io.spinloop.twin.DigitalTwin(power, io.spinloop.twin.Normalisation.identity(), STEP_S);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public Tensor initialState(Tape tape, Tensor u0) {
        double[] y = new double[u0.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = meanAt(u0.data()[i]);
        }
        return Tensor.constant(y.length, 1, y);
    }

    /** {@code y = m(u) + |s(u)|·ξ}; gradients to u and to both knot vectors (x and dt do not enter). */
    @Override
    public Tensor step(Tape tape, Tensor x, Tensor u, double dt, Tensor xi) {
        int n = u.rows();
        Tensor mv = mean.value();
        Tensor sv = noise.value();
        Tensor out = tape.newTensor(n, 1, u, mv, sv, xi);
        double[] m = mv.data();
        double[] s = sv.data();
        int knots = m.length;
        double h = (hi - lo) / (knots - 1);
        int[] cell = new int[n];
        double[] frac = new double[n];
        double[] sign = new double[n];
        for (int i = 0; i < n; i++) {
            double pos = (u.data()[i] - lo) / h;
            int k = Math.max(0, Math.min(knots - 2, (int) Math.floor(pos)));
            double f = pos - k;
            cell[i] = k;
            frac[i] = f;
            double sd = s[k] + f * (s[k + 1] - s[k]);
            sign[i] = sd < 0 ? -1 : 1;
            double z = xi == null ? 0 : xi.data()[i];
            out.data()[i] = m[k] + f * (m[k + 1] - m[k]) + Math.abs(sd) * z;
        }
        tape.record(out, () -> {
            double[] go = tape.grad(out);
            double[] gu = tape.grad(u);
            double[] gm = tape.grad(mv);
            double[] gs = tape.grad(sv);
            double[] gxi = xi == null ? null : tape.grad(xi);
            for (int i = 0; i < n; i++) {
                int k = cell[i];
                double f = frac[i];
                double z = xi == null ? 0 : xi.data()[i];
                double d = go[i];
                if (gu != null) {
                    gu[i] += d * ((m[k + 1] - m[k]) + sign[i] * z * (s[k + 1] - s[k])) / h;
                }
                if (gm != null) {
                    gm[k] += d * (1 - f);
                    gm[k + 1] += d * f;
                }
                if (gs != null) {
                    gs[k] += d * sign[i] * z * (1 - f);
                    gs[k + 1] += d * sign[i] * z * f;
                }
                if (gxi != null) {
                    double sd = s[k] + f * (s[k + 1] - s[k]);
                    gxi[i] += d * Math.abs(sd);
                }
            }
        });
        return out;
    }

    @Override
    public Tensor observe(Tape tape, Tensor x, Tensor u) {
        return x;
    }
}
