package io.spinloop.twin.model;

import io.spinloop.autodiff.FastMath;

/**
 * Fused loops for the two hot paths of a neural SDE with one dynamic state (the measured power, no latent; any
 * drive history): the teacher-forced Euler–Maruyama transition loss with its analytic gradient, and the sampling
 * step. They do in one pass over a block of rows what the tape does in some twenty ops, without allocating; the
 * tape version ({@link NeuralSde#drift}, {@link NeuralSde#diffusion}) stays the reference, and the tests hold the
 * two to each other.
 *
 * <p><b>Layout.</b> Rows go through in blocks of {@value #BLOCK}, <em>feature-major</em>: one array per input,
 * hidden unit and intermediate, holding its values for the block's rows (as in the training BPTT kernel). Every
 * inner loop then runs along the rows, over separate arrays at the same index, which C2's superword pass
 * vectorizes; with the old row-by-row loops the inner loops were only as long as a layer (16) and the sums were
 * reductions. The weight gradients are summed per row lane ({@code laneGrads}: one array of {@value #BLOCK} partial
 * sums per weight, again a vectorized loop with no reduction) and folded into {@link #gradients()} once per call by
 * pairwise halving, so the gradient's sum order differs from a plain row loop in the last bits only.
 *
 * <p>The activations are {@link FastMath#tanh} and the diffusion's exponential {@link FastMath#exp} (within 2e-10
 * and 1e-12 of {@code Math}); the backward passes use {@code 1 - y²} of those same outputs, so the gradient is the
 * approximated forward's. The tape version uses {@code Math}; the two agree to the approximations' bounds, not bit
 * for bit.
 *
 * <p>Not thread-safe: one kernel (it owns its scratch and gradient buffers) per thread.
 */
public final class NeuralSdeKernel implements TransitionLossKernel {
    /**
     * Rows per block: long enough for the vectorized loops (with 64 the loss and gradient took 1.3x as long, with 32
     * 1.5x), short enough that the lane gradients (about 400 weights x 128 lanes) stay in L2 (256: 1.1x, 512: 1.4x).
     */
    static final int BLOCK = 128;

    private final NeuralSde sde;
    private final int h;
    private final int hd;
    private final boolean diffusion;
    private final double floor;
    /** Past drives the networks see. */
    private final int hist;
    /** Network inputs, feature-major: power, past drives (newest first), drive. */
    private final double[][] in;
    private final double[][] a1;
    private final double[][] a2;
    private final double[][] c1;
    /** Drift: gradient at the second hidden layer's input. */
    private final double[][] dh;
    /** Per-row scalars of the block. */
    private final double[] target = new double[BLOCK];
    private final double[] f = new double[BLOCK];
    private final double[] s = new double[BLOCK];
    private final double[] ex = new double[BLOCK];
    private final double[] sd = new double[BLOCK];
    private final double[] z = new double[BLOCK];
    private final double[] df = new double[BLOCK];
    private final double[] ds = new double[BLOCK];
    private final double[] da = new double[BLOCK];
    /** Gradients in the order of {@link NeuralSde#parameters()}. */
    private final double[][] grads;
    /** Per weight, partial gradient sums per row lane of a block: laneGrads[tensor][element][lane]. */
    private final double[][][] laneGrads;

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
        in = new double[hist + 2][BLOCK];
        a1 = new double[h][BLOCK];
        a2 = new double[h][BLOCK];
        c1 = new double[hd][BLOCK];
        dh = new double[h][BLOCK];
        double[][] w = sde.weights();
        grads = new double[w.length][];
        laneGrads = new double[w.length][][];
        for (int i = 0; i < w.length; i++) {
            grads[i] = new double[w[i].length];
            laneGrads[i] = new double[w[i].length][BLOCK];
        }
    }

    /** The gradient buffers, one per parameter in registration order; {@link #zeroGrad()} clears them. */
    @Override
    public double[][] gradients() {
        return grads;
    }

    @Override
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
    @Override
    public double transitionLoss(double[] previous, double[] drive, double[] history, double[] next, int[] index,
            int from, int to, double dt, double weight, boolean withGradient) {
        if (hist > 0 && (history == null || history.length < previous.length * hist)) {
            throw new IllegalArgumentException("this neural SDE sees " + hist + " past drives per transition");
        }
        double[][] w = sde.weights();
        double total = 0;
        for (int r0 = from; r0 < to; r0 += BLOCK) {
            int n = Math.min(BLOCK, to - r0);
            int m = hist + 2;
            for (int b = 0; b < n; b++) {
                int k = index == null ? r0 + b : index[r0 + b];
                in[0][b] = previous[k];
                for (int q = 0; q < hist; q++) {
                    in[1 + q][b] = history[k * hist + q];
                }
                in[m - 1][b] = drive[k];
                target[b] = next[k];
            }
            total += blockLoss(w, n, dt, weight, withGradient);
        }
        if (withGradient) {
            foldLaneGradients();
        }
        return total;
    }

    /** Loss of the block's n rows (inputs in {@link #in}, targets in {@link #target}); lane gradients when asked. */
    private double blockLoss(double[][] w, int n, double dt, double weight, boolean withGradient) {
        driftForward(w, n);
        double[] x = in[0];
        double[] resid = da;
        for (int b = 0; b < n; b++) {
            resid[b] = target[b] - x[b] - f[b] * dt;
        }
        double total = 0;
        double[] dMu = df;
        if (diffusion) {
            double sqrtDt = Math.sqrt(dt);
            diffusionForward(w, n);
            for (int b = 0; b < n; b++) {
                double sdb = (ex[b] + floor) * sqrtDt;
                sd[b] = sdb;
                z[b] = resid[b] / sdb;
            }
            for (int b = 0; b < n; b++) {
                total += weight * (0.5 * z[b] * z[b] + Math.log(sd[b]));
            }
            if (!withGradient) {
                return total;
            }
            for (int b = 0; b < n; b++) {
                dMu[b] = -weight * z[b] / sd[b];
                ds[b] = weight * (1 - z[b] * z[b]) / sd[b] * sqrtDt * ex[b];
            }
            diffusionBackward(w, n);
        } else {
            for (int b = 0; b < n; b++) {
                total += weight * 0.5 * resid[b] * resid[b];
            }
            if (!withGradient) {
                return total;
            }
            for (int b = 0; b < n; b++) {
                dMu[b] = -weight * resid[b];
            }
        }
        for (int b = 0; b < n; b++) {
            df[b] = dMu[b] * dt;
        }
        driftBackward(w, n);
        return total;
    }

    /** a1, a2 and the drift f for the block's n rows. */
    private void driftForward(double[][] w, int n) {
        double[] w2 = w[2];
        double[] b2 = w[3];
        double[] w3 = w[4];
        layer(w[0], w[1], h, a1, n);
        for (int j = 0; j < h; j++) {
            double[] o = a2[j];
            double bj = b2[j];
            for (int b = 0; b < n; b++) {
                o[b] = bj;
            }
            for (int i = 0; i < h; i++) {
                double wij = w2[i * h + j];
                double[] ai = a1[i];
                for (int b = 0; b < n; b++) {
                    o[b] += ai[b] * wij;
                }
            }
            for (int b = 0; b < n; b++) {
                o[b] = FastMath.tanh(o[b]);
            }
        }
        double b3 = w[5][0];
        for (int b = 0; b < n; b++) {
            f[b] = b3;
        }
        for (int j = 0; j < h; j++) {
            double wj = w3[j];
            double[] o = a2[j];
            for (int b = 0; b < n; b++) {
                f[b] += o[b] * wj;
            }
        }
    }

    /** c1, the log-diffusion s and ex = exp(s) for the block's n rows. */
    private void diffusionForward(double[][] w, int n) {
        double[] v2 = w[8];
        layer(w[6], w[7], hd, c1, n);
        double e2 = w[9][0];
        for (int b = 0; b < n; b++) {
            s[b] = e2;
        }
        for (int j = 0; j < hd; j++) {
            double vj = v2[j];
            double[] c = c1[j];
            for (int b = 0; b < n; b++) {
                s[b] += c[b] * vj;
            }
        }
        for (int b = 0; b < n; b++) {
            ex[b] = FastMath.exp(s[b]);
        }
    }

    /** Lane gradients of the diffusion network from ds (d loss / d s) per row. */
    private void diffusionBackward(double[][] w, int n) {
        double[] v2 = w[8];
        int m = hist + 2;
        double[][] gv1 = laneGrads[6];
        double[][] ge1 = laneGrads[7];
        double[][] gv2 = laneGrads[8];
        double[] ge2 = laneGrads[9][0];
        for (int b = 0; b < n; b++) {
            ge2[b] += ds[b];
        }
        double[] dc = da;
        for (int j = 0; j < hd; j++) {
            double[] c = c1[j];
            double[] g2 = gv2[j];
            double[] g1 = ge1[j];
            double vj = v2[j];
            for (int b = 0; b < n; b++) {
                double cb = c[b];
                g2[b] += cb * ds[b];
                double d = vj * ds[b] * (1 - cb * cb);
                dc[b] = d;
                g1[b] += d;
            }
            for (int q = 0; q < m; q++) {
                double[] g = gv1[q * hd + j];
                double[] iq = in[q];
                for (int b = 0; b < n; b++) {
                    g[b] += iq[b] * dc[b];
                }
            }
        }
    }

    /** Lane gradients of the drift network from df (d loss / d f) per row. */
    private void driftBackward(double[][] w, int n) {
        double[] w2 = w[2];
        double[] w3 = w[4];
        int m = hist + 2;
        double[][] gw1 = laneGrads[0];
        double[][] gb1 = laneGrads[1];
        double[][] gw2 = laneGrads[2];
        double[][] gb2 = laneGrads[3];
        double[][] gw3 = laneGrads[4];
        double[] gb3 = laneGrads[5][0];
        for (int b = 0; b < n; b++) {
            gb3[b] += df[b];
        }
        for (int j = 0; j < h; j++) {
            double[] o = a2[j];
            double[] d = dh[j];
            double[] g3 = gw3[j];
            double[] g2 = gb2[j];
            double wj = w3[j];
            for (int b = 0; b < n; b++) {
                double ob = o[b];
                g3[b] += ob * df[b];
                double v = wj * df[b] * (1 - ob * ob);
                d[b] = v;
                g2[b] += v;
            }
        }
        double[] da1 = da;
        for (int i = 0; i < h; i++) {
            double[] ai = a1[i];
            int base = i * h;
            for (int b = 0; b < n; b++) {
                da1[b] = 0;
            }
            for (int j = 0; j < h; j++) {
                double[] d = dh[j];
                double[] g = gw2[base + j];
                double wij = w2[base + j];
                for (int b = 0; b < n; b++) {
                    g[b] += ai[b] * d[b];
                    da1[b] += wij * d[b];
                }
            }
            double[] g1 = gb1[i];
            for (int b = 0; b < n; b++) {
                double v = da1[b] * (1 - ai[b] * ai[b]);
                da1[b] = v;
                g1[b] += v;
            }
            for (int q = 0; q < m; q++) {
                double[] g = gw1[q * h + i];
                double[] iq = in[q];
                for (int b = 0; b < n; b++) {
                    g[b] += iq[b] * da1[b];
                }
            }
        }
    }

    /** Adds every lane array's sum into {@link #gradients()} and clears the lanes (pairwise halving, vectorized). */
    private void foldLaneGradients() {
        for (int t = 0; t < laneGrads.length; t++) {
            double[][] lanes = laneGrads[t];
            double[] g = grads[t];
            for (int e = 0; e < lanes.length; e++) {
                double[] l = lanes[e];
                for (int len = BLOCK / 2; len >= 1; len >>= 1) {
                    for (int b = 0; b < len; b++) {
                        l[b] += l[b + len];
                    }
                }
                g[e] += l[0];
                java.util.Arrays.fill(l, 0.0);
            }
        }
    }

    /**
     * One Euler–Maruyama step for rows [0, n): {@code out = x + f dt + g √dt xi} ({@code xi} null = noise off). States
     * are row-major n x (1 + history): the power, then the past drives, which shift by one.
     */
    public void step(double[] x, double[] u, double dt, double[] xi, double[] out, int n) {
        double[][] w = sde.weights();
        double sqrtDt = Math.sqrt(dt);
        int m = hist + 2;
        int stride = hist + 1;
        for (int r0 = 0; r0 < n; r0 += BLOCK) {
            int nb = Math.min(BLOCK, n - r0);
            for (int b = 0; b < nb; b++) {
                int r = r0 + b;
                in[0][b] = x[r * stride];
                for (int q = 0; q < hist; q++) {
                    in[1 + q][b] = x[r * stride + 1 + q];
                }
                in[m - 1][b] = u[r];
            }
            driftForward(w, nb);
            double[] xv = in[0];
            double[] y = target;
            for (int b = 0; b < nb; b++) {
                y[b] = xv[b] + f[b] * dt;
            }
            if (diffusion && xi != null) {
                diffusionForward(w, nb);
                for (int b = 0; b < nb; b++) {
                    y[b] += (ex[b] + floor) * sqrtDt * xi[r0 + b];
                }
            }
            for (int b = 0; b < nb; b++) {
                int r = r0 + b;
                out[r * stride] = y[b];
                if (hist > 0) {
                    out[r * stride + 1] = u[r];
                    for (int q = 1; q < hist; q++) {
                        out[r * stride + 1 + q] = x[r * stride + q];
                    }
                }
            }
        }
    }

    /** {@code out[j] = tanh(in · weights[:, j] + bias[j])} for the block's n rows, weights {@code m x width} row-major. */
    private void layer(double[] weights, double[] bias, int width, double[][] out, int n) {
        int m = hist + 2;
        for (int j = 0; j < width; j++) {
            double[] o = out[j];
            // Inputs first, bias last: the order of the sums before drive history, so old twins sample alike.
            double w0 = weights[j];
            double[] i0 = in[0];
            for (int b = 0; b < n; b++) {
                o[b] = 0.0 + i0[b] * w0;
            }
            for (int q = 1; q < m; q++) {
                double wq = weights[q * width + j];
                double[] iq = in[q];
                for (int b = 0; b < n; b++) {
                    o[b] += iq[b] * wq;
                }
            }
            double bj = bias[j];
            for (int b = 0; b < n; b++) {
                o[b] = FastMath.tanh(o[b] + bj);
            }
        }
    }
}
