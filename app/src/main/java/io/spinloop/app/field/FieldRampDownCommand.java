package io.spinloop.app.field;

import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.field.FieldControllers;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop field ramp-down}: takes over a device's magnet supply and ramps it to 0 A at its rate limit, output
 * off: for a magnet left energised by a run killed with -9, or by another program.
 */
@Command(name = "ramp-down", mixinStandardHelpOptions = true,
        description = "Ramp a device's magnet to 0 A at its rate limit and switch its output off (after a run was "
                + "killed with -9, or another program left it energised).")
public final class FieldRampDownCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml",
            description = "lab-config of the bench (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--device", paramLabel = "ID", required = true, description = "device whose magnet is ramped down")
    String device;

    @Override
    public Integer call() {
        String magnet = FieldControllers.rampDown(LabConfigLoader.load(config), device);
        System.out.println(magnet + " (magnet of " + device + "): at 0 A, output off");
        return 0;
    }
}
