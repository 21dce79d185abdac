package io.spinloop.cluster;

import io.spinloop.training.engine.EngineFactory;
import io.spinloop.training.engine.StudyEngine;

/** {@code --engine spark}: found by {@link java.util.ServiceLoader} when this module's jar is on the class path. */
public final class SparkEngineFactory implements EngineFactory {
    @Override
    public String name() {
        return SparkEngine.NAME;
    }

    @Override
    public StudyEngine open(String master) {
        return new SparkEngine(master);
    }
}
