package io.spinloop.twin.fit;

import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.MatrixOps;
import io.spinloop.autodiff.ReduceOps;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.model.NeuralSde;

/**
 * The Euler–Maruyama transition likelihood of a neural SDE on teacher-forced transitions:
 * {@code y' ~ N(y + f(y,u) dt, g(y,u)² dt)}, mean negative log density per transition (without the constant
 * ½ log 2π). A deterministic twin (no diffusion) gets the squared error ½(y' - y - f dt)² instead.
 */
final class LikelihoodLoss {
    private LikelihoodLoss() {
    }

    /**
     * Sum over the rows of (per-transition loss) * weight, as a 1x1 tensor; {@code history} holds row k's past
     * drives at [k h, k h + h) for a twin with drive history h (else null).
     */
    static Tensor of(Tape tape, NeuralSde sde, double[] previous, double[] drive, double[] history, double[] next,
            int[] index, int from, int to, double dt, double weight) {
        int n = to - from;
        int h = sde.architecture().driveHistory();
        int w = 1 + h;
        double[] xp = new double[n * w];
        double[] u = new double[n];
        double[] xn = new double[n];
        for (int i = 0; i < n; i++) {
            int k = index == null ? from + i : index[from + i];
            xp[i * w] = previous[k];
            for (int j = 0; j < h; j++) {
                xp[i * w + 1 + j] = history[k * h + j];
            }
            u[i] = drive[k];
            xn[i] = next[k];
        }
        Tensor full = Tensor.constant(n, w, xp);
        Tensor x = h == 0 ? full : MatrixOps.columns(tape, full, 0, 1);
        Tensor ut = Tensor.constant(n, 1, u);
        Tensor target = Tensor.constant(n, 1, xn);
        Tensor mean = ElementwiseOps.add(tape, x, ElementwiseOps.scale(tape, sde.drift(tape, full, ut), dt));
        Tensor residual = ElementwiseOps.sub(tape, target, mean);
        Tensor perRow;
        if (sde.architecture().diffusion()) {
            Tensor sd = ElementwiseOps.scale(tape, sde.diffusion(tape, full, ut), Math.sqrt(dt));
            Tensor z = ElementwiseOps.div(tape, residual, sd);
            perRow = ElementwiseOps.add(tape, ElementwiseOps.scale(tape, ElementwiseOps.square(tape, z), 0.5),
                    ElementwiseOps.log(tape, sd));
        } else {
            perRow = ElementwiseOps.scale(tape, ElementwiseOps.square(tape, residual), 0.5);
        }
        return ElementwiseOps.scale(tape, ReduceOps.sum(tape, perRow), weight);
    }
}
