package io.spinloop.training.network;

import io.spinloop.autodiff.FastMath;
import io.spinloop.autodiff.SparseWeights;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.neuron.NeuronModel;
import io.spinloop.training.neuron.OutputStage;
import java.util.Arrays;

/**
 * The network's layers unrolled over a whole input sequence as one tape op, with an analytic backward
 * (backpropagation through time). Per layer and input interval:
 * <pre>
 *   I  = S (u W_in + y W_intra + b) + b_fixed        (seed 000 eq. 4 / 7)
 *   x' = Φ(x, I) over Δt                              (the neuron model)
 *   y' = α (y + x' − x), α = e^{−2π f_cut Δt}         (high-pass, eq. 5)   or   y' = tanh(x')  (CTRNN)
 * </pre>
 * u is what the layer receives (the input for layer 0, the previous layer's y' otherwise), y the layer's
 * own output one interval earlier.
 *
 * <p>Why one op for the whole sequence: inside it activations are feature-major (one array per neuron
 * holding its values for the batch), so every loop runs along the batch and the products touch only kept synapses
 * ({@link SparseWeights}); per step it keeps only what the backward needs (each layer's y' and the neuron's
 * diagonal Jacobian, so the oscillator's exponential is evaluated once); the backward carries one running
 * gradient per layer instead of a tape buffer per step; and every buffer comes from the tape's scratch
 * pool, so replays allocate nothing. The op's output is the last layer's final y', batch-major, for the readout.
 */
final class UnrolledLayers implements SequenceUnroll {
    private final NeuronModel neuron;
    private final double dt;
    private final double s;
    private final double alpha;
    private final SparseWeights[] inW;
    private final SparseWeights[] intraW;
    private final int layers;
    private final int n;
    private final int nin;

    UnrolledLayers(NeuronModel neuron, NetworkConfig config, SparseWeights[] inW, SparseWeights[] intraW) {
        this.neuron = neuron;
        this.dt = config.dtNs();
        this.s = config.amplification();
        // f_cut in MHz is 1e-3 cycles per ns.
        this.alpha = Math.exp(-2 * Math.PI * config.fCutMHz() * 1e-3 * config.dtNs());
        this.inW = inW.clone();
        this.intraW = intraW.clone();
        this.layers = config.layers();
        this.n = config.neurons();
        this.nin = config.inputs();
    }

    @Override
    public Tensor lastOutput(Tape tape, double[][] sequences, int firstRow, int batch, Tensor[] wIn, Tensor[] wIntra,
            Tensor[] bias) {
        Pass pass = new Pass(tape, sequences, firstRow, batch, wIn, wIntra, bias);
        pass.forward();
        Tensor out = tape.newTensor(batch, n, SequenceUnroll.inputs(wIn, wIntra, bias));
        double[][] last = pass.ys[pass.steps * layers - 1];
        double[] od = out.data();
        for (int o = 0; o < n; o++) {
            double[] lo = last[o];
            for (int r = 0; r < batch; r++) {
                od[r * n + o] = lo[r];
            }
        }
        if (out.requiresGrad()) {
            pass.takeBackwardBuffers();
            tape.record(out, () -> pass.backward(tape.grad(out)));
        }
        return out;
    }

    /**
     * tanh through one exponential: Math.exp is a JIT intrinsic, Math.tanh in JDK 17 a native call about three
     * times slower. Absolute error within 2.3e-16 of Math.tanh (the relative error of tiny outputs is larger,
     * which does not matter for a drive summed from many of them).
     */
    static double tanh(double v) {
        double e = Math.exp(-2 * Math.abs(v));
        return Math.copySign((1 - e) / (1 + e), v);
    }

    /**
     * The buffers and the work of one pass over a batch. The step bodies are methods of their own, called
     * a few hundred times per pass, so that the JIT compiles them early rather than the whole loop.
     */
    private final class Pass {
        final Tape tape;
        final int b;
        final int steps;
        final boolean highPass;
        final double fixed;
        final Tensor[] wIn;
        final Tensor[] wIntra;
        final Tensor[] bias;
        /** Weights for this pass, kept entries only, S folded in. */
        final double[][] pIn = new double[layers][];
        final double[][] pIntra = new double[layers][];
        /** Inputs per step, feature-major. */
        final double[][][] us;
        /** Outputs before the first step. */
        final double[][] y0;
        /** Each layer's state now and the buffer for its next state. */
        final double[][][] xNow = new double[layers][][];
        final double[][][] xNext = new double[layers][][];
        final double[][] drive;
        /** Per step and layer, indexed t * layers + k: the output and the neuron's Jacobian. */
        final double[][][] ys;
        final double[][][] dxs;
        final double[][][] dis;
        // Backward: running gradients of each layer's state and output, the drive's gradient, and the
        // parameter gradients summed over the pass.
        double[][][] gX;
        double[][][] gY;
        double[][] gD;
        double[][] gIn;
        double[][] gIntra;
        double[][] gBias;

        Pass(Tape tape, double[][] sequences, int firstRow, int batch, Tensor[] wIn, Tensor[] wIntra, Tensor[] bias) {
            this.tape = tape;
            this.b = batch;
            this.steps = sequences[firstRow].length / nin;
            this.highPass = neuron.outputStage() == OutputStage.HIGH_PASS;
            this.fixed = neuron.fixedDrive();
            this.wIn = wIn;
            this.wIntra = wIntra;
            this.bias = bias;
            for (int k = 0; k < layers; k++) {
                pIn[k] = tape.scratch(inW[k].kept());
                inW[k].gather(wIn[k].data(), s, pIn[k]);
                pIntra[k] = tape.scratch(intraW[k].kept());
                intraW[k].gather(wIntra[k].data(), s, pIntra[k]);
            }
            us = new double[steps][][];
            for (int t = 0; t < steps; t++) {
                double[][] u = tape.scratchRows(nin, b);
                for (int r = 0; r < b; r++) {
                    double[] seq = sequences[firstRow + r];
                    for (int c = 0; c < nin; c++) {
                        u[c][r] = seq[t * nin + c];
                    }
                }
                us[t] = u;
            }
            y0 = tape.scratchRows(n, b);
            for (int k = 0; k < layers; k++) {
                xNow[k] = tape.scratchRows(n, b);
                xNext[k] = tape.scratchRows(n, b);
            }
            for (int o = 0; o < n; o++) {
                Arrays.fill(y0[o], 0, b, highPass ? 0.0 : tanh(neuron.restState()));
                for (int k = 0; k < layers; k++) {
                    Arrays.fill(xNow[k][o], 0, b, neuron.restState());
                }
            }
            drive = tape.scratchRows(n, b);
            ys = new double[steps * layers][][];
            dxs = new double[steps * layers][][];
            dis = new double[steps * layers][][];
        }

        void forward() {
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k < layers; k++) {
                    forwardStep(t, k);
                }
            }
        }

        private void forwardStep(int t, int k) {
            double[] bd = bias[k].data();
            for (int o = 0; o < n; o++) {
                Arrays.fill(drive[o], 0, b, s * bd[o] + fixed);
            }
            int at = t * layers + k;
            double[][] u = k == 0 ? us[t] : ys[at - 1];
            double[][] yPrev = t == 0 ? y0 : ys[at - layers];
            inW[k].multiplyAdd(pIn[k], u, b, drive);
            intraW[k].multiplyAdd(pIntra[k], yPrev, b, drive);
            double[][] y = tape.scratchRows(n, b);
            double[][] dx = tape.scratchRows(n, b);
            double[][] di = tape.scratchRows(n, b);
            double[][] x = xNow[k];
            double[][] xn = xNext[k];
            for (int o = 0; o < n; o++) {
                double[] xo = x[o];
                double[] xno = xn[o];
                double[] yo = y[o];
                double[] ypo = yPrev[o];
                neuron.stepWithJacobian(dt, xo, drive[o], xno, dx[o], di[o], b);
                if (highPass) {
                    for (int r = 0; r < b; r++) {
                        yo[r] = alpha * (ypo[r] + xno[r] - xo[r]);
                    }
                } else {
                    // FastMath.tanh (within 2e-10, vectorized); the backward's 1 - y² is of these same outputs.
                    for (int r = 0; r < b; r++) {
                        yo[r] = FastMath.tanh(xno[r]);
                    }
                }
            }
            ys[at] = y;
            dxs[at] = dx;
            dis[at] = di;
            xNext[k] = x;
            xNow[k] = xn;
        }

        /** Taken after the forward pass, so that replays get the same buffers back. */
        void takeBackwardBuffers() {
            gX = new double[layers][][];
            gY = new double[layers][][];
            gIn = new double[layers][];
            gIntra = new double[layers][];
            gBias = new double[layers][];
            for (int k = 0; k < layers; k++) {
                gX[k] = tape.scratchRows(n, b);
                gY[k] = tape.scratchRows(n, b);
                gIn[k] = tape.scratch(inW[k].kept());
                gIntra[k] = tape.scratch(intraW[k].kept());
                gBias[k] = tape.scratch(n);
            }
            gD = tape.scratchRows(n, b);
        }

        /** Backpropagation through time from the gradient of the last output (batch-major). */
        void backward(double[] gOut) {
            for (int k = 0; k < layers; k++) {
                for (int o = 0; o < n; o++) {
                    Arrays.fill(gX[k][o], 0, b, 0.0);
                    Arrays.fill(gY[k][o], 0, b, 0.0);
                }
                Arrays.fill(gIn[k], 0, inW[k].kept(), 0.0);
                Arrays.fill(gIntra[k], 0, intraW[k].kept(), 0.0);
                Arrays.fill(gBias[k], 0, n, 0.0);
            }
            double[][] gTop = gY[layers - 1];
            for (int o = 0; o < n; o++) {
                double[] go = gTop[o];
                for (int r = 0; r < b; r++) {
                    go[r] = gOut[r * n + o];
                }
            }
            // Reverse order: when (t, k) runs, gY[k] holds dL/dy of step t (from step t+1 of this layer and
            // from layer k+1 at step t) and gX[k] holds dL/dx of step t (from step t+1).
            for (int t = steps - 1; t >= 0; t--) {
                for (int k = layers - 1; k >= 0; k--) {
                    backwardStep(t, k);
                }
            }
            // The drive is S times the synaptic sum: S scales the weight and bias gradients.
            for (int k = 0; k < layers; k++) {
                double[] g = tape.grad(wIn[k]);
                if (g != null) {
                    inW[k].scatterAdd(gIn[k], s, g);
                }
                g = tape.grad(wIntra[k]);
                if (g != null) {
                    intraW[k].scatterAdd(gIntra[k], s, g);
                }
                g = tape.grad(bias[k]);
                if (g != null) {
                    for (int o = 0; o < n; o++) {
                        g[o] += s * gBias[k][o];
                    }
                }
            }
        }

        private void backwardStep(int t, int k) {
            int at = t * layers + k;
            double[] gb = gBias[k];
            for (int o = 0; o < n; o++) {
                double[] gx = gX[k][o];
                double[] gy = gY[k][o];
                double[] dx = dxs[at][o];
                double[] di = dis[at][o];
                double[] gd = gD[o];
                if (highPass) {
                    for (int r = 0; r < b; r++) {
                        double ay = alpha * gy[r];
                        double gs = gx[r] + ay;
                        gx[r] = gs * dx[r] - ay;
                        gd[r] = gs * di[r];
                        gy[r] = ay;
                    }
                } else {
                    double[] y = ys[at][o];
                    for (int r = 0; r < b; r++) {
                        double gs = gx[r] + gy[r] * (1 - y[r] * y[r]);
                        gx[r] = gs * dx[r];
                        gd[r] = gs * di[r];
                        gy[r] = 0.0;
                    }
                }
                double s0 = 0;
                double s1 = 0;
                int r = 0;
                // Two partial sums: one would wait on each add.
                for (; r + 1 < b; r += 2) {
                    s0 += gd[r];
                    s1 += gd[r + 1];
                }
                if (r < b) {
                    s0 += gd[r];
                }
                gb[o] += s0 + s1;
            }
            double[][] yPrev = t == 0 ? y0 : ys[at - layers];
            intraW[k].accumulateWeightGradient(yPrev, gD, b, gIntra[k]);
            if (t > 0) {
                intraW[k].multiplyTransposedAdd(pIntra[k], gD, b, gY[k]);
            }
            double[][] u = k == 0 ? us[t] : ys[at - 1];
            inW[k].accumulateWeightGradient(u, gD, b, gIn[k]);
            if (k > 0) {
                inW[k].multiplyTransposedAdd(pIn[k], gD, b, gY[k - 1]);
            }
        }
    }
}
