package io.spinloop.autodiff;

/**
 * The weight gradient of a sparse product, {@code gPacked[p] += Σ_r x[k][r] gy[o][r]} for each kept entry p = (k, o)
 * (compressed-column lists of {@link SparseWeights}). Two implementations: the Vector API's when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}, plain Java otherwise (C2 on JDK 17 keeps a floating-point sum in
 * order and so never vectorizes it). They differ only in the order of the additions.
 */
interface WeightGradientKernel {
    /** System property that forces the plain-Java kernel even when the module is present ({@code -D...=false}). */
    String PROPERTY = VectorKernels.PROPERTY;

    /** The kernel of this JVM, chosen once. */
    WeightGradientKernel SELECTED = select(vectorModulePresent(), System.getProperty(PROPERTY));

    void accumulate(int outputs, int[] colStart, int[] colRow, double[][] x, double[][] gy, int batch, double[] gPacked);

    /** Short name for reports: "vector" or "scalar". */
    String name();

    static WeightGradientKernel select(boolean modulePresent, String property) {
        return VectorKernels.choose(modulePresent, property, "io.spinloop.autodiff.VectorWeightGradient",
                WeightGradientKernel.class, ScalarWeightGradient::new);
    }

    static boolean vectorModulePresent() {
        return VectorKernels.modulePresent();
    }
}
