package io.spinloop.autodiff;

import java.util.function.Supplier;

/**
 * How a kernel with a Vector API implementation is chosen, once per JVM: the vector class when
 * {@code jdk.incubator.vector} is in the boot layer and {@link #PROPERTY} is not {@code false}, the plain one otherwise
 * (also when the vector class cannot be linked). Public for the kernels of other modules (training's float oscillator
 * step).
 */
public final class VectorKernels {
    /** System property that forces the plain-Java kernels even when the module is present ({@code -D...=false}). */
    public static final String PROPERTY = "spinloop.vectorApi";

    private VectorKernels() {
    }

    public static boolean modulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * A new instance of {@code vectorClass} or {@code plain}'s. The class is constructed from here, by its no-argument
     * constructor: a class of another package must be public, and so must its constructor.
     */
    public static <T> T choose(boolean modulePresent, String property, String vectorClass, Class<T> type,
            Supplier<T> plain) {
        if (modulePresent && !"false".equals(property)) {
            // Loaded by name: referring to the class directly would link jdk.incubator.vector into its caller.
            try {
                return type.cast(Class.forName(vectorClass).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError e) {
                return plain.get();
            }
        }
        return plain.get();
    }
}
