package io.spinloop.training.engine;

/**
 * Makes a {@link StudyEngine} by name; found with {@link java.util.ServiceLoader} so that an engine in a jar the
 * rest of the project does not depend on (the {@code cluster} module's Spark engine) is used only when its jar is
 * on the class path and asked for.
 */
public interface EngineFactory {
    /** The name {@code --engine} takes. */
    String name();

    /** An engine connected to {@code master} (null: the engine's default, e.g. the master spark-submit set). */
    StudyEngine open(String master);
}
