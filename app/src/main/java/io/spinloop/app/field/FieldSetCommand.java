package io.spinloop.app.field;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.config.FieldConfig;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.field.FieldControllers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop field set}: sets the field at a device in closed loop on its gaussmeter, holds it, then ramps the
 * magnet to 0 A. The field only exists while a spinloop process holds the magnet: on exit, Ctrl-C or any failure the
 * magnet is ramped down at its rate limit.
 */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Set the field at a device in closed loop on its gaussmeter (the magnet's calibration gives the "
                + "first current, the reading corrects it), hold it, then ramp the magnet to 0 A.",
                "A field beyond what the magnet's current limit reaches is refused before anything is touched."})
public final class FieldSetCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml",
            description = "lab-config of the bench (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--device", paramLabel = "ID", required = true, description = "device whose field is set")
    String device;

    @ArgGroup(multiplicity = "1")
    FieldValue field;

    @Option(names = "--hold-s", paramLabel = "S", defaultValue = "0",
            description = "hold the field this long before ramping down (Ctrl-C ramps down at once; default 0)")
    double holdS;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        OptionChecks.nonNegative("--hold-s", holdS);
        LoadedLabConfig cfg = LabConfigLoader.load(config);
        FieldConfig f = FieldControllers.fieldOf(cfg, device);
        double tesla = field.tesla();
        double reach = Math.abs(f.teslaPerA()) * f.limits().maxCurrentA();
        if (!Double.isFinite(tesla) || Math.abs(tesla - f.offsetT()) > reach + f.toleranceT()) {
            throw new RefusedInputException(String.format(Locale.ROOT, "%s: beyond what magnet %s reaches with its "
                    + "current limit of %s A (%s): %.4g to %.4g mT", field.given(), f.magnet(),
                    f.limits().maxCurrentA(), cfg.file(), (f.offsetT() - reach) * 1e3, (f.offsetT() + reach) * 1e3));
        }
        var held = FieldControllers.setAndHold(cfg, device, tesla, Duration.ofNanos(Math.round(holdS * 1e9)));
        var p = held.point();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("device", device);
            out.put("magnet", held.magnet());
            out.put("target_T", p.targetT());
            out.put("field_T", p.fieldT());
            out.put("current_A", p.currentA());
            out.put("corrections", p.corrections());
            out.put("held_T", held.held());
            out.put("ramped_to_zero", true);
            JsonOutput.print(System.out, out);
        } else {
            System.out.printf(Locale.ROOT, "%s: field %.4f mT (target %.4f mT) with %s at %.5f A after %d "
                            + "correction(s); read %.4f mT after the hold; %s ramped to 0 A, output off%n", device,
                    p.fieldT() * 1e3, p.targetT() * 1e3, held.magnet(), p.currentA(), p.corrections(),
                    held.held() * 1e3, held.magnet());
        }
        return 0;
    }
}
