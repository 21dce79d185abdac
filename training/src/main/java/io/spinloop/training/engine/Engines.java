package io.spinloop.training.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opens the engine {@code --engine} names: {@code local} here, any other through {@link EngineFactory} services. */
public final class Engines {
    private Engines() {
    }

    /**
     * The engine called {@code name}; {@code master} is refused for the local engine (it would be silently
     * ignored otherwise). An engine whose jar is absent is refused naming where it lives.
     */
    public static StudyEngine open(String name, String master) {
        if (LocalEngine.NAME.equals(name)) {
            if (master != null) {
                throw new EngineUnavailableException("--master " + master + " needs --engine spark; the local engine runs in this process");
            }
            return new LocalEngine();
        }
        List<String> known = new ArrayList<>(List.of(LocalEngine.NAME));
        for (EngineFactory f : ServiceLoader.load(EngineFactory.class, Engines.class.getClassLoader())) {
            if (f.name().equals(name)) {
                return f.open(master);
            }
            known.add(f.name());
        }
        if ("spark".equals(name)) {
            throw new EngineUnavailableException("--engine spark: the Spark engine is not on the class path; it lives in "
                    + "the cluster module's jar (cluster/target/spinloop-cluster.jar, built by ./spinloop on --engine spark "
                    + "or mvn -pl cluster -am package) with Spark itself");
        }
        throw new EngineUnavailableException("--engine " + name + ": unknown engine; available here: " + known);
    }
}
