package io.spinloop.autodiff;

/**
 * The float products of {@link SparseWeights} (the float32 BPTT pass's): the forward {@code y += x W}, the input
 * gradient {@code gx += gy W^T} and the weight gradient summed over the batch, over feature-major rows and the
 * compressed-column and -row lists of the kept entries. Two implementations: the Vector API's, register-blocked (one
 * output row's lanes held in vectors while every kept input is added), when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}; plain Java otherwise, whose loops C2 vectorizes one synapse group at a
 * time. They differ in rounding (the vector kernel fuses each multiply-add).
 */
interface FloatProductKernel {
    /** The kernel of this JVM, chosen once ({@link WeightGradientKernel#PROPERTY} {@code =false} forces plain). */
    FloatProductKernel SELECTED = select(VectorKernels.modulePresent(),
            System.getProperty(WeightGradientKernel.PROPERTY));

    void multiplyAdd(int outputs, int[] colStart, int[] colRow, float[] packed, float[][] x, int batch, float[][] y);

    void multiplyTransposedAdd(int inputs, int[] rowStart, int[] rowCol, int[] rowEntry, float[] packed, float[][] gy,
            int batch, float[][] gx);

    /**
     * {@code gPacked[p] += Σ_r x[k][xOffset + r]·gy[o][r]} over r in [0, batch) for entry p = (k, o). Made for long
     * rows (a whole pass's steps one after the other, summed once): the offset pairs each step's gradient with the
     * input of that step when the inputs' rows start one step earlier.
     */
    void accumulateWeightGradient(int outputs, int[] colStart, int[] colRow, float[][] x, int xOffset, float[][] gy,
            int batch, double[] gPacked);

    /** {@code sums[o] += Σ_r rows[o][r]} over r in [0, length), for o in [0, count): a bias gradient. */
    void sumRows(int count, float[][] rows, int length, double[] sums);

    /** Short name for reports: "vector" or "plain". */
    String name();

    static FloatProductKernel select(boolean modulePresent, String property) {
        return VectorKernels.choose(modulePresent, property, "io.spinloop.autodiff.VectorFloatProducts",
                FloatProductKernel.class, PlainFloatProducts::new);
    }
}
