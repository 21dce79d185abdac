package io.spinloop.twin.sysid;

import io.spinloop.twin.BoundedScalar;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.model.AutoOscillatorStep;
import io.spinloop.twin.model.MomentClosureStep;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * System identification of the auto-oscillator (Γ_G, I_th, Q, D, output scale k) from measured power
 * sequences by maximum likelihood: the exact-step transition density of {@link AutoOscillator} evaluated on
 * the measured (teacher-forced) power, {@code P_t | P_{t-1} ~ N(k I_t² m(P_{t-1}/(k I_{t-1}²), I_t),
 * (k I_t² s)²)}, minimised in the bounded parameterisation (so no step can leave the physical range) by Adam
 * to get near, then damped Newton (Levenberg–Marquardt on the finite-difference Hessian of the analytic
 * gradient) to converge along the correlated directions (I_th, Q and k trade off), then a Laplace
 * (inverse Hessian) standard error per parameter.
 *
 * <p>Regimes: when a sample interval is many relaxation times (the quasi-static data of a SourceMeter list
 * sweep), each point is a draw from the stationary density, which depends on D and Γ_G only through D/Γ_G;
 * then Γ_G is held at its starting value and D is to be read as D/Γ_G relative to it. With nanosecond
 * sampling (the emulator's realistic limits lifted) all five are identified.
 */
public final class AutoOscillatorIdentification {
    /** A sample interval this many relaxation times counts as quasi-static. */
    public static final double QUASI_STATIC_RELAXATIONS = 50;

    private final double[] yPrev;
    private final double[] iPrev;
    private final double[] iNow;
    private final double[] yNow;
    private final double dt;
    private final double scale;
    private Density density = Density.EXACT_STEP;
    /** Whether {@link #evaluate} scores with the moment-closure density (set during the last phase of a fit). */
    private boolean closureNow;

    /** The transition density the likelihood is built on. */
    public enum Density {
        /** The twin's own step ({@link AutoOscillatorStep}): exact deterministic part, noise by the local relaxation rate. */
        EXACT_STEP,
        /**
         * The Gaussian of the moment equations over the step ({@link MomentClosureStep}), for data sampled faster than
         * the relaxation; Adam runs on the exact-step density first (cheap), Newton and the standard errors on this one.
         * Quasi-static data keep the exact step (each point is a stationary draw there).
         */
        MOMENT_CLOSURE
    }

    /** Uses {@code d} in later fits; returns this. */
    public AutoOscillatorIdentification withDensity(Density d) {
        this.density = java.util.Objects.requireNonNull(d, "density");
        return this;
    }

    /** Result: estimates in the order Γ_G, I_th, Q, D, k; the final mean NLL per transition; regime. */
    public record Result(List<Estimate> estimates, double negativeLogLikelihood, boolean quasiStatic, int transitions,
            int iterations, double seconds) {

        public Estimate get(String name) {
            return estimates.stream().filter(e -> e.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no parameter " + name));
        }

        public AutoOscillator.Values values() {
            return new AutoOscillator.Values(estimates.get(0).value(), estimates.get(1).value(), estimates.get(2).value(),
                    estimates.get(3).value(), estimates.get(4).value());
        }
    }

    public AutoOscillatorIdentification(SequenceData data) {
        List<double[]> rows = new ArrayList<>();
        double s2 = 0;
        for (int s = 0; s < data.sequences(); s++) {
            double[] d = data.driveA()[s];
            for (int r = 0; r < data.repeats(); r++) {
                double[] p = data.powerW()[s][r];
                for (int t = 1; t < data.steps(); t++) {
                    // The state before a step is read off the measured power, which needs a current through the device;
                    // a power of exactly zero is the atom of a clamped or dead reading, which a Gaussian cannot score.
                    if (d[t - 1] > 0 && d[t] > 0 && p[t - 1] > 0 && p[t] > 0) {
                        rows.add(new double[] {p[t - 1], d[t - 1], d[t], p[t]});
                        s2 += p[t] * p[t];
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(data.source() + ": /sequences/drive_A: no step with current through the "
                    + "device before and after it: nothing to identify the auto-oscillator from");
        }
        int n = rows.size();
        yPrev = new double[n];
        iPrev = new double[n];
        iNow = new double[n];
        yNow = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = rows.get(i);
            yPrev[i] = row[0];
            iPrev[i] = row[1];
            iNow[i] = row[2];
            yNow[i] = row[3];
        }
        dt = data.sampleInterval();
        scale = Math.sqrt(s2 / n);
    }

    /** A start well inside the bounds, read off the data: threshold near the lowest drive with power, scale from the top. */
    public static AutoOscillator.Values startValues(SequenceData d) {
        double iMax = 0;
        double pMax = 0;
        for (int s = 0; s < d.sequences(); s++) {
            for (int t = 0; t < d.steps(); t++) {
                iMax = Math.max(iMax, d.driveA()[s][t]);
                for (int r = 0; r < d.repeats(); r++) {
                    pMax = Math.max(pMax, d.powerW()[s][r][t]);
                }
            }
        }
        double threshold = Math.max(1e-6, 0.5 * iMax);
        double scale = Math.max(1e-8, pMax / (iMax * iMax * 0.5));
        return new AutoOscillator.Values(1e8, threshold, 1.0, 5e4, scale);
    }

    /**
     * Fits from {@code start} (values inside the model's bounds), {@code iterations} full-batch Adam steps with
     * learning rate {@code lr} in the unconstrained parameterisation.
     */
    public Result fit(AutoOscillator.Values start, int iterations, double lr, Consumer<String> progress) {
        long t0 = System.nanoTime();
        closureNow = false;
        AutoOscillator model = new AutoOscillator(start);
        List<BoundedScalar> b = model.bounded();
        boolean quasiStatic = dt * start.gamma() > QUASI_STATIC_RELAXATIONS;
        boolean[] fit = {!quasiStatic, true, true, true, true};
        double[] raw = new double[5];
        for (int j = 0; j < 5; j++) {
            raw[j] = b.get(j).raw().value().data()[0];
        }
        double[] m = new double[5];
        double[] v = new double[5];
        double[] grad = new double[5];
        double nll = 0;
        for (int it = 1; it <= iterations; it++) {
            nll = evaluate(b, raw, grad);
            double rate = lr / (1 + 3.0 * it / iterations);
            for (int j = 0; j < 5; j++) {
                if (!fit[j]) {
                    continue;
                }
                m[j] = 0.9 * m[j] + 0.1 * grad[j];
                v[j] = 0.999 * v[j] + 0.001 * grad[j] * grad[j];
                double mh = m[j] / (1 - Math.pow(0.9, it));
                double vh = v[j] / (1 - Math.pow(0.999, it));
                raw[j] -= rate * mh / (Math.sqrt(vh) + 1e-12);
            }
            if (it % 100 == 0) {
                progress.accept(String.format("sysid iteration %d: nll %.5f", it, nll));
            }
        }
        closureNow = density == Density.MOMENT_CLOSURE && !quasiStatic;
        if (closureNow) {
            progress.accept("sysid: moment-closure transition density from here on");
        }
        nll = newton(b, raw, fit, 60, progress);
        double[] se = laplace(b, raw, fit);
        List<Estimate> out = new ArrayList<>();
        for (int j = 0; j < 5; j++) {
            BoundedScalar bj = b.get(j);
            bj.raw().set(new double[] {raw[j]});
            out.add(new Estimate(bj.name(), bj.value(), fit[j] ? Math.abs(bj.derivative()) * se[j] : Double.NaN,
                    bj.lower(), bj.upper(), fit[j]));
        }
        return new Result(out, nll, quasiStatic, yNow.length, iterations, (System.nanoTime() - t0) * 1e-9);
    }

    /** Damped Newton steps from {@code raw} (updated in place); returns the final mean NLL. */
    private double newton(List<BoundedScalar> b, double[] raw, boolean[] fit, int maxIterations, Consumer<String> progress) {
        double[] g = new double[5];
        double f = evaluate(b, raw, g);
        double mu = 1e-3;
        int[] idx = fittedIndices(fit);
        int k = idx.length;
        for (int it = 0; it < maxIterations; it++) {
            double[][] h = hessian(b, raw, idx);
            double[] trial = raw.clone();
            boolean improved = false;
            for (int attempt = 0; attempt < 12 && !improved; attempt++) {
                double[][] damped = new double[k][k];
                for (int a = 0; a < k; a++) {
                    damped[a] = h[a].clone();
                    damped[a][a] += mu * Math.max(Math.abs(h[a][a]), 1e-12);
                }
                double[][] inv = SmallMatrix.inverse(damped);
                if (inv != null) {
                    for (int a = 0; a < k; a++) {
                        double step = 0;
                        for (int c = 0; c < k; c++) {
                            step -= inv[a][c] * g[idx[c]];
                        }
                        // A bounded step keeps the quadratic model honest far from the optimum.
                        trial[idx[a]] = raw[idx[a]] + Math.max(-2, Math.min(2, step));
                    }
                    double[] gt = new double[5];
                    double ft = evaluate(b, trial, gt);
                    if (ft < f) {
                        double gain = f - ft;
                        System.arraycopy(trial, 0, raw, 0, 5);
                        System.arraycopy(gt, 0, g, 0, 5);
                        f = ft;
                        mu = Math.max(1e-6, mu / 3);
                        improved = true;
                        if (gain < 1e-10) {
                            return f;
                        }
                    }
                }
                if (!improved) {
                    mu *= 10;
                }
            }
            if (!improved) {
                break;
            }
            if (it % 10 == 9) {
                progress.accept(String.format("sysid Newton iteration %d: nll %.6f", it + 1, f));
            }
        }
        evaluate(b, raw, g);
        return f;
    }

    private static int[] fittedIndices(boolean[] fit) {
        int k = 0;
        for (boolean x : fit) {
            k += x ? 1 : 0;
        }
        int[] idx = new int[k];
        k = 0;
        for (int j = 0; j < fit.length; j++) {
            if (fit[j]) {
                idx[k++] = j;
            }
        }
        return idx;
    }

    /** Finite-difference Hessian (of the analytic gradient) of the mean NLL over the indices {@code idx}. */
    private double[][] hessian(List<BoundedScalar> b, double[] raw, int[] idx) {
        int k = idx.length;
        double[][] h = new double[k][k];
        double[] gp = new double[5];
        double[] gm = new double[5];
        double step = 1e-4;
        for (int a = 0; a < k; a++) {
            double keep = raw[idx[a]];
            raw[idx[a]] = keep + step;
            evaluate(b, raw, gp);
            raw[idx[a]] = keep - step;
            evaluate(b, raw, gm);
            raw[idx[a]] = keep;
            for (int c = 0; c < k; c++) {
                h[a][c] = (gp[idx[c]] - gm[idx[c]]) / (2 * step);
            }
        }
        for (int a = 0; a < k; a++) {
            for (int c = a + 1; c < k; c++) {
                double sym = 0.5 * (h[a][c] + h[c][a]);
                h[a][c] = sym;
                h[c][a] = sym;
            }
        }
        return h;
    }

    /** Standard errors in raw space from the inverse of the finite-difference Hessian of the total NLL. */
    private double[] laplace(List<BoundedScalar> b, double[] raw, boolean[] fit) {
        int[] idx = fittedIndices(fit);
        double[][] h = hessian(b, raw, idx);
        int n = yNow.length;
        for (double[] row : h) {
            for (int c = 0; c < row.length; c++) {
                // hessian() is of the mean NLL; the Laplace covariance needs the total's.
                row[c] *= n;
            }
        }
        double[][] inv = SmallMatrix.inverse(h);
        double[] se = new double[5];
        java.util.Arrays.fill(se, Double.NaN);
        if (inv != null) {
            for (int a = 0; a < idx.length; a++) {
                se[idx[a]] = inv[a][a] > 0 ? Math.sqrt(inv[a][a]) : Double.NaN;
            }
        }
        return se;
    }

    /** Mean NLL per transition at raw parameters {@code raw}; fills the gradient with respect to raw. */
    double evaluate(List<BoundedScalar> b, double[] raw, double[] grad) {
        double[] phys = new double[5];
        double[] dPhys = new double[5];
        for (int j = 0; j < 5; j++) {
            b.get(j).raw().set(new double[] {raw[j]});
            phys[j] = b.get(j).value();
            dPhys[j] = b.get(j).derivative();
        }
        AutoOscillatorStep k = new AutoOscillatorStep();
        k.gamma = phys[0];
        k.threshold = phys[1];
        k.q = phys[2];
        k.noise = phys[3];
        k.dt = dt;
        MomentClosureStep mc = closureNow ? new MomentClosureStep() : null;
        if (mc != null) {
            mc.gamma = phys[0];
            mc.threshold = phys[1];
            mc.q = phys[2];
            mc.noise = phys[3];
            mc.dt = dt;
        }
        double out = phys[4];
        double total = 0;
        double[] g = new double[5];
        int n = yNow.length;
        for (int i = 0; i < n; i++) {
            double cPrev = out * iPrev[i] * iPrev[i];
            double state = yPrev[i] / cPrev;
            double m;
            double s;
            double[] dm;
            double[] ds;
            if (mc != null) {
                mc.p = state;
                mc.current = iNow[i];
                mc.evaluate();
                m = mc.mean;
                s = mc.std;
                dm = mc.dMean;
                ds = mc.dStd;
            } else {
                k.p = state;
                k.current = iNow[i];
                k.evaluate();
                m = k.mean;
                s = k.std;
                dm = k.dMean;
                ds = k.dStd;
            }
            double c = out * iNow[i] * iNow[i] / scale;
            double mu = c * m;
            double sd = Math.max(c * s, 1e-9);
            double z = (yNow[i] / scale - mu) / sd;
            total += 0.5 * z * z + Math.log(sd);
            double dMu = -z / sd;
            double dSd = (1 - z * z) / sd;
            g[0] += dMu * c * dm[AutoOscillatorStep.GAMMA] + dSd * c * ds[AutoOscillatorStep.GAMMA];
            g[1] += dMu * c * dm[AutoOscillatorStep.THRESHOLD] + dSd * c * ds[AutoOscillatorStep.THRESHOLD];
            g[2] += dMu * c * dm[AutoOscillatorStep.Q] + dSd * c * ds[AutoOscillatorStep.Q];
            g[3] += dMu * c * dm[AutoOscillatorStep.NOISE] + dSd * c * ds[AutoOscillatorStep.NOISE];
            // k enters through the output factor c and through the state read off the previous power.
            double dpdk = -state / out;
            g[4] += dMu * (mu / out + c * dm[AutoOscillatorStep.P] * dpdk)
                    + dSd * (sd / out + c * ds[AutoOscillatorStep.P] * dpdk);
        }
        for (int j = 0; j < 5; j++) {
            grad[j] = g[j] / n * dPhys[j];
        }
        return total / n;
    }
}
