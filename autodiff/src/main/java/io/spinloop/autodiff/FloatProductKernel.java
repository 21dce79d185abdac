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

    void accumulateWeightGradient(int outputs, int[] colStart, int[] colRow, float[][] x, float[][] gy, int batch,
            double[] gPacked);

    /** Short name for reports: "vector" or "plain". */
    String name();

    static FloatProductKernel select(boolean modulePresent, String property) {
        return VectorKernels.choose(modulePresent, property, "io.spinloop.autodiff.VectorFloatProducts",
                FloatProductKernel.class, PlainFloatProducts::new);
    }
}
