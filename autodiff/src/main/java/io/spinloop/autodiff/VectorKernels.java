package io.spinloop.autodiff;

import java.util.function.Supplier;

/**
 * How a kernel with a Vector API implementation is chosen, once per JVM: the vector class when
 * {@code jdk.incubator.vector} is in the boot layer and {@link WeightGradientKernel#PROPERTY} is not {@code false}, the
 * plain one otherwise (also when the vector class cannot be linked).
 */
final class VectorKernels {
    private VectorKernels() {
    }

    static boolean modulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    static <T> T choose(boolean modulePresent, String property, String vectorClass, Class<T> type, Supplier<T> plain) {
        if (modulePresent && !"false".equals(property)) {
            // Loaded by name: referring to the class directly would link jdk.incubator.vector into SparseWeights.
            try {
                return type.cast(Class.forName(vectorClass).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError e) {
                return plain.get();
            }
        }
        return plain.get();
    }
}
