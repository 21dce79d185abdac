package io.spinloop.training.network;

import io.spinloop.autodiff.MatMulKernels;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.neuron.NeuronModel;
import io.spinloop.training.neuron.OutputStage;

/**
 * One layer over one input interval, fused into a single tape op with an analytic backward:
 * <pre>
 *   I  = S (u W_in + y W_intra + b) + b_fixed        (seed 000 eq. 4 / 7)
 *   x' = Φ(x, I) over Δt                              (the neuron model)
 *   y' = α (y + x' − x), α = e^{−2π f_cut Δt}         (high-pass, eq. 5)   or   y' = tanh(x')  (CTRNN)
 * </pre>
 * u is what the layer receives (the pixel for layer 0, the previous layer's y' otherwise), y the layer's own
 * output one interval earlier. Fusing keeps the hot loop to two products and two element-wise passes.
 */
final class LayerCell {
    private final NeuronModel neuron;
    private final double dt;
    private final double s;
    private final double alpha;

    LayerCell(NeuronModel neuron, double dtNs, double amplification, double fCutMHz) {
        this.neuron = neuron;
        this.dt = dtNs;
        this.s = amplification;
        // f_cut in MHz is 1e-3 cycles per ns.
        this.alpha = Math.exp(-2 * Math.PI * fCutMHz * 1e-3 * dtNs);
    }

    /** Advances the layer; returns {x', y'}. */
    Tensor[] step(Tape tape, Tensor u, Tensor x, Tensor y, Tensor wIn, Tensor wIntra, Tensor bias) {
        int b = x.rows();
        int n = x.cols();
        int nin = u.cols();
        int size = b * n;
        Tensor drive = tape.newTensor(b, n, false);
        double[] dr = drive.data();
        MatMulKernels.multiply(u.data(), b, nin, wIn.data(), n, dr, false);
        MatMulKernels.multiply(y.data(), b, n, wIntra.data(), n, dr, true);
        double[] bd = bias.data();
        double fixed = neuron.fixedDrive();
        for (int r = 0; r < b; r++) {
            int o = r * n;
            for (int c = 0; c < n; c++) {
                dr[o + c] = s * (dr[o + c] + bd[c]) + fixed;
            }
        }
        Tensor xNext = tape.newTensor(b, n, u, x, y, wIn, wIntra, bias);
        Tensor yNext = tape.newTensor(b, n, u, x, y, wIn, wIntra, bias);
        double[] xd = x.data();
        double[] xn = xNext.data();
        double[] yd = y.data();
        double[] yn = yNext.data();
        neuron.step(dt, xd, dr, xn, size);
        boolean highPass = neuron.outputStage() == OutputStage.HIGH_PASS;
        if (highPass) {
            for (int i = 0; i < size; i++) {
                yn[i] = alpha * (yd[i] + xn[i] - xd[i]);
            }
        } else {
            for (int i = 0; i < size; i++) {
                yn[i] = Math.tanh(xn[i]);
            }
        }
        if (!xNext.requiresGrad()) {
            return new Tensor[] {xNext, yNext};
        }
        // Scratch for the backward pass, taken now so that replays reuse it.
        double[] gState = tape.newTensor(b, n, false).data();
        double[] gDrive = tape.newTensor(b, n, false).data();
        tape.record(new Tensor[] {xNext, yNext}, () -> {
            double[] gxn = tape.grad(xNext);
            double[] gyn = tape.grad(yNext);
            double[] gx = tape.grad(x);
            double[] gy = tape.grad(y);
            // Gradient reaching x' directly and through y'.
            if (highPass) {
                for (int i = 0; i < size; i++) {
                    double a = alpha * gyn[i];
                    gState[i] = gxn[i] + a;
                }
                if (gy != null) {
                    for (int i = 0; i < size; i++) {
                        gy[i] += alpha * gyn[i];
                    }
                }
                if (gx != null) {
                    for (int i = 0; i < size; i++) {
                        gx[i] -= alpha * gyn[i];
                    }
                }
            } else {
                for (int i = 0; i < size; i++) {
                    gState[i] = gxn[i] + gyn[i] * (1 - yn[i] * yn[i]);
                }
            }
            java.util.Arrays.fill(gDrive, 0.0);
            if (gx != null) {
                neuron.stepBackward(dt, xd, dr, xn, gState, gx, gDrive, size);
            } else {
                double[] sink = new double[size];
                neuron.stepBackward(dt, xd, dr, xn, gState, sink, gDrive, size);
            }
            for (int i = 0; i < size; i++) {
                gDrive[i] *= s;
            }
            double[] gb = tape.grad(bias);
            if (gb != null) {
                MatMulKernels.sumRowsInto(gDrive, b, n, gb);
            }
            double[] gwIn = tape.grad(wIn);
            if (gwIn != null) {
                MatMulKernels.multiplyTransposedInputs(u.data(), b, nin, gDrive, n, gwIn);
            }
            double[] gu = tape.grad(u);
            if (gu != null) {
                MatMulKernels.multiplyTransposedWeights(gDrive, b, n, wIn.data(), nin, gu);
            }
            double[] gwIntra = tape.grad(wIntra);
            if (gwIntra != null) {
                MatMulKernels.multiplyTransposedInputs(yd, b, n, gDrive, n, gwIntra);
            }
            if (gy != null) {
                MatMulKernels.multiplyTransposedWeights(gDrive, b, n, wIntra.data(), n, gy);
            }
        });
        return new Tensor[] {xNext, yNext};
    }
}
