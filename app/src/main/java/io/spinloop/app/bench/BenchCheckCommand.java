package io.spinloop.app.bench;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.lab.bench.BenchCheck;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.InstrumentConfig;
import io.spinloop.lab.config.InstrumentRole;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop bench check}: connect to every instrument, ask {@code *IDN?}, compare with the config
 * (the drivers refuse an instrument that is another model than configured), and show each device's limits.
 * Nothing is sourced: current sources are only identified, and closed at 0 A with their output off. A check that
 * ran and found an instrument missing or another model exits with {@link #FAILED_CHECK}; a config that cannot be
 * used is refused (2) before any instrument is reached.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Connect to every instrument of a lab-config, identify it (*IDN?), compare with the config, "
                + "and show the safety limits of each device.",
                "For an emulated bench the emulator is started in-process and reached over loopback sockets."})
public final class BenchCheckCommand implements Callable<Integer> {
    /** Exit code of a check that ran and did not pass (the README's "Exit codes"). */
    static final int FAILED_CHECK = 3;

    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml",
            description = "lab-config of the bench (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Override
    public Integer call() {
        LoadedLabConfig cfg = LabConfigLoader.load(config);
        BenchCheck.Report report = BenchCheck.run(cfg, json ? new BenchCheck.Listener() { } : new BenchCheck.Listener() {
            @Override
            public void benchOpened(boolean emulated) {
                System.out.println("bench " + cfg.config().bench() + (emulated
                        ? " (emulated, started in-process on loopback)" : "") + " — " + cfg.file());
            }

            @Override
            public void answered(BenchCheck.Answer a) {
                System.out.printf(Locale.ROOT, "  %-10s %-8s %-28s %s%n", a.instrument().name(), role(a.instrument()),
                        a.resource(), a.ok() ? "ok  " + a.idn() : "FAILED: " + a.error());
            }
        });
        if (json) {
            printJson(cfg, report);
        } else {
            for (DeviceConfig d : cfg.config().devices()) {
                System.out.printf(Locale.ROOT, "  device %-8s source %s, analyzer %s: |I| <= %s, compliance %s V, "
                        + "ramps <= %s/s in steps <= %s%n", d.id(), d.source(), d.analyzer(),
                        Units.amps(d.limits().maxCurrentA()), d.limits().complianceV(),
                        Units.amps(d.limits().rampRateAPerS()), Units.amps(d.limits().rampStepA()));
            }
            System.out.println(report.allOk() ? "all instruments answered as configured"
                    : "some instruments FAILED (see above)");
        }
        return report.allOk() ? 0 : FAILED_CHECK;
    }

    private static String role(InstrumentConfig in) {
        if (in.role() == InstrumentRole.MAGNET || in.role() == InstrumentRole.GAUSSMETER) {
            return in.role() == InstrumentRole.MAGNET ? "magnet" : "gaussmeter";
        }
        return in.role() == InstrumentRole.SOURCE ? "source" : "analyzer";
    }

    private static void printJson(LoadedLabConfig cfg, BenchCheck.Report report) {
        List<Map<String, Object>> instruments = new ArrayList<>();
        for (BenchCheck.Answer a : report.answers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.instrument().name());
            m.put("role", role(a.instrument()));
            m.put("model", a.instrument().model());
            m.put("resource", a.resource());
            if (a.ok()) {
                m.put("idn", a.idn());
                m.put("emulated", a.emulated());
            }
            m.put("ok", a.ok());
            if (!a.ok()) {
                m.put("error", a.error());
            }
            instruments.add(m);
        }
        List<Map<String, Object>> devices = new ArrayList<>();
        for (DeviceConfig d : cfg.config().devices()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("source", d.source());
            m.put("analyzer", d.analyzer());
            m.put("max_current_A", d.limits().maxCurrentA());
            m.put("compliance_V", d.limits().complianceV());
            m.put("ramp_rate_A_per_s", d.limits().rampRateAPerS());
            m.put("ramp_step_A", d.limits().rampStepA());
            devices.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", cfg.config().bench());
        out.put("config", cfg.file().toString());
        out.put("emulated", cfg.config().emulated());
        out.put("ok", report.allOk());
        out.put("instruments", instruments);
        out.put("devices", devices);
        JsonOutput.print(System.out, out);
    }
}
