package io.spinloop.twin.model;

import io.spinloop.autodiff.FastMath;

/**
 * {@link NeuralSdeKernel}'s transition loss and gradient in single precision: the same feature-major blocks and
 * row-lane gradient sums, over float arrays, so each vector holds twice the rows (16 on AVX-512) and the blocks and
 * lane sums take half the cache. The activations are {@link FastMath#tanhFloat} (within 5e-7 of {@code Math.tanh}).
 * What float would lose is kept in double: the difference {@code y' - y} is taken in double before it is rounded
 * (the residual is a small difference of O(1) normalised powers), the diffusion's exponential and the log density
 * are evaluated in double, the loss is summed in double, and the gradient is folded into double buffers once per
 * call. The weights are rounded to float at each call. The fit's validation figures with this kernel are in the
 * README ("Digital twin", issue 17, third increment).
 *
 * <p>Not thread-safe: one kernel (it owns its scratch and gradient buffers) per thread.
 */
public final class FloatNeuralSdeKernel implements TransitionLossKernel {
    /**
     * Rows per block: twice {@link NeuralSdeKernel#BLOCK}, the same bytes per array (with 128 the loss alone took 1.3x
     * as long, the loss and gradient about the same).
     */
    static final int BLOCK = 256;

    private final NeuralSde sde;
    private final int h;
    private final int hd;
    private final boolean diffusion;
    private final float floor;
    private final int hist;
    /** The weights rounded to float, refreshed at each call. */
    private final float[][] w;
    private final float[][] in;
    private final float[][] a1;
    private final float[][] a2;
    private final float[][] c1;
    private final float[][] dh;
    /** y' - y per row, rounded once from its double difference. */
    private final float[] dy = new float[BLOCK];
    private final float[] f = new float[BLOCK];
    private final float[] s = new float[BLOCK];
    private final float[] ex = new float[BLOCK];
    private final double[] sWide = new double[BLOCK];
    private final double[] exWide = new double[BLOCK];
    private final float[] sd = new float[BLOCK];
    private final float[] z = new float[BLOCK];
    private final float[] df = new float[BLOCK];
    private final float[] ds = new float[BLOCK];
    private final float[] da = new float[BLOCK];
    private final double[][] grads;
    private final float[][][] laneGrads;

    public FloatNeuralSdeKernel(NeuralSde sde) {
        if (sde.architecture().latent() != 0) {
            throw new IllegalArgumentException("the fused kernel is for neural SDEs without latent states");
        }
        this.sde = sde;
        NeuralSdeArchitecture a = sde.architecture();
        this.h = a.driftHidden();
        this.hd = a.diffusionHidden();
        this.diffusion = a.diffusion();
        this.floor = (float) a.minDiffusion();
        this.hist = a.driveHistory();
        in = new float[hist + 2][BLOCK];
        a1 = new float[h][BLOCK];
        a2 = new float[h][BLOCK];
        c1 = new float[hd][BLOCK];
        dh = new float[h][BLOCK];
        double[][] wd = sde.weights();
        w = new float[wd.length][];
        grads = new double[wd.length][];
        laneGrads = new float[wd.length][][];
        for (int i = 0; i < wd.length; i++) {
            w[i] = new float[wd[i].length];
            grads[i] = new double[wd[i].length];
            laneGrads[i] = new float[wd[i].length][BLOCK];
        }
    }

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

    @Override
    public double transitionLoss(double[] previous, double[] drive, double[] history, double[] next, int[] index,
            int from, int to, double dt, double weight, boolean withGradient) {
        if (hist > 0 && (history == null || history.length < previous.length * hist)) {
            throw new IllegalArgumentException("this neural SDE sees " + hist + " past drives per transition");
        }
        double[][] wd = sde.weights();
        for (int i = 0; i < wd.length; i++) {
            for (int e = 0; e < wd[i].length; e++) {
                w[i][e] = (float) wd[i][e];
            }
        }
        double total = 0;
        int m = hist + 2;
        for (int r0 = from; r0 < to; r0 += BLOCK) {
            int n = Math.min(BLOCK, to - r0);
            for (int b = 0; b < n; b++) {
                int k = index == null ? r0 + b : index[r0 + b];
                double x = previous[k];
                in[0][b] = (float) x;
                for (int q = 0; q < hist; q++) {
                    in[1 + q][b] = (float) history[k * hist + q];
                }
                in[m - 1][b] = (float) drive[k];
                dy[b] = (float) (next[k] - x);
            }
            total += blockLoss(n, dt, weight, withGradient);
        }
        if (withGradient) {
            foldLaneGradients();
        }
        return total;
    }

    private double blockLoss(int n, double dt, double weight, boolean withGradient) {
        driftForward(n);
        float dtf = (float) dt;
        float[] resid = da;
        for (int b = 0; b < n; b++) {
            resid[b] = dy[b] - f[b] * dtf;
        }
        double total = 0;
        float[] dMu = df;
        float wf = (float) weight;
        if (diffusion) {
            double sqrtDt = Math.sqrt(dt);
            float sqrtDtF = (float) sqrtDt;
            diffusionForward(n);
            for (int b = 0; b < n; b++) {
                float sdb = (ex[b] + floor) * sqrtDtF;
                sd[b] = sdb;
                z[b] = resid[b] / sdb;
            }
            for (int b = 0; b < n; b++) {
                double zb = z[b];
                total += 0.5 * zb * zb + Math.log((exWide[b] + floor) * sqrtDt);
            }
            total *= weight;
            if (!withGradient) {
                return total;
            }
            for (int b = 0; b < n; b++) {
                dMu[b] = -wf * z[b] / sd[b];
                ds[b] = wf * (1 - z[b] * z[b]) / sd[b] * sqrtDtF * ex[b];
            }
            diffusionBackward(n);
        } else {
            for (int b = 0; b < n; b++) {
                double r = resid[b];
                total += 0.5 * r * r;
            }
            total *= weight;
            if (!withGradient) {
                return total;
            }
            for (int b = 0; b < n; b++) {
                dMu[b] = -wf * resid[b];
            }
        }
        for (int b = 0; b < n; b++) {
            df[b] = dMu[b] * dtf;
        }
        driftBackward(n);
        return total;
    }

    private void driftForward(int n) {
        float[] w2 = w[2];
        float[] b2 = w[3];
        float[] w3 = w[4];
        layer(w[0], w[1], h, a1, n);
        for (int j = 0; j < h; j++) {
            float[] o = a2[j];
            float bj = b2[j];
            for (int b = 0; b < n; b++) {
                o[b] = bj;
            }
            for (int i = 0; i < h; i++) {
                float wij = w2[i * h + j];
                float[] ai = a1[i];
                for (int b = 0; b < n; b++) {
                    o[b] += ai[b] * wij;
                }
            }
            for (int b = 0; b < n; b++) {
                o[b] = FastMath.tanhFloat(o[b]);
            }
        }
        float b3 = w[5][0];
        for (int b = 0; b < n; b++) {
            f[b] = b3;
        }
        for (int j = 0; j < h; j++) {
            float wj = w3[j];
            float[] o = a2[j];
            for (int b = 0; b < n; b++) {
                f[b] += o[b] * wj;
            }
        }
    }

    /** c1, the log-diffusion s and ex = exp(s) (in double, rounded) for the block's n rows. */
    private void diffusionForward(int n) {
        float[] v2 = w[8];
        layer(w[6], w[7], hd, c1, n);
        float e2 = w[9][0];
        for (int b = 0; b < n; b++) {
            s[b] = e2;
        }
        for (int j = 0; j < hd; j++) {
            float vj = v2[j];
            float[] c = c1[j];
            for (int b = 0; b < n; b++) {
                s[b] += c[b] * vj;
            }
        }
        // In three loops, so that the exponential's (in double) vectorizes: a float-double conversion inside it
        // would keep it scalar.
        for (int b = 0; b < n; b++) {
            sWide[b] = s[b];
        }
        FastMath.exp(sWide, exWide, n);
        for (int b = 0; b < n; b++) {
            ex[b] = (float) exWide[b];
        }
    }

    private void diffusionBackward(int n) {
        float[] v2 = w[8];
        int m = hist + 2;
        float[][] gv1 = laneGrads[6];
        float[][] ge1 = laneGrads[7];
        float[][] gv2 = laneGrads[8];
        float[] ge2 = laneGrads[9][0];
        for (int b = 0; b < n; b++) {
            ge2[b] += ds[b];
        }
        float[] dc = da;
        for (int j = 0; j < hd; j++) {
            float[] c = c1[j];
            float[] g2 = gv2[j];
            float[] g1 = ge1[j];
            float vj = v2[j];
            for (int b = 0; b < n; b++) {
                float cb = c[b];
                g2[b] += cb * ds[b];
                float d = vj * ds[b] * (1 - cb * cb);
                dc[b] = d;
                g1[b] += d;
            }
            for (int q = 0; q < m; q++) {
                float[] g = gv1[q * hd + j];
                float[] iq = in[q];
                for (int b = 0; b < n; b++) {
                    g[b] += iq[b] * dc[b];
                }
            }
        }
    }

    private void driftBackward(int n) {
        float[] w2 = w[2];
        float[] w3 = w[4];
        int m = hist + 2;
        float[][] gw1 = laneGrads[0];
        float[][] gb1 = laneGrads[1];
        float[][] gw2 = laneGrads[2];
        float[][] gb2 = laneGrads[3];
        float[][] gw3 = laneGrads[4];
        float[] gb3 = laneGrads[5][0];
        for (int b = 0; b < n; b++) {
            gb3[b] += df[b];
        }
        for (int j = 0; j < h; j++) {
            float[] o = a2[j];
            float[] d = dh[j];
            float[] g3 = gw3[j];
            float[] g2 = gb2[j];
            float wj = w3[j];
            for (int b = 0; b < n; b++) {
                float ob = o[b];
                g3[b] += ob * df[b];
                float v = wj * df[b] * (1 - ob * ob);
                d[b] = v;
                g2[b] += v;
            }
        }
        float[] da1 = da;
        for (int i = 0; i < h; i++) {
            float[] ai = a1[i];
            int base = i * h;
            for (int b = 0; b < n; b++) {
                da1[b] = 0;
            }
            for (int j = 0; j < h; j++) {
                float[] d = dh[j];
                float[] g = gw2[base + j];
                float wij = w2[base + j];
                for (int b = 0; b < n; b++) {
                    g[b] += ai[b] * d[b];
                    da1[b] += wij * d[b];
                }
            }
            float[] g1 = gb1[i];
            for (int b = 0; b < n; b++) {
                float v = da1[b] * (1 - ai[b] * ai[b]);
                da1[b] = v;
                g1[b] += v;
            }
            for (int q = 0; q < m; q++) {
                float[] g = gw1[q * h + i];
                float[] iq = in[q];
                for (int b = 0; b < n; b++) {
                    g[b] += iq[b] * da1[b];
                }
            }
        }
    }

    /**
     * Adds every lane array's sum into the double gradients and clears the lanes. Two vectorized passes take the
     * {@value #BLOCK} lanes to 16 (four at a time: a halving loop per step down to one lane cost more in loop set-up
     * than in adds, a fifth of the kernel's time), then 16 scalar adds; the sum order is fixed, so results repeat. Written
     * for {@value #BLOCK} = 256 lanes (256, 64, 16).
     */
    private void foldLaneGradients() {
        final int q = BLOCK / 4;
        for (int t = 0; t < laneGrads.length; t++) {
            float[][] lanes = laneGrads[t];
            double[] g = grads[t];
            for (int e = 0; e < lanes.length; e++) {
                float[] l = lanes[e];
                for (int b = 0; b < q; b++) {
                    l[b] = (l[b] + l[b + q]) + (l[b + 2 * q] + l[b + 3 * q]);
                }
                for (int b = 0; b < 16; b++) {
                    l[b] = (l[b] + l[b + 16]) + (l[b + 32] + l[b + 48]);
                }
                double sum = 0;
                for (int b = 0; b < 16; b++) {
                    sum += l[b];
                }
                g[e] += sum;
                java.util.Arrays.fill(l, 0.0f);
            }
        }
    }

    /** {@code out[j] = tanh(in · weights[:, j] + bias[j])} for the block's n rows, weights {@code m x width} row-major. */
    private void layer(float[] weights, float[] bias, int width, float[][] out, int n) {
        int m = hist + 2;
        for (int j = 0; j < width; j++) {
            float[] o = out[j];
            float w0 = weights[j];
            float[] i0 = in[0];
            for (int b = 0; b < n; b++) {
                o[b] = i0[b] * w0;
            }
            for (int q = 1; q < m; q++) {
                float wq = weights[q * width + j];
                float[] iq = in[q];
                for (int b = 0; b < n; b++) {
                    o[b] += iq[b] * wq;
                }
            }
            float bj = bias[j];
            for (int b = 0; b < n; b++) {
                o[b] = FastMath.tanhFloat(o[b] + bj);
            }
        }
    }
}
