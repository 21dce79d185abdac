package io.spinloop.autodiff;

/**
 * The weight gradient of a sparse product, {@code gPacked[p] += Σ_r x[k][r] gy[o][r]} for each kept entry p = (k, o)
 * (compressed-column lists of {@link SparseWeights}). Two implementations: the Vector API's when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}, plain Java otherwise (C2 on JDK 17 keeps a floating-point sum in
 * order and so never vectorizes it). They differ only in the order of the additions.
 */
interface WeightGradientKernel {
    /** System property that forces the plain-Java kernel even when the module is present ({@code -D...=false}). */
    String PROPERTY = "spinloop.vectorApi";

    /** The kernel of this JVM, chosen once. */
    WeightGradientKernel SELECTED = select(vectorModulePresent(), System.getProperty(PROPERTY));

    void accumulate(int outputs, int[] colStart, int[] colRow, double[][] x, double[][] gy, int batch, double[] gPacked);

    /** Short name for reports: "vector" or "scalar". */
    String name();

    static WeightGradientKernel select(boolean modulePresent, String property) {
        if (modulePresent && !"false".equals(property)) {
            // Loaded by name: referring to the class directly would link jdk.incubator.vector into SparseWeights.
            try {
                return (WeightGradientKernel) Class.forName("io.spinloop.autodiff.VectorWeightGradient")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarWeightGradient();
            }
        }
        return new ScalarWeightGradient();
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
