package io.spinloop.twin.physics;

import io.spinloop.autodiff.MatMulKernels;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;

/**
 * n macrospin STOs (seed 002 eq. 1-3) coupled through their x components (eq. 8:
 * {@code H_i = A_cp sum_k w_ik m_k,x e_x}), with differentiable integration steps recorded on a tape
 * as fused ops with analytic backward. One oscillator with no coupling is the single device of the
 * seed's system identification.
 *
 * <p>Tensors: the state {@code m} is {@code B x 3n} (rows = batch, oscillator i in columns 3i..3i+2);
 * the trainable physical parameters are the applied fields {@code 1 x n} (Oe, along z, one per
 * oscillator as in the seed), the current {@code 1 x 1} (A; or {@code B x 1}, one per row, when it is a
 * drive that varies between trajectories) and the Gilbert damping {@code 1 x 1}, shared by all
 * oscillators as in the seed. Any of them may be a constant or a variable.
 */
public final class CoupledMacrospins {
    private final MacrospinParameters parameters;
    private final LlgRightHandSide rhs;
    private final int n;
    /** A_cp w^T (n x n, "inputs x outputs"): H_coupling = m_x (A_cp w^T). */
    private final double[] forwardCoupling;
    /** A_cp w: the coupling's input gradient, g_mx += g_H (A_cp w). */
    private final double[] backwardCoupling;

    private CoupledMacrospins(MacrospinParameters parameters, int n, double[] w, double magnitude) {
        this.parameters = parameters;
        this.rhs = new LlgRightHandSide(parameters);
        this.n = n;
        if (w == null || magnitude == 0) {
            this.forwardCoupling = null;
            this.backwardCoupling = null;
        } else {
            if (w.length != n * n) {
                throw new IllegalArgumentException("coupling matrix has " + w.length + " entries for " + n + " oscillators");
            }
            forwardCoupling = new double[n * n];
            backwardCoupling = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    forwardCoupling[k * n + i] = magnitude * w[i * n + k];
                    backwardCoupling[i * n + k] = magnitude * w[i * n + k];
                }
            }
        }
    }

    /** One uncoupled STO. */
    public static CoupledMacrospins single(MacrospinParameters parameters) {
        return new CoupledMacrospins(parameters, 1, null, 0);
    }

    /**
     * n STOs coupled by {@code magnitude * w} (eq. 8); {@code w} is row-major n x n, usually from
     * {@link CouplingMatrix#random} (spectral radius 1, so {@code magnitude} is the seed's CM, in Oe).
     */
    public static CoupledMacrospins coupled(MacrospinParameters parameters, int n, double[] w, double magnitude) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one oscillator, got " + n);
        }
        return new CoupledMacrospins(parameters, n, w, magnitude);
    }

    public int oscillators() {
        return n;
    }

    public MacrospinParameters parameters() {
        return parameters;
    }

    private void couplingField(double[] m, int rows, double[] mx, double[] h) {
        if (forwardCoupling == null) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                mx[r * n + i] = m[(r * n + i) * 3];
            }
        }
        MatMulKernels.multiply(mx, rows, n, forwardCoupling, n, h, false);
    }

    /** Adds the coupling's share of the state gradient: g_m,x += g_H (A_cp w). */
    private void couplingBackward(double[] gh, int rows, double[] scratch, double[] gm) {
        if (forwardCoupling == null) {
            return;
        }
        java.util.Arrays.fill(scratch, 0, rows * n, 0.0);
        MatMulKernels.multiply(gh, rows, n, backwardCoupling, n, scratch, false);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                gm[(r * n + i) * 3] += scratch[r * n + i];
            }
        }
    }

    private void checkShapes(Tensor m, Tensor applied, Tensor current, Tensor damping) {
        if (m.cols() != 3 * n) {
            throw new IllegalArgumentException("state has " + m.cols() + " columns, expected 3n = " + 3 * n);
        }
        if (applied.rows() != 1 || applied.cols() != n) {
            throw new IllegalArgumentException("applied field must be 1x" + n + ", got " + applied.shape());
        }
        if (current.cols() != 1 || (current.rows() != 1 && current.rows() != m.rows()) || damping.size() != 1) {
            throw new IllegalArgumentException("current must be 1x1 or " + m.rows() + "x1 and damping 1x1, got "
                    + current.shape() + " and " + damping.shape());
        }
    }

    /** The coupling fields (Oe) of a batch of states, {@code rows x n}; zeros without coupling. */
    public double[] couplingFields(double[] m, int rows) {
        double[] h = new double[rows * n];
        couplingField(m, rows, new double[rows * n], h);
        return h;
    }

    /**
     * One classical Runge-Kutta step of {@code dt} seconds without thermal noise (the seed's integrator),
     * recorded with its exact adjoint: the backward pass runs the four stages' vector-Jacobian
     * products in reverse.
     */
    public Tensor rk4Step(Tape tape, Tensor m, Tensor applied, Tensor current, Tensor damping, double dt) {
        checkShapes(m, applied, current, damping);
        int rows = m.rows();
        int cols = 3 * n;
        double[] j = java.util.Arrays.copyOf(current.data(), current.size());
        double alpha = damping.data()[0];
        double[] h = applied.data();
        double[][] s = new double[4][];
        double[][] hc = new double[4][];
        double[] mx = tape.newTensor(rows, n, false).data();
        double[] k = tape.newTensor(rows, cols, false).data();
        Tensor out = tape.newTensor(rows, cols, m, applied, current, damping);
        double[] y = out.data();
        s[0] = m.data();
        double[] weights = {1, 2, 2, 1};
        double[] advance = {0.5, 0.5, 1.0};
        System.arraycopy(s[0], 0, y, 0, rows * cols);
        for (int stage = 0; stage < 4; stage++) {
            hc[stage] = forwardCoupling == null ? null : tape.newTensor(rows, n, false).data();
            couplingField(s[stage], rows, mx, hc[stage]);
            rhs.evaluate(s[stage], hc[stage], null, h, j, alpha, rows, n, k);
            double wy = dt / 6 * weights[stage];
            for (int i = 0; i < rows * cols; i++) {
                y[i] += wy * k[i];
            }
            if (stage < 3) {
                s[stage + 1] = tape.newTensor(rows, cols, false).data();
                double a = advance[stage] * dt;
                for (int i = 0; i < rows * cols; i++) {
                    s[stage + 1][i] = s[0][i] + a * k[i];
                }
            }
        }
        tape.record(out, () -> {
            double[] gy = tape.grad(out);
            double[] gm = tape.grad(m);
            double[] gApplied = tape.grad(applied);
            double[] gCurrent = tape.grad(current);
            double[] gDamping = tape.grad(damping);
            double[] gk = new double[rows * cols];
            double[] gs = new double[rows * cols];
            double[] gh = forwardCoupling == null ? null : new double[rows * n];
            double[] scratch = forwardCoupling == null ? null : new double[rows * n];
            double[] gj = new double[j.length];
            double[] ga = new double[1];
            for (int stage = 3; stage >= 0; stage--) {
                // gk = dt/6 w_stage gy + (advance of the next stage) * dt * gs_next
                double wy = dt / 6 * weights[stage];
                double a = stage < 3 ? advance[stage] * dt : 0;
                for (int i = 0; i < rows * cols; i++) {
                    gk[i] = wy * gy[i] + a * gs[i];
                    gs[i] = 0;
                }
                if (gh != null) {
                    java.util.Arrays.fill(gh, 0.0);
                }
                rhs.vectorJacobian(s[stage], hc[stage], null, h, j, alpha, rows, n, gk,
                        gs, gh, null, gApplied, gj, ga);
                if (gh != null) {
                    couplingBackward(gh, rows, scratch, gs);
                }
                if (gm != null) {
                    for (int i = 0; i < rows * cols; i++) {
                        gm[i] += gs[i];
                    }
                }
            }
            if (gm != null) {
                for (int i = 0; i < rows * cols; i++) {
                    gm[i] += gy[i];
                }
            }
            if (gCurrent != null) {
                for (int r = 0; r < gj.length; r++) {
                    gCurrent[r] += gj[r];
                }
            }
            if (gDamping != null) {
                gDamping[0] += ga[0];
            }
        });
        return out;
    }

    /**
     * One Heun (stochastic midpoint, Stratonovich) step of {@code dt} seconds with the thermal field of
     * eq. 3 held constant over the step: {@code xi} ({@code B x 3n} standard normal draws, the caller's
     * seeded stream) times the thermal field's standard deviation. The noise amplitude depends on the
     * damping; that dependence is differentiated too, so a fixed draw gives exact gradients.
     * With {@code xi == null} or temperature 0 it is the deterministic Heun method.
     */
    public Tensor heunStep(Tape tape, Tensor m, Tensor applied, Tensor current, Tensor damping, double dt, Tensor xi) {
        checkShapes(m, applied, current, damping);
        if (xi != null && (xi.rows() != m.rows() || xi.cols() != m.cols())) {
            throw new IllegalArgumentException("noise must be shaped like the state " + m.shape() + ", got " + xi.shape());
        }
        int rows = m.rows();
        int cols = 3 * n;
        double[] j = java.util.Arrays.copyOf(current.data(), current.size());
        double alpha = damping.data()[0];
        double[] h = applied.data();
        double std = parameters.temperature() > 0 && xi != null ? parameters.thermalFieldStd(alpha, dt) : 0;
        double[] thermal = null;
        if (std > 0) {
            thermal = tape.newTensor(rows, cols, false).data();
            double[] z = xi.data();
            for (int i = 0; i < thermal.length; i++) {
                thermal[i] = std * z[i];
            }
        }
        double[] mx = tape.newTensor(rows, n, false).data();
        double[] s0 = m.data();
        double[] hc0 = forwardCoupling == null ? null : tape.newTensor(rows, n, false).data();
        double[] hc1 = forwardCoupling == null ? null : tape.newTensor(rows, n, false).data();
        double[] k = tape.newTensor(rows, cols, false).data();
        double[] s1 = tape.newTensor(rows, cols, false).data();
        Tensor out = tape.newTensor(rows, cols, m, applied, current, damping, xi);
        double[] y = out.data();
        couplingField(s0, rows, mx, hc0);
        rhs.evaluate(s0, hc0, thermal, h, j, alpha, rows, n, k);
        for (int i = 0; i < rows * cols; i++) {
            s1[i] = s0[i] + dt * k[i];
            y[i] = s0[i] + 0.5 * dt * k[i];
        }
        couplingField(s1, rows, mx, hc1);
        rhs.evaluate(s1, hc1, thermal, h, j, alpha, rows, n, k);
        for (int i = 0; i < rows * cols; i++) {
            y[i] += 0.5 * dt * k[i];
        }
        final double[] noise = thermal;
        tape.record(out, () -> {
            double[] gy = tape.grad(out);
            double[] gm = tape.grad(m);
            double[] gApplied = tape.grad(applied);
            double[] gCurrent = tape.grad(current);
            double[] gDamping = tape.grad(damping);
            double[] gk = new double[rows * cols];
            double[] gs = new double[rows * cols];
            double[] gh = forwardCoupling == null ? null : new double[rows * n];
            double[] scratch = forwardCoupling == null ? null : new double[rows * n];
            double[] gxi = xi == null ? null : tape.grad(xi);
            double[] gNoise = noise == null || (gDamping == null && gxi == null) ? null : new double[rows * cols];
            double[] gj = new double[j.length];
            double[] ga = new double[1];
            // corrector stage, evaluated at s1 = s0 + dt k0
            for (int i = 0; i < rows * cols; i++) {
                gk[i] = 0.5 * dt * gy[i];
            }
            rhs.vectorJacobian(s1, hc1, noise, h, j, alpha, rows, n, gk, gs, gh, gNoise, gApplied, gj, ga);
            if (gh != null) {
                couplingBackward(gh, rows, scratch, gs);
                java.util.Arrays.fill(gh, 0.0);
            }
            if (gm != null) {
                for (int i = 0; i < rows * cols; i++) {
                    gm[i] += gs[i] + gy[i];
                }
            }
            // predictor stage at s0: k0 feeds y (dt/2) and s1 (dt)
            for (int i = 0; i < rows * cols; i++) {
                gk[i] = 0.5 * dt * gy[i] + dt * gs[i];
                gs[i] = 0;
            }
            rhs.vectorJacobian(s0, hc0, noise, h, j, alpha, rows, n, gk, gs, gh, gNoise, gApplied, gj, ga);
            if (gh != null) {
                couplingBackward(gh, rows, scratch, gs);
            }
            if (gm != null) {
                for (int i = 0; i < rows * cols; i++) {
                    gm[i] += gs[i];
                }
            }
            if (gCurrent != null) {
                for (int r = 0; r < gj.length; r++) {
                    gCurrent[r] += gj[r];
                }
            }
            if (gDamping != null) {
                double gAlpha = ga[0];
                if (gNoise != null) {
                    // thermal = xi * std(alpha), std proportional to sqrt(alpha)
                    for (int i = 0; i < gNoise.length; i++) {
                        gAlpha += gNoise[i] * noise[i] / (2 * alpha);
                    }
                }
                gDamping[0] += gAlpha;
            }
            if (gxi != null && gNoise != null) {
                for (int i = 0; i < gNoise.length; i++) {
                    gxi[i] += gNoise[i] * std;
                }
            }
        });
        return out;
    }

    /**
     * Rescales each oscillator's magnetization to unit length (the seed keeps |m| = 1): used to write
     * an input into the state ({@code x(0) = W_in u}, eq. 5) and against the integrators' slow drift.
     */
    public Tensor normalize(Tape tape, Tensor m) {
        if (m.cols() != 3 * n) {
            throw new IllegalArgumentException("state has " + m.cols() + " columns, expected 3n = " + 3 * n);
        }
        int rows = m.rows();
        double[] x = m.data();
        Tensor out = tape.newTensor(rows, 3 * n, m);
        double[] y = out.data();
        double[] norms = tape.newTensor(rows, n, false).data();
        for (int v = 0; v < rows * n; v++) {
            int o = v * 3;
            double len = Math.sqrt(x[o] * x[o] + x[o + 1] * x[o + 1] + x[o + 2] * x[o + 2]);
            if (!(len > 0)) {
                throw new ArithmeticException("cannot normalize a zero magnetization (row " + v / n + ", oscillator " + v % n + ")");
            }
            norms[v] = len;
            y[o] = x[o] / len;
            y[o + 1] = x[o + 1] / len;
            y[o + 2] = x[o + 2] / len;
        }
        tape.record(out, () -> {
            double[] gy = tape.grad(out);
            double[] gx = tape.grad(m);
            for (int v = 0; v < rows * n; v++) {
                int o = v * 3;
                double dot = y[o] * gy[o] + y[o + 1] * gy[o + 1] + y[o + 2] * gy[o + 2];
                double inv = 1 / norms[v];
                gx[o] += (gy[o] - y[o] * dot) * inv;
                gx[o + 1] += (gy[o + 1] - y[o + 1] * dot) * inv;
                gx[o + 2] += (gy[o + 2] - y[o + 2] * dot) * inv;
            }
        });
        return out;
    }
}
