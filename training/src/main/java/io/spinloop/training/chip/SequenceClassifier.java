package io.spinloop.training.chip;

import io.spinloop.training.mackeyglass.RidgeReadout;

/**
 * A sequence classifier on bench neurons: the hidden layer of a {@link QuasiStaticNetwork} (drives computed on
 * the host, activations from a {@link NeuronBank}: twin or chip) and a readout that sees the activations of
 * every step of the sequence,
 * <pre>
 *   logit_c = outBias_c + Σ_t Σ_j out[c][t][j] · h_t[j]      (host)
 * </pre>
 * trained with the softmax cross-entropy plus the same drive penalty as the forecast network, which keeps the
 * drives inside the calibrated windows. The trace's {@code y} holds the logits, {@code [b][class]}.
 */
public final class SequenceClassifier {
    private final QuasiStaticNetwork net;

    public SequenceClassifier(DriveMap map, double drivePenalty) {
        this.net = new QuasiStaticNetwork(map, drivePenalty);
    }

    /** Loss and accuracy of a network on a set of sequences. */
    public record Score(double crossEntropy, double accuracy) {
    }

    public QuasiStaticNetwork.Trace forward(NetworkWeights w, DigitRows batch, NeuronBank bank,
                                            boolean forceStepping) {
        check(w, batch);
        QuasiStaticNetwork.Trace hidden = net.hidden(w, batch.inputs(), bank, forceStepping);
        int b = batch.size();
        double[][] logits = new double[b][w.outputs];
        double[] v = w.values;
        double[][][] h = hidden.h();
        for (int r = 0; r < b; r++) {
            for (int c = 0; c < w.outputs; c++) {
                double s = v[w.outBiasIndex(c)];
                for (int t = 0; t < w.readoutSteps; t++) {
                    int base = w.outIndex(c, t, 0);
                    double[] ht = h[t][r];
                    for (int j = 0; j < w.neurons; j++) {
                        s += v[base + j] * ht[j];
                    }
                }
                logits[r][c] = s;
            }
        }
        return new QuasiStaticNetwork.Trace(hidden.pre(), hidden.drives(), h, hidden.slope(), logits);
    }

    private static void check(NetworkWeights w, DigitRows batch) {
        if (!w.isClassifier() || w.readoutSteps != batch.steps() || w.inputs != batch.width()
                || w.outputs != batch.classes()) {
            throw new IllegalArgumentException(w + " cannot classify sequences of " + batch.steps() + " steps of "
                    + batch.width() + " inputs into " + batch.classes() + " classes");
        }
    }

    /** Mean cross-entropy of the trace's logits plus the drive penalty. */
    public double loss(QuasiStaticNetwork.Trace trace, DigitRows batch) {
        return crossEntropy(trace.y(), batch.labels()) + net.drivePenalty() * QuasiStaticNetwork.penalty(trace.pre());
    }

    public static double crossEntropy(double[][] logits, int[] labels) {
        double s = 0;
        for (int r = 0; r < logits.length; r++) {
            double[] p = softmax(logits[r]);
            s -= Math.log(Math.max(p[labels[r]], 1e-300));
        }
        return s / logits.length;
    }

    public static double accuracy(double[][] logits, int[] labels) {
        int right = 0;
        for (int r = 0; r < logits.length; r++) {
            if (argmax(logits[r]) == labels[r]) {
                right++;
            }
        }
        return (double) right / logits.length;
    }

    static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    static double[] softmax(double[] z) {
        double max = z[argmax(z)];
        double[] p = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Gradient of {@link #loss} in the flattened weights: the readout's, then BPTT through the hidden layer. */
    public double[] gradient(NetworkWeights w, DigitRows batch, QuasiStaticNetwork.Trace trace) {
        int b = batch.size();
        int steps = batch.steps();
        int n = w.neurons;
        double[] v = w.values;
        double[] g = new double[v.length];
        double[][][] dh = new double[steps][b][n];
        for (int r = 0; r < b; r++) {
            double[] dz = softmax(trace.y()[r]);
            dz[batch.labels()[r]] -= 1;
            for (int c = 0; c < w.outputs; c++) {
                double d = dz[c] / b;
                g[w.outBiasIndex(c)] += d;
                for (int t = 0; t < steps; t++) {
                    int base = w.outIndex(c, t, 0);
                    double[] ht = trace.h()[t][r];
                    for (int j = 0; j < n; j++) {
                        g[base + j] += d * ht[j];
                        dh[t][r][j] += d * v[base + j];
                    }
                }
            }
        }
        net.backHidden(w, batch.inputs(), trace, dh, g);
        return g;
    }

    /** Cross-entropy and accuracy on {@code data} with the neurons in {@code bank} (one pass, no penalty). */
    public Score score(NetworkWeights w, DigitRows data, NeuronBank bank) {
        QuasiStaticNetwork.Trace tr = forward(w, data, bank, false);
        return new Score(crossEntropy(tr.y(), data.labels()), accuracy(tr.y(), data.labels()));
    }

    /**
     * Fits the readout by ridge regression of one-hot targets on the activations {@code bank} gives for
     * {@code data} (all steps side by side): the reservoir's readout, and the start of gradient training.
     */
    public void fitReadout(NetworkWeights w, DigitRows data, NeuronBank bank, double lambda) {
        QuasiStaticNetwork.Trace tr = forward(w, data, bank, false);
        RidgeReadout[] rr = RidgeReadout.fitEach(features(tr.h(), data.size()),
                oneHot(data.labels(), w.outputs), lambda);
        for (int c = 0; c < w.outputs; c++) {
            w.setClassReadout(c, rr[c].weights(), rr[c].bias());
        }
    }

    /** {@code [class][row]}: 1 where row r is of class c, else 0 (the targets of a ridge readout per class). */
    public static double[][] oneHot(int[] labels, int classes) {
        double[][] y = new double[classes][labels.length];
        for (int r = 0; r < labels.length; r++) {
            y[labels[r]][r] = 1;
        }
        return y;
    }

    /** Row r: the activations of sequence r, step-major ({@code h_0[0..n), h_1[0..n), ...}). */
    static double[][] features(double[][][] h, int rows) {
        int steps = h.length;
        int n = h[0][0].length;
        double[][] f = new double[rows][steps * n];
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < steps; t++) {
                System.arraycopy(h[t][r], 0, f[r], t * n, n);
            }
        }
        return f;
    }
}
