package io.spinloop.twin.model;

import io.spinloop.autodiff.FastMath;

/**
 * Fused loops for the two hot paths of a neural SDE with one dynamic state (the measured power, no latent; any
 * drive history): the
 * teacher-forced Euler–Maruyama transition loss with its analytic gradient, and the sampling step. They do
 * in one pass over each row what the tape does in some twenty ops, without allocating; the tape version
 * ({@link NeuralSde#drift}, {@link NeuralSde#diffusion}) stays the reference, and the tests hold the two to
 * each other.
 *
 * <p>The activations are {@link FastMath#tanh} (within 2e-10 of {@code Math.tanh}, in loops C2 vectorizes), and
 * the backward passes use {@code 1 - y²} of those same outputs, so the gradient is the approximated forward's.
 * The tape version uses {@code Math.tanh}; the two agree to the approximation's bound, not bit for bit.
 *
 * <p>Not thread-safe: one kernel (it owns its scratch and gradient buffers) per thread.
 */
public final class NeuralSdeKernel {
    private final NeuralSde sde;
    private final int h;
    private final int hd;
    private final boolean diffusion;
    private final double floor;
    /** Past drives the networks see. */
    private final int hist;
    /** Network inputs of the current row: power, past drives (newest first), drive. */
    private final double[] in;
    private final double[] a1;
    private final double[] a2;
    private final double[] c1;
    /** Drift: gradient at the second hidden layer's input. */
    private final double[] dh;
    /** Gradients in the order of {@link NeuralSde#parameters()}. */
    private final double[][] grads;

    public NeuralSdeKernel(NeuralSde sde) {
        if (sde.architecture().latent() != 0) {
            throw new IllegalArgumentException("the fused kernel is for neural SDEs without latent states");
        }
        this.sde = sde;
        NeuralSdeArchitecture a = sde.architecture();
        this.h = a.driftHidden();
        this.hd = a.diffusionHidden();
        this.diffusion = a.diffusion();
        this.floor = a.minDiffusion();
        this.hist = a.driveHistory();
        this.in = new double[hist + 2];
        a1 = new double[h];
        a2 = new double[h];
        c1 = new double[hd];
        dh = new double[h];
        double[][] w = sde.weights();
        grads = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            grads[i] = new double[w[i].length];
        }
    }

    /** The gradient buffers, one per parameter in registration order; {@link #zeroGrad()} clears them. */
    public double[][] gradients() {
        return grads;
    }

    public void zeroGrad() {
        for (double[] g : grads) {
            java.util.Arrays.fill(g, 0);
        }
    }

    /** {@link #transitionLoss(double[], double[], double[], double[], int[], int, int, double, double, boolean)} without drive history. */
    public double transitionLoss(double[] previous, double[] drive, double[] next, int[] index, int from, int to,
            double dt, double weight, boolean withGradient) {
        return transitionLoss(previous, drive, null, next, index, from, to, dt, weight, withGradient);
    }

    /**
     * Sum over rows {@code index[from..to)} (or {@code from..to} when index is null) of weight times the
     * transition loss {@code ½((y' - y - f dt)/(g √dt))² + log(g √dt)} (deterministic twin: {@code ½(y' - y - f dt)²});
     * adds weight times its gradient into {@link #gradients()} when {@code withGradient}. {@code history} holds
     * row k's past drives at {@code [k h, k h + h)}, newest first (null without drive history).
     */
    public double transitionLoss(double[] previous, double[] drive, double[] history, double[] next, int[] index,
            int from, int to, double dt, double weight, boolean withGradient) {
        if (hist > 0 && (history == null || history.length < previous.length * hist)) {
            throw new IllegalArgumentException("this neural SDE sees " + hist + " past drives per transition");
        }
        int m = hist + 2;
        double[][] w = sde.weights();
        double[] w1 = w[0];
        double[] b1 = w[1];
        double[] w2 = w[2];
        double[] b2 = w[3];
        double[] w3 = w[4];
        double[] b3 = w[5];
        double sqrtDt = Math.sqrt(dt);
        double total = 0;
        for (int row = from; row < to; row++) {
            int k = index == null ? row : index[row];
            double x = previous[k];
            in[0] = x;
            for (int q = 0; q < hist; q++) {
                in[1 + q] = history[k * hist + q];
            }
            in[m - 1] = drive[k];
            // Drift forward.
            layer(w1, b1, h, m, a1);
            System.arraycopy(b2, 0, a2, 0, h);
            for (int i = 0; i < h; i++) {
                double ai = a1[i];
                int base = i * h;
                for (int j = 0; j < h; j++) {
                    a2[j] += ai * w2[base + j];
                }
            }
            FastMath.tanhInPlace(a2, h);
            double f = b3[0];
            for (int j = 0; j < h; j++) {
                f += a2[j] * w3[j];
            }
            double resid = next[k] - x - f * dt;
            double dMu;
            if (diffusion) {
                double[] v1 = w[6];
                double[] e1 = w[7];
                double[] v2 = w[8];
                double[] e2 = w[9];
                layer(v1, e1, hd, m, c1);
                double s = e2[0];
                for (int j = 0; j < hd; j++) {
                    s += c1[j] * v2[j];
                }
                double ex = Math.exp(s);
                double sd = (ex + floor) * sqrtDt;
                double z = resid / sd;
                total += weight * (0.5 * z * z + Math.log(sd));
                if (!withGradient) {
                    continue;
                }
                dMu = -weight * z / sd;
                double ds = weight * (1 - z * z) / sd * sqrtDt * ex;
                double[] gv1 = grads[6];
                double[] ge1 = grads[7];
                double[] gv2 = grads[8];
                grads[9][0] += ds;
                for (int j = 0; j < hd; j++) {
                    gv2[j] += c1[j] * ds;
                    double dc = v2[j] * ds * (1 - c1[j] * c1[j]);
                    for (int q = 0; q < m; q++) {
                        gv1[q * hd + j] += in[q] * dc;
                    }
                    ge1[j] += dc;
                }
            } else {
                total += weight * 0.5 * resid * resid;
                if (!withGradient) {
                    continue;
                }
                dMu = -weight * resid;
            }
            // Drift backward: mu = x + f dt.
            double df = dMu * dt;
            double[] gw1 = grads[0];
            double[] gb1 = grads[1];
            double[] gw2 = grads[2];
            double[] gb2 = grads[3];
            double[] gw3 = grads[4];
            grads[5][0] += df;
            for (int j = 0; j < h; j++) {
                gw3[j] += a2[j] * df;
                double da2 = w3[j] * df * (1 - a2[j] * a2[j]);
                gb2[j] += da2;
                dh[j] = da2;
            }
            for (int i = 0; i < h; i++) {
                double ai = a1[i];
                int base = i * h;
                double back = 0;
                for (int j = 0; j < h; j++) {
                    gw2[base + j] += ai * dh[j];
                    back += w2[base + j] * dh[j];
                }
                double da1 = back * (1 - ai * ai);
                for (int q = 0; q < m; q++) {
                    gw1[q * h + i] += in[q] * da1;
                }
                gb1[i] += da1;
            }
        }
        return total;
    }

    /**
     * One Euler–Maruyama step for rows [0, n): {@code out = x + f dt + g √dt xi} ({@code xi} null = noise off). States
     * are row-major n x (1 + history): the power, then the past drives, which shift by one.
     */
    public void step(double[] x, double[] u, double dt, double[] xi, double[] out, int n) {
        double[][] w = sde.weights();
        double[] w1 = w[0];
        double[] b1 = w[1];
        double[] w2 = w[2];
        double[] b2 = w[3];
        double[] w3 = w[4];
        double[] b3 = w[5];
        double sqrtDt = Math.sqrt(dt);
        int m = hist + 2;
        int stride = hist + 1;
        for (int r = 0; r < n; r++) {
            double xv = x[r * stride];
            in[0] = xv;
            for (int q = 0; q < hist; q++) {
                in[1 + q] = x[r * stride + 1 + q];
            }
            in[m - 1] = u[r];
            layer(w1, b1, h, m, a1);
            System.arraycopy(b2, 0, a2, 0, h);
            for (int i = 0; i < h; i++) {
                double ai = a1[i];
                int base = i * h;
                for (int j = 0; j < h; j++) {
                    a2[j] += ai * w2[base + j];
                }
            }
            FastMath.tanhInPlace(a2, h);
            double f = b3[0];
            for (int j = 0; j < h; j++) {
                f += a2[j] * w3[j];
            }
            double y = xv + f * dt;
            if (diffusion && xi != null) {
                double[] v2 = w[8];
                layer(w[6], w[7], hd, m, c1);
                double s = w[9][0];
                for (int j = 0; j < hd; j++) {
                    s += c1[j] * v2[j];
                }
                y += (Math.exp(s) + floor) * sqrtDt * xi[r];
            }
            out[r * stride] = y;
            if (hist > 0) {
                out[r * stride + 1] = u[r];
                for (int q = 1; q < hist; q++) {
                    out[r * stride + 1 + q] = x[r * stride + q];
                }
            }
        }
    }

    /** {@code out = tanh(in · weights + bias)}, weights {@code m x width} row-major, over the inputs in {@link #in}. */
    private void layer(double[] weights, double[] bias, int width, int m, double[] out) {
        // Inputs first, bias last: the order of the sums before drive history, so old twins sample bit for bit alike.
        java.util.Arrays.fill(out, 0, width, 0.0);
        for (int q = 0; q < m; q++) {
            double v = in[q];
            int base = q * width;
            for (int j = 0; j < width; j++) {
                out[j] += v * weights[base + j];
            }
        }
        FastMath.tanhBiased(out, bias, out, width);
    }
}
