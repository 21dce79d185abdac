package io.spinloop.autodiff;

/** Losses over a batch, each returning a 1 x 1 tensor; fused with their analytic backward. */
public final class LossOps {
    private LossOps() {
    }

    /** Row-wise log-softmax of logits (B x K), computed with the max subtracted for stability. */
    public static Tensor logSoftmax(Tape tape, Tensor logits) {
        int rows = logits.rows();
        int k = logits.cols();
        Tensor y = tape.newTensor(rows, k, logits);
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, logits.data[o + c]);
            }
            double s = 0.0;
            for (int c = 0; c < k; c++) {
                s += Math.exp(logits.data[o + c] - max);
            }
            double lse = max + Math.log(s);
            for (int c = 0; c < k; c++) {
                y.data[o + c] = logits.data[o + c] - lse;
            }
        }
        tape.record(y, () -> {
            double[] gl = tape.grad(logits);
            for (int r = 0; r < rows; r++) {
                int o = r * k;
                double gs = 0.0;
                for (int c = 0; c < k; c++) {
                    gs += y.grad[o + c];
                }
                for (int c = 0; c < k; c++) {
                    gl[o + c] += y.grad[o + c] - Math.exp(y.data[o + c]) * gs;
                }
            }
        });
        return y;
    }

    /**
     * Mean negative log-likelihood of the labels under softmax(logits): the log-likelihood loss of the
     * seed (log-softmax followed by NLL). {@code labels[r]} is the class of row r.
     */
    public static Tensor softmaxCrossEntropy(Tape tape, Tensor logits, int[] labels) {
        int rows = logits.rows();
        int k = logits.cols();
        if (labels.length != rows) {
            throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows of logits");
        }
        double[] prob = new double[rows * k];
        double loss = 0.0;
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            int label = labels[r];
            if (label < 0 || label >= k) {
                throw new IllegalArgumentException("label " + label + " of row " + r + " outside 0.." + (k - 1));
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, logits.data[o + c]);
            }
            double s = 0.0;
            for (int c = 0; c < k; c++) {
                double e = Math.exp(logits.data[o + c] - max);
                prob[o + c] = e;
                s += e;
            }
            for (int c = 0; c < k; c++) {
                prob[o + c] /= s;
            }
            loss -= logits.data[o + label] - max - Math.log(s);
        }
        Tensor y = tape.newTensor(1, 1, logits);
        y.data[0] = loss / rows;
        tape.record(y, () -> {
            double[] gl = tape.grad(logits);
            double g = y.grad[0] / rows;
            for (int r = 0; r < rows; r++) {
                int o = r * k;
                for (int c = 0; c < k; c++) {
                    gl[o + c] += g * (prob[o + c] - (c == labels[r] ? 1.0 : 0.0));
                }
            }
        });
        return y;
    }

    /** Mean squared error between pred and a target of the same shape. */
    public static Tensor mse(Tape tape, Tensor pred, Tensor target) {
        if (!pred.sameShape(target)) {
            throw new IllegalArgumentException("mse of " + pred.shape() + " against " + target.shape());
        }
        int n = pred.size();
        Tensor y = tape.newTensor(1, 1, pred, target);
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            double d = pred.data[i] - target.data[i];
            s += d * d;
        }
        y.data[0] = s / n;
        tape.record(y, () -> {
            double g = 2.0 * y.grad[0] / n;
            double[] gp = tape.grad(pred);
            double[] gt = tape.grad(target);
            for (int i = 0; i < n; i++) {
                double d = pred.data[i] - target.data[i];
                if (gp != null) gp[i] += g * d;
                if (gt != null) gt[i] -= g * d;
            }
        });
        return y;
    }

    /** Index of the largest logit of each row (predicted classes); not differentiable. */
    public static int[] argmax(Tensor logits) {
        int rows = logits.rows();
        int k = logits.cols();
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (logits.data[r * k + c] > logits.data[r * k + best]) {
                    best = c;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** How many rows' largest logit is at their label. */
    public static int countCorrect(Tensor logits, int[] labels) {
        int[] pred = argmax(logits);
        int correct = 0;
        for (int i = 0; i < pred.length; i++) {
            if (pred[i] == labels[i]) {
                correct++;
            }
        }
        return correct;
    }
}
