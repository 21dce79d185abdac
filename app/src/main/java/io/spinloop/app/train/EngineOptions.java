package io.spinloop.app.train;

import io.spinloop.training.engine.Engines;
import io.spinloop.training.engine.LocalEngine;
import io.spinloop.training.engine.StudyEngine;
import picocli.CommandLine.Option;

/** {@code --engine local|spark [--master URL]}, shared by the studies and {@code tune}. */
public final class EngineOptions {
    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
            description = "Where the runs go: local (this process) or spark (one task per run; needs the cluster "
                    + "jar, which ./spinloop adds on --engine spark) (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for --engine spark: local[N], spark://HOST:7077, yarn, k8s://... (default: the "
                    + "one spark-submit set, else local[*]).")
    String master;

    /** The engine asked for; the caller closes it. */
    public StudyEngine open() {
        return Engines.open(engine, master);
    }

    /** Whether runs train in this process (and so can keep their run directories next to the results). */
    boolean local() {
        return LocalEngine.NAME.equals(engine);
    }
}
