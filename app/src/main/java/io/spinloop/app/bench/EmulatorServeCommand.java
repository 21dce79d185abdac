package io.spinloop.app.bench;

import io.spinloop.lab.bench.EmulatedBenchLauncher;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop emulator serve}: the emulated bench of a lab-config, served on the config's loopback
 * ports until interrupted, for any SCPI client (spinloop in another shell, a Python script, a terminal).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the emulated bench of a lab-config on its loopback ports (by default a current source "
                + "on 127.0.0.1:5025 and an analyzer on 127.0.0.1:5026) until interrupted (Ctrl-C).",
                "Prints one line per instrument with its model and address."})
public final class EmulatorServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml",
            description = "lab-config with an emulator block (default: ${DEFAULT-VALUE})")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        LoadedLabConfig cfg = LabConfigLoader.load(config);
        EmulatedBenchLauncher.serveUntilShutdown(cfg, running -> {
            for (var e : running.resources().entrySet()) {
                System.out.printf("%-10s %-34s %s%n", e.getKey(), running.models().get(e.getKey()), e.getValue());
            }
            running.gateway().ifPresent(g -> System.out.printf("%-10s %-34s tcp://%s:%d%n", "gpib",
                    "Prologix GPIB-ETHERNET gateway", g.getHostString(), g.getPort()));
            running.hislip().ifPresent(h -> System.out.printf("%-10s %-34s tcp://%s:%d%n", "hislip",
                    "HiSLIP server", h.getHostString(), h.getPort()));
            running.vxi11Portmapper().ifPresent(v -> System.out.printf("%-10s %-34s tcp://%s:%d%n", "vxi11",
                    "VXI-11 portmapper", v.getHostString(), v.getPort()));
            System.out.println("emulated bench '" + cfg.config().bench() + "' (seed " + cfg.config().emulator().seed()
                    + ") serving; Ctrl-C to stop");
            System.out.flush();
        });
        return 0;
    }
}
