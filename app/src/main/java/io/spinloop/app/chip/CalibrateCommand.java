package io.spinloop.app.chip;

import io.spinloop.app.SpinloopVersion;
import io.spinloop.lab.chip.ChipPace;
import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.measurements.Provenance;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.twin.neuron.NeuronTwinFit;
import io.spinloop.twin.neuron.ResponseTwinFile;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import io.spinloop.app.live.LiveOptions;
import io.spinloop.app.live.LiveView;
import io.spinloop.app.live.StoppableRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spinloop calibrate}: every device of a lab-config's bench characterised as a neuron, on its own: the
 * working window and zero-span readout, calibration sequences recorded to {@code neurons-<device>.h5}, the neural
 * SDE twin fitted and validated ({@code twin-<device>.h5}) and the piecewise-linear twin
 * ({@code response-twin-<device>.json}). The directory is what {@code train-on-twin}, {@code deploy} and
 * {@code chip-train} read with {@code --twins}: the lab flow without running the demo.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Calibrate the bench's devices as neurons: recorded sequences, fitted twins (for train-on-twin, "
                + "deploy, chip-train).")
public final class CalibrateCommand implements Callable<Integer> {
    public static final String RESULT = "calibration.json";

    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml",
            description = "lab-config of the bench (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "directory for the recordings and twins (created; existing files are never overwritten)")
    Path out;

    @Option(names = "--quick", description = "the demo's --quick calibration sizes (a smoke run)")
    boolean quick;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the calibration sequences and twin fits "
            + "(default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    PaceOption pace;

    @Mixin
    LiveOptions live;

    private PrintStream err = System.err;
    private LiveView view = LiveView.off();

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        LoadedLabConfig loaded = LabConfigLoader.load(config);
        ChipPace chosen = pace.choice();
        if (Files.exists(out.resolve(RESULT))) {
            throw new FileAlreadyExistsException(out.resolve(RESULT).toString(), null, "exists: --out holds a "
                    + "calibration already; choose another --out");
        }
        ChipExperiment.Options o = quick ? ChipExperiment.Options.quick(seed) : ChipExperiment.Options.full(seed);
        boolean created = !Files.exists(out);
        Files.createDirectories(out);
        Provenance prov = Provenance.builder(SpinloopVersion.current()).labConfig(loaded.text())
                .metadata("bench", loaded.config().bench()).metadata("command", "spinloop calibrate")
                .seed("calibration_sequences", seed)
                .physicallyMeasurable(true, "list points of 1 ms and the source's measurement at the --pace chosen, "
                        + "read in zero span, as a SourceMeter and an analyzer play them").build();
        RoundTrips trips = new RoundTrips();
        List<Map<String, Object>> devices = new ArrayList<>();
        try (LiveView view = live.start("calibrate " + loaded.config().bench())) {
            err = view.tee(err);
            this.view = view;
            // Ctrl-C or the page's Stop: between two lists on the bench or two twin fits; the bench is closed
            // (0 A, off) on the way out, the recordings finalised, and no calibration.json written
            view.run(() -> {
                try (StoppableRun stop = StoppableRun.open(view)) {
                    calibrate(loaded, o, chosen, trips, prov, devices);
                    return 0;
                }
            });
        } catch (Exception e) {
            if (created) {
                removeIfEmpty(out); // a bench that never answered leaves nothing behind
            }
            throw e;
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("spinloop", SpinloopVersion.current());
        summary.put("config", config.toString());
        summary.put("bench", loaded.config().bench());
        summary.put("seed", seed);
        summary.put("quick", quick);
        summary.put("pace", chosen.label());
        summary.put("pace_settings", chosen.pace().describe());
        summary.put("devices", devices);
        summary.put("round_trips", trips.operations());
        summary.put("list_points", trips.listPoints());
        summary.put("wall_seconds", seconds);
        DeployCommand.writeJson(out.resolve(RESULT), summary);
        System.out.printf(Locale.ROOT, "%d devices calibrated, %d round trips, %.1f s -> %s (train-on-twin, deploy "
                + "and chip-train read it with --twins %s)%n", devices.size(), trips.operations(), seconds, out, out);
        return 0;
    }

    /** Calibrates every device of the bench into {@code out}, adding each device's summary to {@code devices}. */
    private void calibrate(LoadedLabConfig loaded, ChipExperiment.Options o, ChipPace chosen, RoundTrips trips,
                           Provenance prov, List<Map<String, Object>> devices) throws java.io.IOException {
        try (ChipBench bench = ChipBench.open(loaded);
             ChipExperiment.Calibrated cal = ChipExperiment.calibrate(bench, o, trips, m -> err.println("    " + m),
                     out, prov, chosen, (r, f) -> CalibrationFan.show(view, r, f, o.seed()))) {
            ChipSetup s = cal.setup();
            s.makeSafe();
            for (int d = 0; d < s.calibrations().size(); d++) {
                DeviceCalibration.Result r = s.calibrations().get(d);
                Path response = out.resolve("response-twin-" + r.device() + ".json");
                ResponseTwinFile.write(response, r.twin(), r.readoutProvenance());
                NeuronTwinFit.Fitted f = cal.fits().get(d);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("device", r.device());
                m.put("window_mA", List.of(r.twin().lowA() * 1e3, r.twin().highA() * 1e3));
                m.put("line_Hz", r.lineHz());
                m.put("zero_span_Hz", r.settings().centerHz());
                m.put("list_point_s", r.settings().pointPeriodS());
                m.put("recording", r.recording().getFileName().toString());
                m.put("sde_twin", f.twinFile().getFileName().toString());
                m.put("response_twin", response.getFileName().toString());
                m.put("sde_validation_held_out", Map.of("mean_over_floor", f.heldOut().meanRatio(),
                        "spread_over_floor", f.heldOut().spreadRatio(), "w1_over_floor", f.heldOut().distanceRatio()));
                m.put("response_validation_held_out", Map.of("mean_over_floor", f.baseline().meanRatio(),
                        "spread_over_floor", f.baseline().spreadRatio(), "w1_over_floor",
                        f.baseline().distanceRatio()));
                devices.add(m);
            }
        }
    }

    private static void removeIfEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (java.io.IOException ignored) {
            // best effort: the error being reported matters more
        }
    }
}
