package io.spinloop.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spinloop.app.SpinloopVersion;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.app.chip.CalibrationFan;
import io.spinloop.app.live.LiveView;
import io.spinloop.lab.RunStoppedException;
import io.spinloop.lab.bench.RunGuard;
import io.spinloop.app.chip.ChipBench;
import io.spinloop.app.chip.ChipExperiment;
import io.spinloop.app.chip.TrainedNetworkFile;
import io.spinloop.app.cli.ProgressBar;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.SweepPreset;
import io.spinloop.lab.RunOutcome;
import io.spinloop.lab.sweep.SweepRunner;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.Sweep;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.lab.chip.ChipPace;
import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.training.mackeyglass.ForecastError;
import io.spinloop.training.mackeyglass.ForecastTask;
import io.spinloop.twin.neuron.NeuronTwin;
import io.spinloop.twin.neuron.NeuronTwinFit;
import io.spinloop.twin.neuron.ResponseTwinFile;
import io.spinloop.twin.validate.ValidationReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of {@code spinloop demo} on the bench of a lab-config, each announced and timed on standard error:
 * characterise the devices, record calibration sequences and fit their twins, train noise-aware on the twins,
 * deploy, fine-tune chip-in-the-loop, sequential digits; then the report (summary.json, report.md) in the output
 * directory.
 */
final class DemoRun {
    private static final int STEPS = 8;

    private final LoadedLabConfig loaded;
    private final Path config;
    private final Path out;
    private final ChipExperiment.Options o;
    private final ChipPace pace;
    private final long seed;
    private final boolean quick;
    private final PrintStream err;
    private final Map<String, Object> summary = new LinkedHashMap<>();
    private final Map<String, Double> mse = new LinkedHashMap<>();
    private final Map<String, Object> steps = new LinkedHashMap<>();
    private int step;
    private final LiveView view;
    private final RunGuard guard;

    DemoRun(LoadedLabConfig loaded, Path config, Path out, ChipExperiment.Options o, ChipPace pace, long seed,
            boolean quick, PrintStream err, LiveView view, RunGuard guard) {
        this.pace = pace;
        this.view = view;
        this.guard = guard;
        this.loaded = loaded;
        this.config = config;
        this.out = out;
        this.o = o;
        this.seed = seed;
        this.quick = quick;
        this.err = err;
        summary.put("spinloop", SpinloopVersion.current());
        summary.put("config", config.toString());
        summary.put("quick", quick);
        summary.put("twin", o.twin() == ChipExperiment.TwinKind.SDE ? "neural SDE (twin module), fitted to the recorded "
                + "calibration sequences, loaded from twin-<device>.h5" : "piecewise-linear mean and noise (ResponseTwin)");
        summary.put("twin_is_sde", o.twin() == ChipExperiment.TwinKind.SDE);
        summary.put("pace", Map.of("name", pace.label(), "settings", pace.pace().describe()));
        summary.put("task", Map.of("name", "Mackey-Glass (beta 0.2, gamma 0.1, n 10, tau 17)", "horizon_samples",
                o.horizon(), "sampling_time_units", o.sampling(), "taps", o.taps(), "train_samples",
                o.trainWindows() * o.steps(), "test_samples", o.testWindows() * o.steps()));
        summary.put("network", Map.of("neurons", o.neurons(), "topology", "feed-forward, time-multiplexed",
                "readout", "linear"));
        summary.put("steps", steps);
    }

    /** Steps 1 to 7: everything on the bench, which is left safe (sources at 0 A, outputs off) however it ends. */
    void onTheBench(Path h5) throws Exception {
        try (ChipBench bench = time("start the bench of " + config + (loaded.config().emulated()
                ? " (emulated, in-process)" : ""), () -> ChipBench.open(loaded))) {
            steps.put("bench", Map.of("emulated", bench.bench().emulated(), "devices", bench.deviceIds()));

            List<Sweep> sweeps = time("characterise the devices (current sweeps of the spectrum)",
                    () -> characterise(bench, h5));
            steps.put("characterise", Map.of("file", h5.getFileName().toString(), "sweeps", sweeps.size()));
            DemoPlots.deviceCurves(out.resolve("device-curves.png"), sweeps);

            RoundTrips trips = new RoundTrips();
            Provenance calProv = Provenance.builder(SpinloopVersion.current()).labConfig(loaded.text())
                    .metadata("bench", loaded.config().bench()).metadata("command", "spinloop demo: neuron calibration")
                    .seed("calibration_sequences", seed)
                    .physicallyMeasurable(true, "list points of 1 ms and the source's measurement at the --pace "
                            + "chosen, read in zero span, as a SourceMeter and an analyzer play them").build();
            try (ChipExperiment.Calibrated cal = time("record zero-span calibration sequences per device "
                    + "(neurons-<device>.h5), fit its neural-SDE twin (twin-<device>.h5), validate on held-out sequences",
                    () -> ChipExperiment.calibrate(bench, o, trips, m -> err.println("    " + m), out, calProv,
                            pace, (r, f) -> CalibrationFan.show(view, r, f, o.seed())))) {
                steps.put("twins", twins(cal));
                trainAndDeploy(cal.setup(), trips);
            }
        }
    }

    /** What each device's calibration and twin are, for the summary; the response twins written beside them. */
    private List<Map<String, Object>> twins(ChipExperiment.Calibrated cal) throws IOException {
        ChipSetup s = cal.setup();
        List<Map<String, Object>> twins = new ArrayList<>();
        for (int d = 0; d < s.calibrations().size(); d++) {
            DeviceCalibration.Result r = s.calibrations().get(d);
            NeuronTwin t = s.twins().get(d);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", r.device());
            m.put("kind", t.kind());
            m.put("window_mA", List.of(t.lowA() * 1e3, t.highA() * 1e3));
            m.put("zero_span_Hz", r.settings().centerHz());
            m.put("list_point_s", r.settings().pointPeriodS());
            m.put("recording", r.recording().getFileName().toString());
            m.put("sequences", r.drivesA().length);
            m.put("held_out_sequences", r.heldOut());
            m.put("repeats", r.readingsDbm()[0].length);
            m.put("steps", r.drivesA()[0].length);
            m.put("floor_dBm", t.scale().floorDbm());
            m.put("span_dB", t.scale().spanDb());
            if (!cal.fits().isEmpty()) {
                NeuronTwinFit.Fitted f = cal.fits().get(d);
                m.put("twin_file", f.twinFile().getFileName().toString());
                m.put("fit", Map.of("objective", f.fit().objective().name().toLowerCase(java.util.Locale.ROOT),
                        "best_epoch", f.fit().bestEpoch(), "seconds", f.fit().seconds(),
                        "training_sequences", f.fit().trainingSequences(),
                        "early_stopping_sequences", f.fit().heldOutSequences()));
                m.put("validation_held_out", validation(f.heldOut()));
                m.put("validation_piecewise_linear_baseline", validation(f.baseline()));
            }
            twins.add(m);
        }
        for (DeviceCalibration.Result r : s.calibrations()) {
            ResponseTwinFile.write(out.resolve("response-twin-" + r.device() + ".json"), r.twin(),
                    r.readoutProvenance());
        }
        DemoPlots.twinVersusMeasurement(out.resolve("twin-vs-measurement.png"), s.calibrations(), s.twins());
        return twins;
    }

    /** Steps 4 to 7: train noise-aware on the twins, deploy, fine-tune chip-in-the-loop, sequential digits. */
    private void trainAndDeploy(ChipSetup s, RoundTrips trips) throws Exception {
        ForecastTask.Split task = o.task();
        ChipExperiment.Trained trained = time("train noise-aware on the twins (" + o.twinEpochs() + " epochs)",
                () -> ChipExperiment.trainOnTwin(s, o, task, true, seed, e -> {
                    view.epoch("twin, noise-aware", e.epoch(), e.trainLoss(), "twin test MSE", e.test().mse());
                    if (e.epoch() % Math.max(1, o.twinEpochs() / 5) == 0) {
                        err.printf("    epoch %d: train loss %.4f, twin test MSE %.4f%n", e.epoch(),
                                e.trainLoss(), e.test().mse());
                    }
                }));
        NetworkWeights w = trained.weights();
        // what spinloop deploy and chip-train read: the weights with their devices, task and settings
        new TrainedNetworkFile(w, List.of(s.driveMap().deviceIds()), o.twin(), o, "spinloop demo")
                .write(out.resolve(DemoCommand.WEIGHTS));
        ForecastError twin = ChipExperiment.onTwin(s, o, w, task.test(), false, 0);
        stage("twin", twin.mse());

        ChipNeurons chip = s.neurons();
        try {
            List<ChipTraining.Epoch> chipCurve = deployAndFineTune(s, w, twin, chip, trips);
            DemoPlots.learningCurves(out.resolve("learning-curves.png"), trained.curve(), chipCurve);
            DemoPlots.errors(out.resolve("errors.png"), mse);
            steps.put("twin_training", Map.of("epochs", trained.curve().size(), "final_twin_test_mse",
                    twin.mse()));

            DemoDigits.Result digits = time("sequential digits on the same chip: train noise-aware on the "
                    + "twins, deploy, chip-in-the-loop, reservoir baseline",
                    () -> DemoDigits.run(s, o.twin(), chip, trips, quick, seed, out, err));
            summary.put("digits", digits.summary());
            digits.accuracy().forEach((stage, accuracy) -> view.figure(stage, "digits test accuracy", accuracy));
        } finally {
            chip.makeSafe();
        }
    }

    /** Steps 5 and 6: the twin-trained weights on the chip, then fine-tuned chip-in-the-loop, with the baselines. */
    private List<ChipTraining.Epoch> deployAndFineTune(ChipSetup s, NetworkWeights w, ForecastError twin,
            ChipNeurons chip, RoundTrips trips) throws Exception {
        ForecastTask.Split task = o.task();
        ForecastError deployed = time("deploy on the chip (list sweeps + zero span)",
                () -> ChipExperiment.onChip(s, o, w, task.test(), chip));
        err.printf("    test MSE on the twin %.4f, on the chip %.4f (NRMSE %.3f)%n", twin.mse(),
                deployed.mse(), deployed.nrmse());
        stage("chip, deployed", deployed.mse());
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

                            @Override
                            public void epochDone(ChipTraining.Epoch ep) {
                                view.epoch("chip in the loop", ep.epoch(), ep.trainLoss(), "chip test MSE",
                                        ep.testMse() != null ? ep.testMse() : Double.NaN);
                            }
                        }));
        double after = chipCurve.get(chipCurve.size() - 1).testMse();
        stage("chip, after chip-in-the-loop", after);
        ForecastError reservoir = ChipExperiment.reservoirOnChip(s, o, task, chip, seed);
        stage("reservoir on chip (baseline)", reservoir.mse());
        stage("linear taps (baseline)", ChipExperiment.linearTaps(task).mse());
        steps.put("chip_in_the_loop", Map.of("epochs", chipCurve, "round_trips", trips.operations() - ops0,
                "checkpoint", ckpt.getFileName().toString() + " (final weights and optimizer state)"));
        return chipCurve;
    }

    /** A stage's test MSE: into the report, and on the live view's page as it comes. */
    private void stage(String name, double testMse) {
        mse.put(name, testMse);
        view.figure(name, "test MSE", testMse);
    }

    /** Step 8: summary.json and report.md; {@code t0} is when the demo started. */
    void writeReport(long t0) throws Exception {
        time("write the report", () -> {
            summary.put("test_mse", mse);
            summary.put("seconds", (System.nanoTime() - t0) * 1e-9);
            DemoCommand.writeAtomically(out.resolve("summary.json"), new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
            DemoCommand.writeAtomically(out.resolve("report.md"), DemoReport.markdown(summary, mse, o));
            return null;
        });
    }

    /** A validation report as figures next to the measured floor (units of the sd of the measured power). */
    static Map<String, Object> validation(ValidationReport v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", "standard deviation of the measured power of the held-out sequences");
        m.put("sequences", v.sequences());
        m.put("repeats", v.repeats());
        m.put("steps", v.steps());
        m.put("mean_error", List.of(v.twin().meanError(), v.floor().meanError()));
        m.put("spread_error", List.of(v.twin().spreadError(), v.floor().spreadError()));
        m.put("autocorrelation_error", List.of(v.twin().autocorrError(), v.floor().autocorrError()));
        m.put("wasserstein1", List.of(v.twin().distance(), v.floor().distance()));
        m.put("spread_ratio_pooled", List.of(v.twin().spreadRatio(), v.floor().spreadRatio()));
        m.put("pairs", "[twin, floor]");
        m.put("passes_1_5x_floor", v.passes(1.5));
        return m;
    }

    private List<Sweep> characterise(ChipBench bench, Path h5) throws IOException {
        SweepPreset p = loaded.config().presets().sweep();
        double stepA = quick ? Math.max(p.stepA(), 2e-4) : p.stepA();
        double[] currents = SweepRunner.currents(p.fromA(), p.toA(), stepA);
        Provenance prov = Provenance.builder(SpinloopVersion.current()).labConfig(loaded.text())
                .metadata("bench", loaded.config().bench()).metadata("command", "spinloop demo")
                .physicallyMeasurable(true, "demo characterisation with the instruments' settings").build();
        try (MeasurementRecorder rec = MeasurementRecorder.create(h5, prov, OverwritePolicy.REFUSE)) {
            for (String id : bench.deviceIds()) {
                try (DeviceRig rig = bench.bench().openDevice(id);
                     ProgressBar bar = ProgressBar.onStderr("    " + id, currents.length)) {
                    RunOutcome r = new SweepRunner(rig, p.analyzer(), p.settleS()).run(currents, rec, view.watch(bar),
                            guard);
                    if (r.stopped()) { // the recorder and the rig close on the way out: a whole file, 0 A, off
                        throw new RunStoppedException("while characterising " + id + ", after " + r.done() + " of "
                                + r.planned() + " points");
                    }
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
}
