package io.spinloop.training.network;

import io.spinloop.autodiff.CacheLineBlocks;
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
 *       one flat array: a loop over 64 elements runs mostly in C2's scalar pre- and post-loops, and a loop mixing
 *       rows with offsets into a flat array took three times as long per element as one over rows alone (0.62
 *       against 0.22 ns, ad-hoc harness).</li>
 * </ul>
 * What the products read lives in one block per pass ({@link Tape#scratchFloatBlock}), every row starting a cache
 * line: per layer and neuron, the outputs of the whole pass as one long row (the rest output first, then step t's at
 * [(t + 1)·lanes, (t + 2)·lanes)), and the drive gradients likewise (step t's at [t·lanes, ...)); the inputs too. The
 * forward products read step t's rows out of them; the flat outputs and drive gradients are copied in once as they
 * are made (eight copies per layer and step between rows and flat arrays before, two now). The weight and bias
 * gradients are summed over those long rows {@link #CHUNK_LANES} lanes of steps at a time, as the backward finishes
 * them: summed across a row's lanes at every step, they took two fifths of the epoch (JFR profile of
 * {@code benchmark train}, float32 with the Vector API), once per pass after the backward 32 %, in chunks while the
 * rows are still in cache 29 %.
 * The products are {@link SparseWeights}' float ones: register-blocked through the Vector API when the JVM has the
 * incubator module ({@code SPINLOOP_VECTOR_API=1}), plain Java otherwise ({@link SparseWeights#floatKernel()}).
 */
final class UnrolledLayersFloat implements SequenceUnroll {
    /** Row lengths are rounded up to this many lanes: one AVX-512 vector of floats, one cache line. */
    static final int LANE_BLOCK = 16;
    /**
     * Lanes of the long rows summed at a time into the weight gradients during the backward, in whole steps. Where the
     * lanes divide it (64 and 128, batches of 60 and 120), a chunk is one of the vector kernel's blocks between float
     * and double sums, so only the order in which the blocks reach double changes.
     */
    static final int CHUNK_LANES = 1024;

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
        float[] last = pass.ysFlat[pass.steps * layers - 1];
        double[] od = out.data();
        for (int o = 0; o < n; o++) {
            for (int r = 0; r < batch; r++) {
                od[r * n + o] = last[o * pass.lanes + r];
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
        /** Per layer: s · bias + the fixed drive in every lane of each neuron, flat; the drive's start at each step. */
        final float[][] driveBase = new float[layers][];
        /**
         * The long rows, in one block: the inputs (row c at {@code uAt + c·stepsStride}), and per layer k the outputs
         * (row o at {@code yAt[k] + o·yStride}, the rest output first) and, for the backward, the drive gradients (row
         * o at {@code gAt[k] + o·stepsStride}).
         */
        final float[] block;
        final int uAt;
        final int[] yAt = new int[layers];
        final int[] gAt = new int[layers];
        final int yStride;
        final int stepsStride;
        final float[] y0Flat;
        /** Each layer's state now and its next state, flat: neuron o's lanes at [o·lanes, (o + 1)·lanes). */
        final float[][] xNow = new float[layers][];
        final float[][] xNext = new float[layers][];
        /** The drive, flat: what the products write and the neuron step reads. */
        final float[] drive;
        /** Per step and layer (t · layers + k), flat like the state: the output, and the neuron's Jacobian. */
        final float[][] ysFlat;
        final float[][] dxs;
        final float[][] dis;
        /** Running gradients of each layer's state and output, flat. */
        float[][] gX;
        float[][] gY;
        /** The drive's gradient of a step, flat, before it is copied to its long rows. */
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
            int size = n * lanes;
            double fixed = neuron.fixedDrive();
            for (int k = 0; k < layers; k++) {
                double[] bd = bias[k].data();
                driveBase[k] = tape.scratchFloat(size);
                for (int o = 0; o < n; o++) {
                    Arrays.fill(driveBase[k], o * lanes, (o + 1) * lanes, (float) (s * bd[o] + fixed));
                }
            }
            // LANE_BLOCK is a cache line of floats, so every row of the block starts one.
            yStride = (steps + 1) * lanes;
            stepsStride = steps * lanes;
            int at = CacheLineBlocks.ORIGIN;
            uAt = at;
            at += nin * stepsStride;
            for (int k = 0; k < layers; k++) {
                yAt[k] = at;
                at += n * yStride;
            }
            for (int k = 0; k < layers; k++) {
                gAt[k] = at;
                at += n * stepsStride;
            }
            block = tape.scratchFloatBlock(at - CacheLineBlocks.ORIGIN);
            for (int c = 0; c < nin; c++) {
                int row = uAt + c * stepsStride;
                for (int t = 0; t < steps; t++) {
                    int to = row + t * lanes;
                    for (int r = 0; r < b; r++) {
                        block[to + r] = (float) sequences[firstRow + r][t * nin + c];
                    }
                    Arrays.fill(block, to + b, to + lanes, 0f);
                }
            }
            float rest = (float) neuron.restState();
            for (int k = 0; k < layers; k++) {
                xNow[k] = tape.scratchFloat(size);
                xNext[k] = tape.scratchFloat(size);
                Arrays.fill(xNow[k], 0, size, rest);
            }
            float yRest = highPass ? 0f : FastMath.tanhFloat(rest);
            for (int k = 0; k < layers; k++) {
                for (int o = 0; o < n; o++) {
                    int row = yAt[k] + o * yStride;
                    Arrays.fill(block, row, row + lanes, yRest);
                }
            }
            y0Flat = tape.scratchFloat(size);
            Arrays.fill(y0Flat, 0, size, yRest);
            drive = tape.scratchFloat(size);
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
            int size = n * lanes;
            System.arraycopy(driveBase[k], 0, drive, 0, size);
            int at = t * layers + k;
            // Step t's input: the data's, or the layer below's output at t (its long rows' block t + 1); the intra
            // input y(t − 1) is this layer's block t (the rest output at t = 0).
            if (k == 0) {
                inW[k].multiplyAdd(pIn[k], block, uAt + t * lanes, stepsStride, drive, 0, lanes, lanes);
            } else {
                inW[k].multiplyAdd(pIn[k], block, yAt[k - 1] + (t + 1) * lanes, yStride, drive, 0, lanes, lanes);
            }
            intraW[k].multiplyAdd(pIntra[k], block, yAt[k] + t * lanes, yStride, drive, 0, lanes, lanes);
            float[] dx = tape.scratchFloat(size);
            float[] di = tape.scratchFloat(size);
            float[] x = xNow[k];
            float[] xn = xNext[k];
            neuron.stepWithJacobian(dt, x, drive, xn, dx, di, size);
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
            int row = yAt[k] + (t + 1) * lanes;
            for (int o = 0; o < n; o++) {
                System.arraycopy(yf, o * lanes, block, row + o * yStride, lanes);
            }
            ysFlat[at] = yf;
            dxs[at] = dx;
            dis[at] = di;
            xNext[k] = x;
            xNow[k] = xn;
        }

        /** Taken after the forward pass, so that replays get the same buffers back. */
        void takeBackwardBuffers() {
            gX = new float[layers][];
            gY = new float[layers][];
            gIn = new double[layers][];
            gIntra = new double[layers][];
            gBias = new double[layers][];
            for (int k = 0; k < layers; k++) {
                gX[k] = tape.scratchFloat(n * lanes);
                gY[k] = tape.scratchFloat(n * lanes);
                gIn[k] = tape.scratch(inW[k].kept());
                gIntra[k] = tape.scratch(intraW[k].kept());
                gBias[k] = tape.scratch(n);
            }
            gDFlat = tape.scratchFloat(n * lanes);
        }

        /** Backpropagation through time from the gradient of the last output (batch-major). */
        void backward(double[] gOut) {
            int size = n * lanes;
            for (int k = 0; k < layers; k++) {
                Arrays.fill(gX[k], 0, size, 0f);
                Arrays.fill(gY[k], 0, size, 0f);
                Arrays.fill(gIn[k], 0, inW[k].kept(), 0.0);
                Arrays.fill(gIntra[k], 0, intraW[k].kept(), 0.0);
                Arrays.fill(gBias[k], 0, n, 0.0);
            }
            float[] gTop = gY[layers - 1];
            for (int o = 0; o < n; o++) {
                for (int r = 0; r < b; r++) {
                    gTop[o * lanes + r] = (float) gOut[r * n + o];
                }
            }
            int chunk = Math.max(1, CHUNK_LANES / lanes);
            int end = steps;
            for (int t = steps - 1; t >= 0; t--) {
                for (int k = layers - 1; k >= 0; k--) {
                    backwardStep(t, k);
                }
                if (t % chunk == 0) {
                    weightGradients(t, end);
                    end = t;
                }
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

        /**
         * The weight and bias gradients of steps [from, to), summed over their lanes at once: step t's drive gradient
         * with the intra input y(t − 1) (the long rows' block t, the rest output at t = 0) and with the layer's input
         * at t.
         */
        private void weightGradients(int from, int to) {
            int length = (to - from) * lanes;
            int shift = from * lanes;
            for (int k = 0; k < layers; k++) {
                int g = gAt[k] + shift;
                intraW[k].accumulateWeightGradient(block, yAt[k] + shift, yStride, block, g, stepsStride, length,
                        gIntra[k]);
                if (k == 0) {
                    inW[k].accumulateWeightGradient(block, uAt + shift, stepsStride, block, g, stepsStride, length,
                            gIn[k]);
                } else {
                    inW[k].accumulateWeightGradient(block, yAt[k - 1] + lanes + shift, yStride, block, g, stepsStride,
                            length, gIn[k]);
                }
                SparseWeights.sumRows(block, g, stepsStride, n, length, gBias[k]);
            }
        }

        private void backwardStep(int t, int k) {
            int at = t * layers + k;
            int size = n * lanes;
            float[] gy = gY[k];
            float[] gd = gDFlat;
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
            int row = gAt[k] + t * lanes;
            for (int o = 0; o < n; o++) {
                System.arraycopy(gd, o * lanes, block, row + o * stepsStride, lanes);
            }
            if (t > 0) {
                intraW[k].multiplyTransposedAdd(pIntra[k], block, row, stepsStride, gY[k], 0, lanes, lanes);
            }
            if (k > 0) {
                inW[k].multiplyTransposedAdd(pIn[k], block, row, stepsStride, gY[k - 1], 0, lanes, lanes);
            }
        }
    }
}
