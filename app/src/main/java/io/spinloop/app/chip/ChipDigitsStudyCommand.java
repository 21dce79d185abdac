package io.spinloop.app.chip;

import io.spinloop.app.config.LabConfigLoader;
import io.spinloop.app.config.LoadedLabConfig;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ClassifierTraining;
import io.spinloop.training.chip.DigitRows;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.training.chip.RoundTrips;
import io.spinloop.training.chip.SequenceClassifier;
import io.spinloop.training.chip.TwinNeurons;
import io.spinloop.training.data.DigitsDataset;
import io.spinloop.training.data.SequenceDataset;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop study chip-digits}: sequential digits on the bench. Calibrates the bench's devices as neurons
 * (twins), trains the bench-sized row classifier ({@link SequenceClassifier}) deterministically and noise-aware on
 * the twins, deploys both on the chip, fine-tunes the noise-aware one chip-in-the-loop, and compares with the
 * reservoir a lab would run (the same random input layer on the chip, only the readout fitted to chip readings)
 * and with a linear readout of the raw pixels. Test accuracy, median and range over seeds, and the instrument
 * cost of one pass over the test set.
 */
@Command(name = "chip-digits", mixinStandardHelpOptions = true,
        description = "Sequential digits on the bench: twin-trained (deterministic, noise-aware), deployed, "
                + "chip-in-the-loop, against a reservoir on the chip.")
public final class ChipDigitsStudyCommand implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "lab-configs/emulated-bench.yaml", description = "lab-config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--seeds", defaultValue = "3", description = "training seeds (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--neurons", defaultValue = "6", description = "hidden neurons, time-multiplexed over the devices (default: ${DEFAULT-VALUE})")
    int neurons;

    @Option(names = "--recurrent", description = "add host-side recurrence between rows (runs by stepping)")
    boolean recurrent;

    @Option(names = "--epochs", defaultValue = "60", description = "training epochs on the twin (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--chip-epochs", defaultValue = "2", description = "chip-in-the-loop epochs (default: ${DEFAULT-VALUE})")
    int chipEpochs;

    @Option(names = "--train-limit", defaultValue = "0", description = "use only the first N training images (0: all)")
    int trainLimit;

    @Option(names = "--test-limit", defaultValue = "0", description = "use only the first N test images (0: all)")
    int testLimit;

    @Option(names = "--twin", defaultValue = "response", paramLabel = "sde|response",
            description = "twin the network trains on (default: ${DEFAULT-VALUE})")
    String twin;

    @Option(names = "--mismatch", defaultValue = "0", description = "deploy on a chip whose devices' threshold and "
            + "Q moved by this relative amount (alternating signs) after the twins were fitted (default: ${DEFAULT-VALUE})")
    double mismatch;

    @Option(names = "--quick", description = "small sizes (a smoke run)")
    boolean quick;

    /** Sizes and learning settings of the study (the full run's unless {@code --quick}). */
    record Plan(int epochs, int chipEpochs, int batch, double learningRate, double chipLearningRate,
                double drivePenalty, double inputScale, double ridge, int trainLimit, int testLimit) {
    }

    Plan plan() {
        return quick ? new Plan(3, Math.min(chipEpochs, 1), 20, 0.02, 0.005, 10.0, 1.0, 1e-2, 60, 40)
                : new Plan(epochs, chipEpochs, 20, 0.02, 0.005, 10.0, 1.0, 1e-2, trainLimit, testLimit);
    }

    @Override
    public Integer call() throws Exception {
        if (seeds < 1 || neurons < 1 || epochs < 0 || chipEpochs < 0) {
            throw new IllegalArgumentException("--seeds and --neurons must be 1 or more, --epochs and --chip-epochs 0 or more");
        }
        Plan p = plan();
        LoadedLabConfig loaded = LabConfigLoader.load(config);
        ChipExperiment.Options o = (quick ? ChipExperiment.Options.quick(1) : ChipExperiment.Options.full(1))
                .withTwin(ChipExperiment.twinKind(twin, "--twin"));
        SequenceDataset.Split split = DigitsDataset.load().split(0.5, 0);
        DigitRows train = DigitRows.of(limit(split.train(), p.trainLimit()), 8);
        DigitRows test = DigitRows.of(limit(split.test(), p.testLimit()), 8);
        String[] rows = {"twin-trained, deterministic", "twin-trained, noise-aware", "noise-aware + chip-in-the-loop",
                "reservoir on the chip (readout only)"};
        double[][] twinAcc = new double[rows.length][seeds];
        double[][] noisyAcc = new double[rows.length][seeds];
        double[][] chipAcc = new double[rows.length][seeds];
        RoundTrips trips = new RoundTrips();
        long[] testCost = new long[3];
        double chipEpochSeconds = Double.NaN;
        if (!(mismatch >= 0 && mismatch < 1)) {
            throw new IllegalArgumentException("--mismatch: expected a relative change in [0, 1), got " + mismatch);
        }
        try (ChipBench bench = ChipBench.open(loaded);
             ChipExperiment.Calibrated cal = ChipExperiment.calibrate(bench, o, trips, System.err::println, null,
                     null);
             ChipBench moved = mismatch > 0 ? ChipBench.open(ConfigVariants.withMismatch(loaded, mismatch)) : null;
             ChipSetup movedSetup = moved == null ? null : ChipSetup.reuse(cal.setup(), moved::open, trips,
                     System.err::println)) {
            ChipSetup s = cal.setup();
            if (movedSetup != null) {
                s.makeSafe(); // the calibrated bench is done; the network runs on the moved one
            }
            ChipSetup deployed = movedSetup == null ? s : movedSetup;
            ChipNeurons chip = deployed.neurons();
            SequenceClassifier net = new SequenceClassifier(s.driveMap(), p.drivePenalty());
            TwinNeurons detTwin = new TwinNeurons(s.twins(), s.driveMap(), false, 0);
            try {
                for (int k = 0; k < seeds; k++) {
                    long seed = 100 + k;
                    NetworkWeights start = start(s, net, train, seed, p);
                    for (int m = 0; m < 2; m++) {
                        boolean noiseAware = m == 1;
                        NetworkWeights w = start.copy();
                        TwinNeurons trainingBank = new TwinNeurons(s.twins(), s.driveMap(), noiseAware, seed * 31 + 7);
                        net.fitReadout(w, train, noiseAware ? trainingBank : detTwin, p.ridge());
                        String kind = noiseAware ? "noise-aware" : "deterministic";
                        ClassifierTraining.onTwin(net, w, train, test, trainingBank, detTwin,
                                new ClassifierTraining.Settings(p.epochs(), p.batch(), p.learningRate(), 1.0, seed),
                                e -> {
                                    if (e.epoch() % 10 == 0 || e.epoch() == p.epochs()) {
                                        System.err.printf("  seed %d %s on the twin, epoch %d: train loss %.4f, test "
                                                + "accuracy %.4f%n", seed, kind, e.epoch(), e.trainLoss(),
                                                e.testAccuracy());
                                    }
                                });
                        twinAcc[m][k] = net.score(w, test, detTwin).accuracy();
                        noisyAcc[m][k] = net.score(w, test, new TwinNeurons(s.twins(), s.driveMap(), true, seed))
                                .accuracy();
                        long ops0 = trips.operations();
                        long lists0 = trips.lists();
                        long pts0 = trips.listPoints();
                        chipAcc[m][k] = net.score(w, test, chip).accuracy();
                        testCost[0] = trips.operations() - ops0;
                        testCost[1] = trips.lists() - lists0;
                        testCost[2] = trips.listPoints() - pts0;
                        System.err.printf("seed %d %-13s twin %.4f  noisy twin %.4f  chip %.4f%n", seed,
                                kind, twinAcc[m][k], noisyAcc[m][k],
                                chipAcc[m][k]);
                        if (noiseAware) {
                            List<ClassifierTraining.Epoch> curve = ClassifierTraining.onChip(net, w, train, test, chip,
                                    trips, new ClassifierTraining.Settings(p.chipEpochs(), p.batch(),
                                            p.chipLearningRate(), 1.0, seed), e -> System.err.printf(
                                            "  chip epoch %d: train loss %.4f, chip test accuracy %.4f, %d round trips, "
                                                    + "%d list points, %.1f s%n", e.epoch(), e.trainLoss(),
                                            e.testAccuracy(), e.roundTrips(), e.listPoints(), e.seconds()));
                            chipAcc[2][k] = curve.isEmpty() ? chipAcc[1][k] : curve.get(curve.size() - 1).testAccuracy();
                            twinAcc[2][k] = net.score(w, test, detTwin).accuracy();
                            noisyAcc[2][k] = net.score(w, test, new TwinNeurons(s.twins(), s.driveMap(), true, seed))
                                    .accuracy();
                            if (!curve.isEmpty()) {
                                chipEpochSeconds = curve.get(curve.size() - 1).seconds();
                            }
                        }
                    }
                    NetworkWeights reservoir = start.copy();
                    net.fitReadout(reservoir, train, chip, p.ridge());
                    chipAcc[3][k] = net.score(reservoir, test, chip).accuracy();
                    twinAcc[3][k] = net.score(reservoir, test, detTwin).accuracy();
                    noisyAcc[3][k] = net.score(reservoir, test, new TwinNeurons(s.twins(), s.driveMap(), true, seed))
                            .accuracy();
                    System.err.printf("seed %d reservoir on the chip %.4f%n", seed, chipAcc[3][k]);
                }
            } finally {
                deployed.makeSafe();
            }
            double pointPeriod = s.calibrations().get(0).settings().pointPeriodS();
            System.out.printf("Sequential digits on the bench (%s twins): 8x8 images as 8 rows of 8 pixels, %d %s "
                            + "neurons time-multiplexed over %d devices, readout of all 8 steps' readings; %d training "
                            + "and %d test images; test accuracy, median [min, max] over %d seeds%s%n",
                    twin, neurons, recurrent ? "recurrent" : "feed-forward", s.channels().size(), train.size(),
                    test.size(), seeds, mismatch > 0 ? String.format("; chip devices' threshold and Q moved by ±%.0f %% "
                            + "after the twins were fitted", 100 * mismatch) : "");
            System.out.println("| network | deterministic twin | twin with noise | emulated chip |");
            System.out.println("|---|---|---|---|");
            for (int m = 0; m < rows.length; m++) {
                System.out.printf("| %s | %s | %s | %s |%n", rows[m], Spread.of(twinAcc[m]).format(),
                        Spread.of(noisyAcc[m]).format(), Spread.of(chipAcc[m]).format());
            }
            System.out.printf("baseline: linear readout (ridge) of the 64 raw pixels %.4f%n", pixelBaseline(split,
                    p.trainLimit(), p.testLimit(), p.ridge()));
            System.out.printf("one pass over the %d test images on the chip: %d round trips, %d lists, %d list points "
                            + "(%.1f min of bench time at the measured %.1f ms per point)%s%n", test.size(), testCost[0],
                    testCost[1], testCost[2], testCost[2] * pointPeriod / 60, pointPeriod * 1e3,
                    Double.isNaN(chipEpochSeconds) ? "" : String.format("; last chip-in-the-loop epoch %.1f s wall "
                            + "time on the emulator", chipEpochSeconds));
        }
        return 0;
    }

    /** Random input layer, scaled so no training image drives a neuron outside its window. */
    private NetworkWeights start(ChipSetup s, SequenceClassifier net, DigitRows train, long seed, Plan p) {
        NetworkWeights w = NetworkWeights.classifier(neurons, train.width(), recurrent, train.classes(), train.steps(),
                p.inputScale(), recurrent ? 0.5 : 0, seed);
        var tr = net.forward(w, train, new TwinNeurons(s.twins(), s.driveMap(), false, 0), false);
        double max = 0;
        for (double[][] step : tr.pre()) {
            for (double[] row : step) {
                for (double a : row) {
                    max = Math.max(max, Math.abs(a));
                }
            }
        }
        return max > 1 ? w.scaledDrive(1 / max) : w;
    }

    private static SequenceDataset limit(SequenceDataset d, int n) {
        return n > 0 ? d.head(n) : d;
    }

    /** Ridge regression of one-hot targets on the raw pixels: what a linear classifier gets with no neurons. */
    static double pixelBaseline(SequenceDataset.Split split, int trainLimit, int testLimit, double ridge) {
        SequenceDataset tr = limit(split.train(), trainLimit);
        SequenceDataset te = limit(split.test(), testLimit);
        double[][] scores = new double[te.size()][tr.classes()];
        for (int c = 0; c < tr.classes(); c++) {
            double[] y = new double[tr.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = tr.labels()[i] == c ? 1 : 0;
            }
            var rr = io.spinloop.training.mackeyglass.RidgeReadout.fit(tr.sequences(), y, ridge);
            for (int i = 0; i < te.size(); i++) {
                scores[i][c] = rr.predict(te.sequences()[i]);
            }
        }
        return SequenceClassifier.accuracy(scores, te.labels());
    }
}
