package io.spinloop.twin.file;

import io.spinloop.twin.DeviceModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model kinds twin files hold, registered in one place: {@link TwinFile} writes a model by looking up the kind of
 * its class and reads a file by the kind name it stores. Names and classes are each registered once.
 */
public final class TwinKinds {
    /** Every kind a twin file can hold; a new kind is one line here. */
    private static final List<TwinKind<?>> KINDS = List.of(
            new NeuralSdeKind(),
            new PhysicsResidualKind(),
            new AutoOscillatorKind());

    private static final Map<String, TwinKind<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, TwinKind<?>> BY_TYPE = new LinkedHashMap<>();

    static {
        for (TwinKind<?> k : KINDS) {
            if (BY_NAME.put(k.name(), k) != null || BY_TYPE.put(k.type(), k) != null) {
                throw new ExceptionInInitializerError("twin kind " + k.name() + " (" + k.type().getName()
                        + ") registered twice");
            }
        }
    }

    private TwinKinds() {
    }

    /** The kind stored as {@code name} in {@code /@kind}, if this spinloop knows it. */
    public static Optional<TwinKind<?>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The kind of {@code model}'s class, if twin files can hold it. */
    public static Optional<TwinKind<?>> of(DeviceModel model) {
        return Optional.ofNullable(BY_TYPE.get(model.getClass()));
    }

    /** The names of every kind, in registration order: for messages that list what is known. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
