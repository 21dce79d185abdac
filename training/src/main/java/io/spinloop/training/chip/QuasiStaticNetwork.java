package io.spinloop.training.chip;

import io.spinloop.training.mackeyglass.ForecastTask;

/**
 * The bench-sized network: one layer of oscillator neurons read quasi-statically, and a linear readout.
 *
 * <pre>
 *   a_t = W_in x_t + W_rec h_{t-1} + b      (host)
 *   I_t = center + halfWidth · a_t          (host → drive currents, {@link DriveMap})
 *   h_t = neuron(I_t)                       (twin or chip: {@link NeuronBank})
 *   y_t = w_out · h_t + c                   (host)
 * </pre>
 * With {@code W_rec = 0} every drive is known before the first is played (feed-forward: the bench runs a whole
 * batch as list sweeps). With recurrence the host needs step t's measurement to compute step t+1's drives
 * (stepping). The backward pass is BPTT through these equations, with {@code dh/dI} from the bank: the twin's
 * per-step Jacobian, evaluated where the bank's forward pass was (on the chip: at the measured activations and
 * the drives actually applied).
 *
 * <p>Loss: mean squared error of the forecast plus {@code drivePenalty · mean(relu(|a| − 1)²)}, which keeps
 * drives inside the calibrated windows, where the twin knows the devices.
 */
public final class QuasiStaticNetwork {
    private final DriveMap map;
    private final double drivePenalty;

    public QuasiStaticNetwork(DriveMap map, double drivePenalty) {
        this.map = map;
        this.drivePenalty = drivePenalty;
    }

    public DriveMap driveMap() {
        return map;
    }

    /** Weight of the penalty on pre-activations outside [−1, 1]. */
    public double drivePenalty() {
        return drivePenalty;
    }

    /** Everything the forward pass saw, for the backward pass: indices [t][b][j]. */
    public record Trace(double[][][] pre, double[][][] drives, double[][][] h, double[][][] slope, double[][] y) {

        /** The largest |pre-activation| of the pass: above 1, some drive left its device's calibrated window. */
        public double maxAbsPreActivation() {
            double max = 0;
            for (double[][] step : pre) {
                for (double[] row : step) {
                    for (double a : row) {
                        max = Math.max(max, Math.abs(a));
                    }
                }
            }
            return max;
        }
    }

    /** Pre-activations of a feed-forward network (no recurrence), all steps at once; inputs {@code [b][t][k]}. */
    double[][][] feedForwardPre(NetworkWeights w, double[][][] inputs) {
        int b = inputs.length;
        int steps = inputs[0].length;
        double[][][] pre = new double[steps][b][w.neurons];
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < b; r++) {
                preActivation(w, inputs[r][t], null, pre[t][r]);
            }
        }
        return pre;
    }

    private static void preActivation(NetworkWeights w, double[] x, double[] hPrev, double[] out) {
        double[] v = w.values;
        for (int j = 0; j < w.neurons; j++) {
            double a = v[w.biasIndex(j)];
            int base = w.inIndex(j, 0);
            for (int k = 0; k < w.inputs; k++) {
                a += v[base + k] * x[k];
            }
            if (w.recurrent && hPrev != null) {
                int rb = w.recIndex(j, 0);
                for (int i = 0; i < w.neurons; i++) {
                    a += v[rb + i] * hPrev[i];
                }
            }
            out[j] = a;
        }
    }

    /** Drive currents (A) of pre-activations {@code pre[b][j]}. */
    public double[][] drives(double[][] pre) {
        double[][] d = new double[pre.length][pre[0].length];
        for (int r = 0; r < pre.length; r++) {
            for (int j = 0; j < pre[r].length; j++) {
                d[r][j] = map.drive(j, pre[r][j]);
            }
        }
        return d;
    }

    /**
     * Runs the network over a batch of windows and applies the forecast readout. Feed-forward weights go as one
     * batch of all steps unless {@code forceStepping}; recurrent ones always step.
     */
    public Trace forward(NetworkWeights w, ForecastTask batch, NeuronBank bank, boolean forceStepping) {
        if (w.isClassifier()) {
            throw new IllegalArgumentException(w + " has a classifier's readout: run it with SequenceClassifier");
        }
        Trace hidden = hidden(w, batch.inputs(), bank, forceStepping);
        int b = batch.windows();
        int steps = batch.steps();
        int n = w.neurons;
        double[][][] h = hidden.h();
        double[][] y = new double[b][steps];
        double[] v = w.values;
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < b; r++) {
                double s = v[w.outBiasIndex()];
                for (int j = 0; j < n; j++) {
                    s += v[w.outIndex(j)] * h[t][r][j];
                }
                y[r][t] = s;
            }
        }
        return new Trace(hidden.pre(), hidden.drives(), h, hidden.slope(), y);
    }

    /**
     * The hidden layer alone over inputs {@code [b][t][k]}: pre-activations, drives, activations and slopes, with
     * {@code y} null (the readout is the caller's: a forecast here, a classifier in {@link SequenceClassifier}).
     */
    Trace hidden(NetworkWeights w, double[][][] inputs, NeuronBank bank, boolean forceStepping) {
        int b = inputs.length;
        int steps = inputs[0].length;
        int n = w.neurons;
        double[][][] pre;
        double[][][] drives = new double[steps][][];
        double[][][] h = new double[steps][][];
        double[][][] slope = new double[steps][][];
        if (!w.recurrent && !forceStepping) {
            pre = feedForwardPre(w, inputs);
            for (int t = 0; t < steps; t++) {
                drives[t] = drives(pre[t]);
            }
            Activation[] acts = bank.evaluateAll(drives);
            for (int t = 0; t < steps; t++) {
                h[t] = acts[t].h();
                slope[t] = acts[t].slope();
            }
        } else {
            pre = new double[steps][b][n];
            for (int t = 0; t < steps; t++) {
                for (int r = 0; r < b; r++) {
                    preActivation(w, inputs[r][t], t > 0 ? h[t - 1][r] : null, pre[t][r]);
                }
                drives[t] = drives(pre[t]);
                Activation act = bank.evaluate(drives[t]);
                h[t] = act.h();
                slope[t] = act.slope();
            }
        }
        return new Trace(pre, drives, h, slope, null);
    }

    /** Loss of a trace against targets {@code [b][t]}: forecast MSE plus the drive penalty. */
    public double loss(Trace trace, double[][] targets) {
        return mse(trace.y(), targets) + drivePenalty * penalty(trace.pre());
    }

    public static double mse(double[][] y, double[][] targets) {
        double s = 0;
        int count = 0;
        for (int r = 0; r < y.length; r++) {
            for (int t = 0; t < y[r].length; t++) {
                double e = y[r][t] - targets[r][t];
                s += e * e;
                count++;
            }
        }
        return s / count;
    }

    static double penalty(double[][][] pre) {
        double s = 0;
        int count = 0;
        for (double[][] step : pre) {
            for (double[] row : step) {
                for (double a : row) {
                    double over = Math.abs(a) - 1;
                    if (over > 0) {
                        s += over * over;
                    }
                    count++;
                }
            }
        }
        return s / count;
    }

    /** Gradient of {@link #loss} in the flattened weights, by BPTT with the bank's slopes. */
    public double[] gradient(NetworkWeights w, ForecastTask batch, Trace trace) {
        int b = batch.windows();
        int steps = batch.steps();
        int n = w.neurons;
        double[] v = w.values;
        double[] g = new double[v.length];
        double norm = 2.0 / (b * steps);
        double[][][] dh = new double[steps][b][n];
        for (int t = steps - 1; t >= 0; t--) {
            for (int r = 0; r < b; r++) {
                double dy = norm * (trace.y()[r][t] - batch.targets()[r][t]);
                g[w.outBiasIndex()] += dy;
                double[] hr = trace.h()[t][r];
                for (int j = 0; j < n; j++) {
                    g[w.outIndex(j)] += dy * hr[j];
                    dh[t][r][j] = dy * v[w.outIndex(j)];
                }
            }
        }
        backHidden(w, batch.inputs(), trace, dh, g);
        return g;
    }

    /**
     * BPTT through the hidden layer: given {@code dL/dh_t} from the readout ({@code dhOut[t][b][j]}), adds the
     * gradients of the input, recurrent and bias weights and of the drive penalty to {@code g}.
     */
    void backHidden(NetworkWeights w, double[][][] inputs, Trace trace, double[][][] dhOut, double[] g) {
        int b = inputs.length;
        int steps = inputs[0].length;
        int n = w.neurons;
        double[] v = w.values;
        double penNorm = drivePenalty * 2.0 / ((double) b * steps * n);
        double[][] carry = new double[b][n]; // dL/dh_t from step t+1 through W_rec
        double[] da = new double[n];
        for (int t = steps - 1; t >= 0; t--) {
            for (int r = 0; r < b; r++) {
                for (int j = 0; j < n; j++) {
                    double dh = dhOut[t][r][j] + carry[r][j];
                    double a = trace.pre()[t][r][j];
                    double over = Math.abs(a) - 1;
                    double pen = over > 0 ? penNorm * over * Math.signum(a) : 0;
                    da[j] = dh * trace.slope()[t][r][j] * map.gain(j) + pen;
                }
                double[] x = inputs[r][t];
                for (int j = 0; j < n; j++) {
                    int base = w.inIndex(j, 0);
                    for (int k = 0; k < w.inputs; k++) {
                        g[base + k] += da[j] * x[k];
                    }
                    g[w.biasIndex(j)] += da[j];
                }
                java.util.Arrays.fill(carry[r], 0);
                if (w.recurrent && t > 0) {
                    double[] hp = trace.h()[t - 1][r];
                    for (int j = 0; j < n; j++) {
                        int rb = w.recIndex(j, 0);
                        for (int i = 0; i < n; i++) {
                            g[rb + i] += da[j] * hp[i];
                            carry[r][i] += da[j] * v[rb + i];
                        }
                    }
                }
            }
        }
    }
}
