package io.spinloop.training.network;

import io.spinloop.autodiff.FastMath;
import io.spinloop.autodiff.SparseWeights;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.neuron.NeuronModel;
import io.spinloop.training.neuron.OutputStage;
import java.util.Arrays;

/**
 * {@link UnrolledLayers} in single precision (issue 17's float32 pass): the same equations, the same feature-major
 * layout and the same backward, with every activation, Jacobian and running gradient a float, so that each vector
 * holds twice the lanes and each row half the bytes. The parameters stay double: they are rounded to float once per
 * pass, and the weight and bias gradients are summed into double. The primitive type is why this is a second class
 * rather than a parameter of the first (Java has no generics over float and double).
 *
 * <p>Two differences of layout serve the JIT (JDK 17's C2, which vectorizes only simple loops that it can prove free
 * of dependences):
 * <ul>
 *   <li>Rows are padded to a multiple of {@link #LANE_BLOCK} lanes (zero inputs and zero output gradients in the
 *       padding, so it contributes nothing to any gradient): C2 runs a loop's tail scalar, and at sixteen lanes a
 *       batch of 60 would leave a fifth of the work there.</li>
 *   <li>The element-wise work (the neuron step, the output stage, the backward's chain rule) runs over each layer as
 *       one flat array, copied to and from the rows the products use: a loop over 64 elements runs mostly in C2's
 *       scalar pre- and post-loops, and a loop mixing rows with offsets into a flat array took three times as long per
 *       element as one over rows alone (0.62 against 0.22 ns, ad-hoc harness).</li>
 * </ul>
 * The weight and bias gradients are not summed at every step but once per pass, over long rows that hold the pass's
 * steps one after the other (each layer's outputs and drive gradients, copied there as they are made): summed across
 * a row's lanes at every step, they took two fifths of the epoch (JFR profile of {@code benchmark train}, float32 with
 * the Vector API), once per pass a quarter.
 * The products are {@link SparseWeights}' float ones: register-blocked through the Vector API when the JVM has the
 * incubator module ({@code SPINLOOP_VECTOR_API=1}), plain Java otherwise ({@link SparseWeights#floatKernel()}).
 */
final class UnrolledLayersFloat implements SequenceUnroll {
    /** Row lengths are rounded up to this many lanes: one AVX-512 vector of floats. */
    static final int LANE_BLOCK = 16;

    private final NeuronModel neuron;
    private final float dt;
    private final double s;
    private final float alpha;
    private final SparseWeights[] inW;
    private final SparseWeights[] intraW;
    private final int layers;
    private final int n;
    private final int nin;

    UnrolledLayersFloat(NeuronModel neuron, NetworkConfig config, SparseWeights[] inW, SparseWeights[] intraW) {
        this.neuron = neuron;
        this.dt = (float) config.dtNs();
        this.s = config.amplification();
        this.alpha = (float) Math.exp(-2 * Math.PI * config.fCutMHz() * 1e-3 * config.dtNs());
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
        float[][] last = pass.ys[pass.steps * layers - 1];
        double[] od = out.data();
        for (int o = 0; o < n; o++) {
            float[] lo = last[o];
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

    /** The buffers and the work of one pass over a batch (see {@link UnrolledLayers}' Pass). */
    private final class Pass {
        final Tape tape;
        final int b;
        /** Lanes per row: b rounded up to {@link #LANE_BLOCK}; every loop runs over all of them. */
        final int lanes;
        final int steps;
        final boolean highPass;
        final Tensor[] wIn;
        final Tensor[] wIntra;
        final Tensor[] bias;
        final float[][] pIn = new float[layers][];
        final float[][] pIntra = new float[layers][];
        /** Per layer and neuron: s · bias + the fixed drive in every lane, the drive's start at each step. */
        final float[][][] driveBase = new float[layers][][];
        final float[][][] us;
        final float[][] y0;
        final float[] y0Flat;
        /** Each layer's state now and its next state, flat: neuron o's lanes at [o·lanes, (o + 1)·lanes). */
        final float[][] xNow = new float[layers][];
        final float[][] xNext = new float[layers][];
        /** The drive as rows (what the products write) and flat (what the neuron step reads). */
        final float[][] drive;
        final float[] driveFlat;
        /** Per step and layer (t · layers + k): the output as rows (what the products read) and flat. */
        final float[][][] ys;
        final float[][] ysFlat;
        /**
         * Per layer and neuron, the outputs of the whole pass as one long row: the rest output in the first
         * {@code lanes}, step t's at [(t + 1)·lanes, (t + 2)·lanes). The inputs likewise, step t's at [t·lanes, ...).
         * The weight gradients are summed once per pass over these (see {@link #backward}).
         */
        final float[][][] yLong = new float[layers][][];
        final float[][] uLong;
        /** Per step and layer, flat like the state: the neuron's Jacobian. */
        final float[][] dxs;
        final float[][] dis;
        /** Running gradient of each layer's state, flat. */
        float[][] gX;
        float[][][] gY;
        float[][] gD;
        /** Per layer, the drive's gradient of the whole pass as long rows (step t's at [t·lanes, (t + 1)·lanes)). */
        float[][][] gDLong;
        /** Flat work rows of the backward's element-wise pass: the output's and the drive's gradient. */
        float[] gYFlat;
        float[] gDFlat;
        double[][] gIn;
        double[][] gIntra;
        double[][] gBias;

        Pass(Tape tape, double[][] sequences, int firstRow, int batch, Tensor[] wIn, Tensor[] wIntra, Tensor[] bias) {
            this.tape = tape;
            this.b = batch;
            this.lanes = (batch + LANE_BLOCK - 1) / LANE_BLOCK * LANE_BLOCK;
            this.steps = sequences[firstRow].length / nin;
            this.highPass = neuron.outputStage() == OutputStage.HIGH_PASS;
            this.wIn = wIn;
            this.wIntra = wIntra;
            this.bias = bias;
            float[][] packed = tape.scratchFloatRows(2 * layers, maxKept());
            for (int k = 0; k < layers; k++) {
                pIn[k] = packed[2 * k];
                inW[k].gather(wIn[k].data(), s, pIn[k]);
                pIntra[k] = packed[2 * k + 1];
                intraW[k].gather(wIntra[k].data(), s, pIntra[k]);
            }
            double fixed = neuron.fixedDrive();
            for (int k = 0; k < layers; k++) {
                double[] bd = bias[k].data();
                driveBase[k] = tape.scratchFloatRows(n, lanes);
                for (int o = 0; o < n; o++) {
                    Arrays.fill(driveBase[k][o], 0, lanes, (float) (s * bd[o] + fixed));
                }
            }
            us = new float[steps][][];
            uLong = tape.scratchFloatRows(nin, steps * lanes);
            for (int t = 0; t < steps; t++) {
                float[][] u = tape.scratchFloatRows(nin, lanes);
                for (int c = 0; c < nin; c++) {
                    float[] uc = u[c];
                    for (int r = 0; r < b; r++) {
                        uc[r] = (float) sequences[firstRow + r][t * nin + c];
                    }
                    Arrays.fill(uc, b, lanes, 0f);
                    System.arraycopy(uc, 0, uLong[c], t * lanes, lanes);
                }
                us[t] = u;
            }
            y0 = tape.scratchFloatRows(n, lanes);
            float rest = (float) neuron.restState();
            for (int k = 0; k < layers; k++) {
                xNow[k] = tape.scratchFloat(n * lanes);
                xNext[k] = tape.scratchFloat(n * lanes);
                Arrays.fill(xNow[k], 0, n * lanes, rest);
            }
            float yRest = highPass ? 0f : FastMath.tanhFloat(rest);
            for (int o = 0; o < n; o++) {
                Arrays.fill(y0[o], 0, lanes, yRest);
            }
            for (int k = 0; k < layers; k++) {
                yLong[k] = tape.scratchFloatRows(n, (steps + 1) * lanes);
                for (int o = 0; o < n; o++) {
                    Arrays.fill(yLong[k][o], 0, lanes, yRest);
                }
            }
            y0Flat = tape.scratchFloat(n * lanes);
            Arrays.fill(y0Flat, 0, n * lanes, yRest);
            drive = tape.scratchFloatRows(n, lanes);
            driveFlat = tape.scratchFloat(n * lanes);
            ys = new float[steps * layers][][];
            ysFlat = new float[steps * layers][];
            dxs = new float[steps * layers][];
            dis = new float[steps * layers][];
        }

        private int maxKept() {
            int m = 1;
            for (int k = 0; k < layers; k++) {
                m = Math.max(m, Math.max(inW[k].kept(), intraW[k].kept()));
            }
            return m;
        }

        void forward() {
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k < layers; k++) {
                    forwardStep(t, k);
                }
            }
        }

        private void forwardStep(int t, int k) {
            float[][] base = driveBase[k];
            for (int o = 0; o < n; o++) {
                System.arraycopy(base[o], 0, drive[o], 0, lanes);
            }
            int at = t * layers + k;
            float[][] u = k == 0 ? us[t] : ys[at - 1];
            float[][] yPrev = t == 0 ? y0 : ys[at - layers];
            inW[k].multiplyAdd(pIn[k], u, lanes, drive);
            intraW[k].multiplyAdd(pIntra[k], yPrev, lanes, drive);
            int size = n * lanes;
            for (int o = 0; o < n; o++) {
                System.arraycopy(drive[o], 0, driveFlat, o * lanes, lanes);
            }
            float[] dx = tape.scratchFloat(size);
            float[] di = tape.scratchFloat(size);
            float[] x = xNow[k];
            float[] xn = xNext[k];
            // The element-wise work runs over the whole layer as one flat array: the JIT runs a loop of 64 elements
            // mostly in its scalar pre- and post-loops (the oscillator step: 8 against 3 ns per element), and a loop
            // mixing rows with offsets into a flat array three times slower than one over rows. Rows are copied in
            // and out.
            neuron.stepWithJacobian(dt, x, driveFlat, xn, dx, di, size);
            float[] yf = tape.scratchFloat(size);
            if (highPass) {
                float[] ypf = t == 0 ? y0Flat : ysFlat[at - layers];
                for (int i = 0; i < size; i++) {
                    yf[i] = alpha * (ypf[i] + xn[i] - x[i]);
                }
            } else {
                for (int i = 0; i < size; i++) {
                    yf[i] = FastMath.tanhFloat(xn[i]);
                }
            }
            float[][] y = tape.scratchFloatRows(n, lanes);
            float[][] yk = yLong[k];
            int along = (t + 1) * lanes;
            for (int o = 0; o < n; o++) {
                System.arraycopy(yf, o * lanes, y[o], 0, lanes);
                System.arraycopy(yf, o * lanes, yk[o], along, lanes);
            }
            ys[at] = y;
            ysFlat[at] = yf;
            dxs[at] = dx;
            dis[at] = di;
            xNext[k] = x;
            xNow[k] = xn;
        }

        /** Taken after the forward pass, so that replays get the same buffers back. */
        void takeBackwardBuffers() {
            gX = new float[layers][];
            gY = new float[layers][][];
            gDLong = new float[layers][][];
            gIn = new double[layers][];
            gIntra = new double[layers][];
            gBias = new double[layers][];
            for (int k = 0; k < layers; k++) {
                gX[k] = tape.scratchFloat(n * lanes);
                gY[k] = tape.scratchFloatRows(n, lanes);
                gIn[k] = tape.scratch(inW[k].kept());
                gIntra[k] = tape.scratch(intraW[k].kept());
                gDLong[k] = tape.scratchFloatRows(n, steps * lanes);
                gBias[k] = tape.scratch(n);
            }
            gD = tape.scratchFloatRows(n, lanes);
            gYFlat = tape.scratchFloat(n * lanes);
            gDFlat = tape.scratchFloat(n * lanes);
        }

        /** Backpropagation through time from the gradient of the last output (batch-major). */
        void backward(double[] gOut) {
            for (int k = 0; k < layers; k++) {
                Arrays.fill(gX[k], 0, n * lanes, 0f);
                for (int o = 0; o < n; o++) {
                    Arrays.fill(gY[k][o], 0, lanes, 0f);
                }
                Arrays.fill(gIn[k], 0, inW[k].kept(), 0.0);
                Arrays.fill(gIntra[k], 0, intraW[k].kept(), 0.0);
                Arrays.fill(gBias[k], 0, n, 0.0);
            }
            float[][] gTop = gY[layers - 1];
            for (int o = 0; o < n; o++) {
                float[] go = gTop[o];
                for (int r = 0; r < b; r++) {
                    go[r] = (float) gOut[r * n + o];
                }
            }
            for (int t = steps - 1; t >= 0; t--) {
                for (int k = layers - 1; k >= 0; k--) {
                    backwardStep(t, k);
                }
            }
            // The weight and bias gradients, once over the whole pass: step t's drive gradient with the intra
            // input y(t − 1) (the long rows from their start, the rest output first) and with the layer's input at t.
            int all = steps * lanes;
            for (int k = 0; k < layers; k++) {
                intraW[k].accumulateWeightGradient(yLong[k], 0, gDLong[k], all, gIntra[k]);
                if (k == 0) {
                    inW[k].accumulateWeightGradient(uLong, 0, gDLong[k], all, gIn[k]);
                } else {
                    inW[k].accumulateWeightGradient(yLong[k - 1], lanes, gDLong[k], all, gIn[k]);
                }
                SparseWeights.sumRows(gDLong[k], n, all, gBias[k]);
            }
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
            int size = n * lanes;
            float[][] gYk = gY[k];
            float[] gy = gYFlat;
            float[] gd = gDFlat;
            for (int o = 0; o < n; o++) {
                System.arraycopy(gYk[o], 0, gy, o * lanes, lanes);
            }
            float[] gx = gX[k];
            float[] dx = dxs[at];
            float[] di = dis[at];
            if (highPass) {
                for (int i = 0; i < size; i++) {
                    float ay = alpha * gy[i];
                    float gs = gx[i] + ay;
                    gx[i] = gs * dx[i] - ay;
                    gd[i] = gs * di[i];
                    gy[i] = ay;
                }
            } else {
                float[] y = ysFlat[at];
                for (int i = 0; i < size; i++) {
                    float gs = gx[i] + gy[i] * (1 - y[i] * y[i]);
                    gx[i] = gs * dx[i];
                    gd[i] = gs * di[i];
                    gy[i] = 0f;
                }
            }
            float[][] gDk = gDLong[k];
            int along = t * lanes;
            for (int o = 0; o < n; o++) {
                int off = o * lanes;
                System.arraycopy(gy, off, gYk[o], 0, lanes);
                System.arraycopy(gd, off, gD[o], 0, lanes);
                System.arraycopy(gd, off, gDk[o], along, lanes);
            }
            if (t > 0) {
                intraW[k].multiplyTransposedAdd(pIntra[k], gD, lanes, gY[k]);
            }
            if (k > 0) {
                inW[k].multiplyTransposedAdd(pIn[k], gD, lanes, gY[k - 1]);
            }
        }
    }
}
