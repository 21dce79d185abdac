package io.spinloop.app.chip;

import io.spinloop.app.SpinloopVersion;
import io.spinloop.app.live.LiveView;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipObjective;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ForecastEvaluation;
import io.spinloop.training.chip.NeuronBank;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.training.chip.TwinNeurons;
import io.spinloop.training.mackeyglass.ForecastError;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The work of {@code spinloop deploy}: the task's test set run on the twins the weights were trained on, then on
 * the chip of the lab-config's bench (sources at 0 A and off afterwards, whatever happens), and the result as the
 * deploy.json map.
 */
final class DeployRun {
    /** The test figures on the twin and on the chip, what the chip cost, and whether the bench was emulated. */
    record Result(int testExamples, ChipObjective.TestFigures twin, ChipObjective.TestFigures chip, RoundTrips trips,
            double chipSeconds, boolean emulated) {
    }

    private DeployRun() {
    }

    /**
     * Runs the test set of {@code task}, {@code d}'s objective (already preflighted), on its twins, then on the chip;
     * progress to {@code err}.
     */
    static Result run(ChipDeployment d, ChipObjective task, PrintStream err, LiveView view) throws Exception {
        ChipObjective.TestFigures twin = test(d, task, new TwinNeurons(d.twins().twins(), d.driveMap(), false, 0),
                "twin", view);
        err.printf("%d neurons on %s (%s twins), %s, %d test %s; on the twin %s%n",
                d.network().weights().neurons(), String.join(", ", d.network().devices()),
                d.network().twin().name().toLowerCase(Locale.ROOT), taskName(d.network()), task.testExamples(),
                d.network().isDigits() ? "images" : "windows", twin);
        figure(view, "twin", twin);
        RoundTrips trips = new RoundTrips();
        try (ChipBench bench = ChipBench.open(d.config());
             ChipSetup s = d.connect(bench, trips, m -> err.println("    " + m))) {
            boolean emulated = bench.bench().emulated();
            err.println("connected to " + d.config().config().bench() + (emulated ? " (emulated, in-process)" : "")
                    + "; running the test set on the chip");
            ChipNeurons neurons = s.neurons();
            long t1 = System.nanoTime();
            ChipObjective.TestFigures chip;
            try {
                chip = test(d, task, neurons, "chip", view);
            } finally {
                neurons.makeSafe();
            }
            figure(view, "chip", chip);
            return new Result(task.testExamples(), twin, chip, trips, (System.nanoTime() - t1) * 1e-9, emulated);
        }
    }

    /**
     * The test set of {@code task} through {@code bank}: its figures, and for the forecast its predictions beside the
     * target on the live view's page (the same one pass {@link ChipObjective#test} makes).
     */
    private static ChipObjective.TestFigures test(ChipDeployment d, ChipObjective task, NeuronBank bank, String stage,
                                                  LiveView view) {
        if (d.network().isDigits()) {
            return task.test(d.network().weights(), bank);
        }
        ForecastTask test = d.network().task().test();
        double[] predicted = ForecastEvaluation.predictions(task.pass(d.network().weights(), true, bank), test);
        view.forecast(stage, test.flatTargets(), predicted);
        ForecastError e = ForecastError.of(predicted, test.flatTargets());
        return new ChipObjective.TestFigures(e.mse(), e.nrmse(), null);
    }

    /** A stage's test figure on the live view's page: accuracy for the digits, MSE for the forecast. */
    static void figure(LiveView view, String stage, ChipObjective.TestFigures f) {
        if (f.accuracy() != null) {
            view.figure(stage, "test accuracy", f.accuracy());
        } else {
            view.figure(stage, "test MSE", f.mse());
        }
    }

    /** The deploy.json of a run of {@code d}, from lab-config {@code config} and weights file {@code weights}. */
    static Map<String, Object> json(ChipDeployment d, Path config, Path weights, Result r, double wallSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spinloop", SpinloopVersion.current());
        m.put("config", config.toString());
        m.put("bench", d.config().config().bench());
        m.put("emulated", r.emulated());
        m.put("weights", weights.toString());
        m.put("twins", d.twins().files().stream().map(Path::toString).toList());
        m.put("twin_kind", d.network().twin().name().toLowerCase(Locale.ROOT));
        m.put("devices", d.network().devices());
        m.put("neurons", d.network().weights().neurons());
        m.put("task", taskName(d.network()));
        if (d.network().isDigits()) {
            m.put("test_images", r.testExamples());
            m.put("chip_test_accuracy", r.chip().accuracy());
            m.put("twin_test_accuracy", r.twin().accuracy());
        } else {
            ForecastTask test = d.network().task().test();
            m.put("test_windows", test.windows());
            m.put("test_steps", test.steps());
            m.put("chip_test_mse", r.chip().mse());
            m.put("chip_test_nrmse", r.chip().nrmse());
            m.put("twin_test_mse", r.twin().mse());
        }
        m.put("round_trips", r.trips().operations());
        m.put("lists", r.trips().lists());
        m.put("list_points", r.trips().listPoints());
        m.put("chip_seconds", r.chipSeconds());
        m.put("wall_seconds", wallSeconds);
        return m;
    }

    static String taskName(TrainedNetworkFile net) {
        return net.isDigits() ? "sequential digits (" + net.digits().rows() + " rows per image)"
                : "Mackey-Glass forecast";
    }
}
