package io.spinloop.app.chip;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.lab.chip.DriveLimitException;
import io.spinloop.lab.chip.ListPace;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipObjective;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.training.chip.TwinNeurons;
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
        description = "Round trips, bench time and wall time per chip-in-the-loop epoch in each deployment mode, at the"
                + " sources' settings as found and at the fastest that keeps the readings.")
public final class ChipBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml", description = "lab-config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--runs", defaultValue = "3", description = "epochs timed per mode (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--quick", description = "small sizes (a smoke run)")
    boolean quick;

    @Option(names = "--task", defaultValue = "mackey-glass", paramLabel = "mackey-glass|digits",
            description = "the demo's Mackey-Glass network or the sequential-digits classifier of study chip-digits "
                    + "(default: ${DEFAULT-VALUE})")
    String task;

    @Option(names = "--pace", defaultValue = "both", paramLabel = "as-configured|fastest|both",
            description = "the sources' timing and list length: as the instruments are (after *RST: 1 NPLC, auto zero on,"
                    + " lists of 100), the fastest that keeps every reading (0.01 NPLC, auto zero once, lists to 2,500),"
                    + " or both, one after the other (default: ${DEFAULT-VALUE})")
    String pace;

    private record Mode(String name, boolean recurrent, boolean stepping) {
    }

    /** What one pace measured, for the closing comparison. */
    private record PaceFigures(String name, double roundTrips, double testPassMin, double chipAccuracy,
                               double twinAccuracy) {
    }

    /** One task's epoch on a bench: its objective and the starting weights of a mode, and how to describe it. */
    private interface Workload {
        String describe(ChipSetup s);

        ChipObjective objective(ChipSetup s, boolean recurrent);

        NetworkWeights start(ChipSetup s, boolean recurrent, long seed);

        int batch();

        double learningRate();

        /** What a test pass gives: accuracy or MSE. */
        default String figure() {
            return "accuracy";
        }
    }

    @Override
    public Integer call() throws Exception {
        OptionChecks.runs("--runs", runs);
        ChipExperiment.Options o = quick ? ChipExperiment.Options.quick(1) : ChipExperiment.Options.full(1);
        Workload work = switch (task) {
            case "mackey-glass" -> forecast(o);
            case "digits" -> digits();
            default -> throw new RefusedInputException("--task: expected mackey-glass or digits, got \"" + task
                    + "\"");
        };
        List<Mode> modes = List.of(new Mode("batch lists (feed-forward)", false, false),
                new Mode("stepping (feed-forward, host every step)", false, true),
                new Mode("stepping (recurrent, host every step)", true, true));
        List<String> paces = switch (pace) {
            case "as-configured" -> List.of("as-configured");
            case "fastest" -> List.of("fastest");
            case "both" -> List.of("as-configured", "fastest");
            default -> throw new RefusedInputException("--pace: expected as-configured, fastest or both, got \"" + pace
                    + "\"");
        };
        List<PaceFigures> figures = new java.util.ArrayList<>();
        for (String p : paces) {
            figures.add(runPace(p, p.equals("fastest") ? ListPace.fastest() : ListPace.asConfigured(), o, work, modes));
        }
        if (figures.size() == 2) {
            PaceFigures a = figures.get(0);
            PaceFigures b = figures.get(1);
            System.out.printf("fastest against as-configured: round trips / epoch %.0f -> %.0f (1/%.1f); bench time / "
                            + "test pass %.2f -> %.2f min (1/%.1f); chip test %s %.4f -> %.4f, twin %.4f -> %.4f%n",
                    a.roundTrips(), b.roundTrips(), a.roundTrips() / b.roundTrips(), a.testPassMin(), b.testPassMin(),
                    a.testPassMin() / b.testPassMin(), work.figure(), a.chipAccuracy(), b.chipAccuracy(),
                    a.twinAccuracy(), b.twinAccuracy());
        }
        System.out.printf("load average %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        return 0;
    }

    /**
     * Calibrates the bench at {@code listPace} and times an epoch per mode: round trips, lists, points, bench time (the
     * emulator's virtual clock, which jumps over each list and sweep by the time the instruments' timing gives) and
     * wall time; then, after each batch-lists epoch, one more test pass on the chip (its bench time and round trips)
     * and the same pass on the twins.
     */
    private PaceFigures runPace(String name, ListPace listPace, ChipExperiment.Options o, Workload work,
                                List<Mode> modes) throws Exception {
        RoundTrips trips = new RoundTrips();
        try (ChipBench bench = ChipBench.open(LabConfigLoader.load(config));
             ChipExperiment.Calibrated cal = ChipExperiment.calibrate(bench, o.withTwin(ChipExperiment.TwinKind.RESPONSE),
                     new RoundTrips(), System.err::println, null, null, listPace)) {
            ChipSetup s = cal.setup();
            ChipNeurons chip = s.neurons();
            EmulatedBench emulator = bench.bench().emulator();
            System.out.printf("pace %s: %s; list point %.3f ms (measured at calibration)%n", name, listPace.describe(),
                    s.channels().get(0).settings().pointPeriodS() * 1e3);
            System.out.printf("%s; medians of %d epochs%n", work.describe(s), runs);
            System.out.println("| mode | round trips / epoch | lists / epoch | list points / epoch | bench time / epoch "
                    + "(min) | wall time / epoch (s) |");
            System.out.println("|---|---|---|---|---|---|");
            double[] passMin = new double[runs];
            double[] passTrips = new double[runs];
            double[] chipAcc = new double[runs];
            double[] twinAcc = new double[runs];
            double batchTrips = 0;
            try {
                for (Mode m : modes) {
                    double[] ops = new double[runs];
                    double[] lists = new double[runs];
                    double[] pts = new double[runs];
                    double[] secs = new double[runs];
                    double[] benchMin = new double[runs];
                    ChipObjective objective = work.objective(s, m.recurrent());
                    int refused = 0;
                    for (int r = 0; r < runs; r++) {
                        NetworkWeights w = work.start(s, m.recurrent(), 5 + r);
                        trips.reset();
                        ChipNeurons neurons = new ChipNeurons(countingChannels(s, trips), s.twins(), s.driveMap());
                        double b0 = benchTime(emulator);
                        long t0 = System.nanoTime();
                        try {
                            ChipTraining.train(objective, w, neurons, trips,
                                    new ChipTraining.Settings(1, work.batch(), work.learningRate(), 1.0, r,
                                            m.stepping()), null, null);
                        } catch (DriveLimitException e) {
                            // weights trained on this run's twins would drive a neuron past its limit: refused before
                            // anything was played; the run is left out of the medians and said so
                            System.err.println("spinloop benchmark chip: " + m.name() + ", run " + (r + 1) + ": "
                                    + e.getMessage());
                            refused++;
                            ops[r] = lists[r] = pts[r] = secs[r] = benchMin[r] = Double.NaN;
                            if (m == modes.get(0)) {
                                passMin[r] = passTrips[r] = chipAcc[r] = twinAcc[r] = Double.NaN;
                            }
                            continue;
                        }
                        secs[r] = (System.nanoTime() - t0) * 1e-9;
                        benchMin[r] = (benchTime(emulator) - b0) / 60;
                        ops[r] = trips.operations();
                        lists[r] = trips.lists();
                        pts[r] = trips.listPoints();
                        if (m == modes.get(0)) {
                            trips.reset();
                            double p0 = benchTime(emulator);
                            chipAcc[r] = accuracyOrNmse(objective.test(w, neurons));
                            passMin[r] = (benchTime(emulator) - p0) / 60;
                            passTrips[r] = trips.operations();
                            twinAcc[r] = accuracyOrNmse(objective.test(w, new TwinNeurons(s.twins(), s.driveMap(),
                                    false, 0)));
                        }
                    }
                    if (m == modes.get(0)) {
                        batchTrips = median(ops);
                    }
                    System.out.printf("| %s | %.0f | %.0f | %.0f | %.2f | %.2f |%s%n", m.name(), median(ops),
                            median(lists), median(pts), median(benchMin), median(secs), refused == 0 ? ""
                                    : " (" + refused + " of " + runs + " runs refused before touching the bench: a "
                                            + "drive past the limit)");
                }
            } finally {
                chip.makeSafe();
            }
            System.out.printf("test pass (batch lists, after each epoch): bench time %.2f min, %.0f round trips; test "
                            + "%s on the chip %.4f, on the twins %.4f (medians)%n", median(passMin), median(passTrips),
                    work.figure(), median(chipAcc), median(twinAcc));
            return new PaceFigures(name, batchTrips, median(passMin), median(chipAcc), median(twinAcc));
        }
    }

    /** The emulator's virtual clock, s (NaN on a real bench: there the wall time is the bench time). */
    private static double benchTime(EmulatedBench emulator) {
        return emulator == null ? Double.NaN : emulator.benchTimeS();
    }

    /** The classifier's accuracy, or the forecast's MSE. */
    private static double accuracyOrNmse(ChipObjective.TestFigures f) {
        return f.accuracy() != null ? f.accuracy() : f.mse();
    }

    private static Workload forecast(ChipExperiment.Options o) {
        ForecastTask.Split data = o.task();
        return new Workload() {
            @Override
            public String describe(ChipSetup s) {
                int points = (data.train().windows() + data.test().windows()) * o.steps() * o.neurons();
                return String.format("Mackey-Glass: one epoch = %d training windows + %d test windows of %d steps, %d "
                        + "neurons on %d devices (%d neuron evaluations)", data.train().windows(),
                        data.test().windows(), o.steps(), o.neurons(), s.channels().size(), points);
            }

            @Override
            public ChipObjective objective(ChipSetup s, boolean recurrent) {
                return ChipObjective.forecast(ChipExperiment.network(s, o), data.train(), data.test());
            }

            @Override
            public NetworkWeights start(ChipSetup s, boolean recurrent, long seed) {
                NetworkWeights w = ChipExperiment.inWindow(s, o, NetworkWeights.random(o.neurons(), o.taps(),
                        recurrent, 0.6, 0.3, seed), data.train());
                ChipExperiment.fitReadout(ChipExperiment.network(s, o), w, data.train(),
                        new TwinNeurons(s.twins(), s.driveMap(), false, 0));
                return w;
            }

            @Override
            public int batch() {
                return o.batch();
            }

            @Override
            public String figure() {
                return "MSE";
            }

            @Override
            public double learningRate() {
                return o.chipLearningRate();
            }
        };
    }

    private Workload digits() {
        DigitsExperiment.Plan ff = quick ? DigitsExperiment.Plan.quick(6, false) : DigitsExperiment.Plan.full(6, false);
        DigitsExperiment.Plan rec = quick ? DigitsExperiment.Plan.quick(6, true) : DigitsExperiment.Plan.full(6, true);
        DigitsExperiment.Data data = DigitsExperiment.data(ff);
        return new Workload() {
            @Override
            public String describe(ChipSetup s) {
                int points = (data.train().size() + data.test().size()) * ff.rows() * ff.neurons();
                return String.format("sequential digits: one epoch = %d training + %d test images of %d rows, %d "
                        + "neurons on %d devices (%d neuron evaluations)", data.train().size(), data.test().size(),
                        ff.rows(), ff.neurons(), s.channels().size(), points);
            }

            @Override
            public ChipObjective objective(ChipSetup s, boolean recurrent) {
                DigitsExperiment.Plan p = recurrent ? rec : ff;
                return ChipObjective.classifier(DigitsExperiment.network(s, p), data.train(), data.test());
            }

            @Override
            public NetworkWeights start(ChipSetup s, boolean recurrent, long seed) {
                DigitsExperiment.Plan p = recurrent ? rec : ff;
                NetworkWeights w = DigitsExperiment.start(s, p, data.train(), seed);
                DigitsExperiment.network(s, p).fitReadout(w, data.train(),
                        new TwinNeurons(s.twins(), s.driveMap(), false, 0), p.ridge());
                return w;
            }

            @Override
            public int batch() {
                return ff.batch();
            }

            @Override
            public double learningRate() {
                return ff.chipLearningRate();
            }
        };
    }

    /** The setup's channels, counting into {@code trips}. */
    private static List<io.spinloop.lab.chip.ChipChannel> countingChannels(ChipSetup s, RoundTrips trips) {
        return s.channels().stream().map(c -> c.countingInto(trips)).toList();
    }

    /** The median of the numbers in {@code v} (NaN, a run left out, is skipped; all NaN gives NaN). */
    private static double median(double[] v) {
        double[] c = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
        if (c.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    }
}
