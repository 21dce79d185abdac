package io.spinloop.autodiff;

/**
 * The float products of {@link SparseWeights} (the float32 BPTT pass's): the forward {@code y += x W}, the input
 * gradient {@code gx += gy W^T} and the weight gradient summed over the batch, over feature-major rows (each a range
 * of one flat array, so that a pass can keep all its rows in one block whose vectors start on cache lines) and the
 * compressed-column and -row lists of the kept entries. Two implementations: the Vector API's, register-blocked (one
 * output row's lanes held in vectors while every kept input is added), when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}; plain Java otherwise, whose loops C2 vectorizes one synapse group at a
 * time. They differ in rounding (the vector kernel fuses each multiply-add).
 */
interface FloatProductKernel {
    /** The kernel of this JVM, chosen once ({@link WeightGradientKernel#PROPERTY} {@code =false} forces plain). */
    FloatProductKernel SELECTED = select(VectorKernels.modulePresent(),
            System.getProperty(WeightGradientKernel.PROPERTY));

    /**
     * {@code y[yOff + o·yStride + r] += Σ_k w(k, o)·x[xOff + k·xStride + r]} for the kept entries and lanes r in
     * [0, lanes): rows of one flat array each, {@code stride} apart.
     */
    void multiplyAdd(int inputs, int outputs, int[] colStart, int[] colRow, float[] packed, float[] x, int xOff,
            int xStride, float[] y, int yOff, int yStride, int lanes);

    /** {@code gx[gxOff + k·gxStride + r] += Σ_o w(k, o)·gy[gyOff + o·gyStride + r]}: the input gradient. */
    void multiplyTransposedAdd(int inputs, int outputs, int[] rowStart, int[] rowCol, int[] rowEntry, float[] packed,
            float[] gy, int gyOff, int gyStride, float[] gx, int gxOff, int gxStride, int lanes);

    /**
     * {@code gPacked[p] += Σ_r x[xOff + k·xStride + r]·g[gOff + o·gStride + r]} over r in [0, length) for entry
     * p = (k, o). Made for long rows (a whole pass's steps one after the other, summed once): the offsets pair each
     * step's gradient with the input of that step when the inputs' rows start one step earlier.
     */
    void accumulateWeightGradient(int outputs, int[] colStart, int[] colRow, float[] x, int xOff, int xStride,
            float[] g, int gOff, int gStride, int length, double[] gPacked);

    /** {@code sums[o] += Σ_r g[gOff + o·gStride + r]} over r in [0, length), for o in [0, count): a bias gradient. */
    void sumRows(int count, float[] g, int gOff, int gStride, int length, double[] sums);

    /** Short name for reports: "vector" or "plain". */
    String name();

    static FloatProductKernel select(boolean modulePresent, String property) {
        return VectorKernels.choose(modulePresent, property, "io.spinloop.autodiff.VectorFloatProducts",
                FloatProductKernel.class, PlainFloatProducts::new);
    }
}
