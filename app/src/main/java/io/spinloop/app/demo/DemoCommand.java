package io.spinloop.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spinloop.app.SpinloopVersion;
import io.spinloop.app.bench.DeviceRig;
import io.spinloop.app.bench.RunGuard;
import io.spinloop.app.chip.ChipBench;
import io.spinloop.app.chip.ChipExperiment;
import io.spinloop.app.cli.ProgressBar;
import io.spinloop.app.config.LabConfigLoader;
import io.spinloop.app.config.LoadedLabConfig;
import io.spinloop.app.config.SweepPreset;
import io.spinloop.app.measure.RunOutcome;
import io.spinloop.app.measure.SweepRunner;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.Sweep;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.training.chip.DeviceCalibration;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.training.chip.RoundTrips;
import io.spinloop.training.mackeyglass.ForecastError;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop demo}: the whole data flow on the bench of a lab-config, with progress on the terminal and a
 * report at the end (report.md with PNG plots, summary.json, the characterisation HDF5 file).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole flow on the (emulated) bench: characterise, fit twins, train noise-aware, "
                + "deploy, fine-tune chip-in-the-loop, report.")
public final class DemoCommand implements Callable<Integer> {
    private static final int STEPS = 7;


    @Option(names = "--config", defaultValue = "lab-configs/emulated-bench.yaml", description = "lab-config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--out", description = "report directory (default: demo-out/<date>-<time>, a new one each run)")
    Path out;

    @Option(names = "--quick", description = "a smoke run of every step, well under a minute")
    boolean quick;

    @Option(names = "--seed", defaultValue = "1", description = "training seed (default: ${DEFAULT-VALUE})")
    long seed;

    private PrintStream err = System.err;
    private int step;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        LoadedLabConfig loaded = LabConfigLoader.load(config);
        if (out == null) {
            out = Path.of("demo-out", java.time.LocalDateTime.now().format(
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        Files.createDirectories(out);
        Path h5 = out.resolve("characterise.h5");
        if (Files.exists(h5)) {
            throw new IllegalArgumentException(h5 + " exists: the demo never overwrites a measurement; choose another"
                    + " --out or remove it");
        }
        ChipExperiment.Options o = quick ? ChipExperiment.Options.quick(seed) : ChipExperiment.Options.full(seed);
        ForecastTask.Split task = o.task();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("spinloop", SpinloopVersion.current());
        summary.put("config", config.toString());
        summary.put("quick", quick);
        summary.put("task", Map.of("name", "Mackey-Glass (beta 0.2, gamma 0.1, n 10, tau 17)", "horizon_samples",
                o.horizon(), "sampling_time_units", o.sampling(), "taps", o.taps(), "train_samples",
                o.trainWindows() * o.steps(), "test_samples", o.testWindows() * o.steps()));
        summary.put("network", Map.of("neurons", o.neurons(), "topology", "feed-forward, time-multiplexed",
                "readout", "linear"));
        Map<String, Double> mse = new LinkedHashMap<>();
        Map<String, Object> steps = new LinkedHashMap<>();
        summary.put("steps", steps);

        try (ChipBench bench = time("start the bench of " + config + (loaded.config().emulated()
                ? " (emulated, in-process)" : ""), () -> ChipBench.open(loaded))) {
            steps.put("bench", Map.of("emulated", bench.bench().emulated(), "devices", bench.deviceIds()));

            List<Sweep> sweeps = time("characterise the devices (current sweeps of the spectrum)",
                    () -> characterise(bench, loaded, h5));
            steps.put("characterise", Map.of("file", h5.getFileName().toString(), "sweeps", sweeps.size()));
            DemoPlots.deviceCurves(out.resolve("device-curves.png"), sweeps);

            RoundTrips trips = new RoundTrips();
            try (ChipSetup s = time("record zero-span list sequences per device and fit its twin",
                    () -> ChipExperiment.calibrate(bench, o, trips, m -> err.println("    " + m)))) {
                List<Map<String, Object>> twins = new ArrayList<>();
                for (DeviceCalibration.Result r : s.calibrations()) {
                    twins.add(Map.of("device", r.device(), "kind", r.twin().kind(), "window_mA",
                            List.of(r.twin().lowA() * 1e3, r.twin().highA() * 1e3), "zero_span_Hz",
                            r.settings().centerHz(), "list_point_s", r.settings().pointPeriodS(), "readings",
                            r.drivesA().length, "floor_dBm", r.twin().scale().floorDbm(), "span_dB",
                            r.twin().scale().spanDb()));
                }
                steps.put("twins", twins);
                DemoPlots.twinVersusMeasurement(out.resolve("twin-vs-measurement.png"), s.calibrations());

                ChipExperiment.Trained trained = time("train noise-aware on the twins (" + o.twinEpochs() + " epochs)",
                        () -> ChipExperiment.trainOnTwin(s, o, task, true, seed, e -> {
                            if (e.epoch() % Math.max(1, o.twinEpochs() / 5) == 0) {
                                err.printf("    epoch %d: train loss %.4f, twin test MSE %.4f%n", e.epoch(),
                                        e.trainLoss(), e.test().mse());
                            }
                        }));
                NetworkWeights w = trained.weights();
                writeAtomically(out.resolve("weights-twin-trained.json"), new ObjectMapper().writeValueAsString(
                        Map.of("neurons", w.neurons(), "inputs", w.inputs(), "recurrent", w.recurrent(), "seed", seed,
                                "layout", "input [neuron][tap], recurrent [neuron][neuron], bias, readout, readout bias",
                                "weights", w.flat())));
                ForecastError twin = ChipExperiment.onTwin(s, o, w, task.test(), false, 0);
                mse.put("twin", twin.mse());

                ChipNeurons chip = s.neurons();
                try {
                    ForecastError deployed = time("deploy on the chip (list sweeps + zero span)",
                            () -> ChipExperiment.onChip(s, o, w, task.test(), chip));
                    err.printf("    test MSE on the twin %.4f, on the chip %.4f (NRMSE %.3f)%n", twin.mse(),
                            deployed.mse(), deployed.nrmse());
                    mse.put("chip, deployed", deployed.mse());
                    double gap = ChipExperiment.activationGap(s, o, w, task.test(), chip);
                    err.printf("    rms difference chip vs twin activations at the same drives: %.3f%n", gap);
                    summary.put("activation_gap_rms", gap);

                    Path ckpt = out.resolve("chip-training.checkpoint.json");
                    Files.deleteIfExists(ckpt);
                    long ops0 = trips.operations();
                    List<ChipTraining.Epoch> chipCurve = time("fine-tune chip-in-the-loop (" + o.chipEpochs()
                            + " epochs: forward on the chip, backward through the twins)",
                            () -> ChipTraining.train(ChipExperiment.network(s, o), w, task.train(), task.test(), chip,
                                    trips, new ChipTraining.Settings(o.chipEpochs(), o.batch(), o.chipLearningRate(),
                                            1.0, seed, false), ckpt, new ChipTraining.Listener() {
                                        @Override
                                        public void message(String text) {
                                            err.println("    " + text);
                                        }
                                    }));
                    double after = chipCurve.get(chipCurve.size() - 1).testMse();
                    mse.put("chip, after chip-in-the-loop", after);
                    ForecastError reservoir = ChipExperiment.reservoirOnChip(s, o, task, chip, seed);
                    mse.put("reservoir on chip (baseline)", reservoir.mse());
                    mse.put("linear taps (baseline)", ChipExperiment.linearTaps(task).mse());
                    steps.put("chip_in_the_loop", Map.of("epochs", chipCurve, "round_trips", trips.operations() - ops0,
                            "checkpoint", ckpt.getFileName().toString() + " (final weights and optimizer state)"));
                    DemoPlots.learningCurves(out.resolve("learning-curves.png"), trained.curve(), chipCurve);
                    DemoPlots.errors(out.resolve("errors.png"), mse);
                    steps.put("twin_training", Map.of("epochs", trained.curve().size(), "final_twin_test_mse",
                            twin.mse()));
                } finally {
                    chip.makeSafe();
                }
            }
        }
        time("write the report", () -> {
            summary.put("test_mse", mse);
            summary.put("seconds", (System.nanoTime() - t0) * 1e-9);
            writeAtomically(out.resolve("summary.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(summary));
            writeAtomically(out.resolve("report.md"), DemoReport.markdown(summary, mse, o));
            return null;
        });
        err.printf("done in %.1f s: %s%n", (System.nanoTime() - t0) * 1e-9, out.resolve("report.md"));
        return 0;
    }

    private List<Sweep> characterise(ChipBench bench, LoadedLabConfig loaded, Path h5) throws IOException {
        SweepPreset p = loaded.config().presets().sweep();
        double stepA = quick ? Math.max(p.stepA(), 2e-4) : p.stepA();
        double[] currents = SweepRunner.currents(p.fromA(), p.toA(), stepA);
        Provenance prov = Provenance.builder(SpinloopVersion.current()).labConfig(loaded.text())
                .metadata("bench", loaded.config().bench()).metadata("command", "spinloop demo")
                .physicallyMeasurable(true, "demo characterisation with the instruments' settings").build();
        try (MeasurementRecorder rec = MeasurementRecorder.create(h5, prov, OverwritePolicy.REFUSE);
             RunGuard guard = RunGuard.detached()) {
            for (String id : bench.deviceIds()) {
                try (DeviceRig rig = bench.bench().openDevice(id);
                     ProgressBar bar = ProgressBar.onStderr("    " + id, currents.length)) {
                    RunOutcome r = new SweepRunner(rig, p.analyzer(), p.settleS()).run(currents, rec, bar, guard);
                    if (r.failure() != null) {
                        throw new IllegalStateException(id + ": characterisation failed after " + r.done() + " of "
                                + r.planned() + " points: " + r.failure().getMessage(), r.failure());
                    }
                }
            }
        }
        return MeasurementFile.open(h5).sweeps();
    }

    /** A step of the demo, announced and timed. */
    private <T> T time(String what, StepBody<T> body) throws Exception {
        step++;
        err.printf("[%d/%d] %s ...%n", step, STEPS, what);
        long t = System.nanoTime();
        T r = body.run();
        err.printf("      (%.1f s)%n", (System.nanoTime() - t) * 1e-9);
        return r;
    }

    @FunctionalInterface
    private interface StepBody<T> {
        T run() throws Exception;
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".demo", ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
