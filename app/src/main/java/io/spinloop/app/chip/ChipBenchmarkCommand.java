package io.spinloop.app.chip;

import io.spinloop.app.config.LabConfigLoader;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.training.chip.RoundTrips;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop benchmark chip}: instrument round trips, list points and wall time of one chip-in-the-loop
 * epoch in each deployment mode, against the bench of a lab-config (the emulator by default); medians of runs.
 */
@Command(name = "chip", mixinStandardHelpOptions = true,
        description = "Round trips and wall time per chip-in-the-loop epoch in each deployment mode.")
public final class ChipBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "lab-configs/emulated-bench.yaml", description = "lab-config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--runs", defaultValue = "3", description = "epochs timed per mode (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--quick", description = "small sizes (a smoke run)")
    boolean quick;

    private record Mode(String name, boolean recurrent, boolean stepping) {
    }

    @Override
    public Integer call() throws Exception {
        ChipExperiment.Options o = quick ? ChipExperiment.Options.quick(1) : ChipExperiment.Options.full(1);
        ForecastTask.Split task = o.task();
        List<Mode> modes = List.of(new Mode("batch lists (feed-forward)", false, false),
                new Mode("stepping (feed-forward, host every step)", false, true),
                new Mode("stepping (recurrent, host every step)", true, true));
        RoundTrips trips = new RoundTrips();
        try (ChipBench bench = ChipBench.open(LabConfigLoader.load(config));
             ChipExperiment.Calibrated cal = ChipExperiment.calibrate(bench, o.withTwin(ChipExperiment.TwinKind.RESPONSE), new RoundTrips(), System.err::println,
                     null, null)) {
            ChipSetup s = cal.setup();
            ChipNeurons chip = s.neurons();
            int pointsPerEpoch = (task.train().windows() + task.test().windows()) * o.steps() * o.neurons();
            System.out.printf("one epoch = %d training windows + %d test windows of %d steps, %d neurons on %d devices"
                    + " (%d neuron evaluations); medians of %d epochs%n", task.train().windows(),
                    task.test().windows(), o.steps(), o.neurons(), s.channels().size(), pointsPerEpoch, runs);
            System.out.println("| mode | round trips / epoch | lists / epoch | list points / epoch | wall time / epoch (s) |");
            System.out.println("|---|---|---|---|---|");
            try {
                for (Mode m : modes) {
                    double[] ops = new double[runs];
                    double[] lists = new double[runs];
                    double[] pts = new double[runs];
                    double[] secs = new double[runs];
                    for (int r = 0; r < runs; r++) {
                        NetworkWeights w = ChipExperiment.inWindow(s, o, NetworkWeights.random(o.neurons(), o.taps(),
                                m.recurrent(), 0.6, 0.3, 5 + r), task.train());
                        ChipExperiment.fitReadout(ChipExperiment.network(s, o), w, task.train(),
                                new io.spinloop.training.chip.TwinNeurons(s.twins(), s.driveMap(), false, 0));
                        trips.reset();
                        long t0 = System.nanoTime();
                        ChipTraining.train(ChipExperiment.network(s, o), w, task.train(), task.test(),
                                new ChipNeurons(countingChannels(s, trips), s.twins(), s.driveMap()), trips,
                                new ChipTraining.Settings(1, o.batch(), o.chipLearningRate(), 1.0, r, m.stepping()),
                                null, null);
                        secs[r] = (System.nanoTime() - t0) * 1e-9;
                        ops[r] = trips.operations();
                        lists[r] = trips.lists();
                        pts[r] = trips.listPoints();
                    }
                    System.out.printf("| %s | %.0f | %.0f | %.0f | %.2f |%n", m.name(), median(ops), median(lists),
                            median(pts), median(secs));
                }
            } finally {
                chip.makeSafe();
            }
        }
        return 0;
    }

    /** The setup's channels, counting into {@code trips}. */
    private static List<io.spinloop.training.chip.ChipChannel> countingChannels(ChipSetup s, RoundTrips trips) {
        return s.channels().stream().map(c -> c.countingInto(trips)).toList();
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    }
}
