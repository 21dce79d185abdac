package io.spinloop.app.chip;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.Limits;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipObjective;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.training.chip.SequenceClassifier;
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
    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml", description = "lab-config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--seeds", defaultValue = "3", description = "training seeds (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--neurons", defaultValue = "6", description = "hidden neurons, time-multiplexed over the devices (default: ${DEFAULT-VALUE})")
    int neurons;

    @Option(names = "--recurrent", description = "add host-side recurrence between rows (runs by stepping)")
    boolean recurrent;

    @Option(names = "--epochs", description = "training epochs on the twin (default: 60, --quick 3)")
    Integer epochs;

    @Option(names = "--chip-epochs", description = "chip-in-the-loop epochs (default: 2, --quick 1)")
    Integer chipEpochs;

    @Option(names = "--twin", defaultValue = "response", paramLabel = "sde|response",
            description = "twin the network trains on (default: ${DEFAULT-VALUE})")
    String twin;

    @Option(names = "--mismatch", defaultValue = "0", description = "deploy on a chip whose devices' threshold and "
            + "Q moved by this relative amount (alternating signs) after the twins were fitted (default: ${DEFAULT-VALUE})")
    double mismatch;

    @Option(names = "--quick", description = "small sizes (a smoke run: 60 training and 40 test images)")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        OptionChecks.runs("--seeds", seeds);
        if (!(mismatch >= 0 && mismatch < 1)) {
            throw new RefusedInputException("--mismatch: expected a relative change in [0, 1), got " + mismatch);
        }
        OptionChecks.atLeast("--neurons", neurons, 1);
        if (epochs != null) {
            OptionChecks.between("--epochs", epochs, 0, Limits.MAX_EPOCHS);
        }
        if (chipEpochs != null) {
            OptionChecks.between("--chip-epochs", chipEpochs, 0, Limits.MAX_EPOCHS);
        }
        DigitsExperiment.Plan base = quick ? DigitsExperiment.Plan.quick(neurons, recurrent)
                : DigitsExperiment.Plan.full(neurons, recurrent);
        DigitsExperiment.Plan p = base.withEpochs(epochs == null ? base.epochs() : epochs,
                chipEpochs == null ? base.chipEpochs() : chipEpochs);
        p.checkSize(OptionChecks.given("--neurons", neurons));
        LoadedLabConfig loaded = LabConfigLoader.load(config);
        ChipExperiment.Options o = (quick ? ChipExperiment.Options.quick(1) : ChipExperiment.Options.full(1))
                .withTwin(ChipExperiment.twinKind(twin, "--twin"));
        DigitsExperiment.Data data = DigitsExperiment.data(p);
        String[] rows = {"twin-trained, deterministic", "twin-trained, noise-aware", "noise-aware + chip-in-the-loop",
                "reservoir on the chip (readout only)"};
        double[][] twinAcc = new double[rows.length][seeds];
        double[][] noisyAcc = new double[rows.length][seeds];
        double[][] chipAcc = new double[rows.length][seeds];
        RoundTrips trips = new RoundTrips();
        long[] testCost = new long[3];
        double chipEpochSeconds = Double.NaN;
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
            SequenceClassifier net = DigitsExperiment.network(s, p);
            try {
                for (int k = 0; k < seeds; k++) {
                    long seed = 100 + k;
                    NetworkWeights start = DigitsExperiment.start(s, p, data.train(), seed);
                    for (int m = 0; m < 2; m++) {
                        boolean noiseAware = m == 1;
                        String kind = noiseAware ? "noise-aware" : "deterministic";
                        NetworkWeights w = DigitsExperiment.trainOnTwin(s, p, data, start, noiseAware, seed, e -> {
                            if (e.epoch() % 10 == 0 || e.epoch() == p.epochs()) {
                                System.err.printf("  seed %d %s on the twin, epoch %d: train loss %.4f, test "
                                        + "accuracy %.4f%n", seed, kind, e.epoch(), e.trainLoss(), e.testAccuracy());
                            }
                        });
                        twinAcc[m][k] = DigitsExperiment.onTwin(s, p, w, data.test(), false, 0);
                        noisyAcc[m][k] = DigitsExperiment.onTwin(s, p, w, data.test(), true, seed);
                        long ops0 = trips.operations();
                        long lists0 = trips.lists();
                        long pts0 = trips.listPoints();
                        chipAcc[m][k] = net.score(w, data.test(), chip).accuracy();
                        testCost[0] = trips.operations() - ops0;
                        testCost[1] = trips.lists() - lists0;
                        testCost[2] = trips.listPoints() - pts0;
                        System.err.printf("seed %d %-13s twin %.4f  noisy twin %.4f  chip %.4f%n", seed, kind,
                                twinAcc[m][k], noisyAcc[m][k], chipAcc[m][k]);
                        if (noiseAware) {
                            List<ChipTraining.Epoch> curve = ChipTraining.train(
                                    ChipObjective.classifier(net, data.train(), data.test()), w, chip, trips,
                                    new ChipTraining.Settings(p.chipEpochs(), p.batch(), p.chipLearningRate(), 1.0,
                                            seed, false), null, new ChipTraining.Listener() {
                                        @Override
                                        public void message(String text) {
                                            System.err.println("  " + text);
                                        }
                                    });
                            chipAcc[2][k] = curve.isEmpty() ? chipAcc[1][k] : curve.get(curve.size() - 1).testAccuracy();
                            twinAcc[2][k] = DigitsExperiment.onTwin(s, p, w, data.test(), false, 0);
                            noisyAcc[2][k] = DigitsExperiment.onTwin(s, p, w, data.test(), true, seed);
                            if (!curve.isEmpty()) {
                                chipEpochSeconds = curve.get(curve.size() - 1).seconds();
                            }
                        }
                    }
                    NetworkWeights reservoir = start.copy();
                    net.fitReadout(reservoir, data.train(), chip, p.ridge());
                    chipAcc[3][k] = net.score(reservoir, data.test(), chip).accuracy();
                    twinAcc[3][k] = DigitsExperiment.onTwin(s, p, reservoir, data.test(), false, 0);
                    noisyAcc[3][k] = DigitsExperiment.onTwin(s, p, reservoir, data.test(), true, seed);
                    System.err.printf("seed %d reservoir on the chip %.4f%n", seed, chipAcc[3][k]);
                }
            } finally {
                deployed.makeSafe();
            }
            double pointPeriod = s.calibrations().get(0).settings().pointPeriodS();
            System.out.printf("Sequential digits on the bench (%s twins): 8x8 images as 8 rows of 8 pixels, %d %s "
                            + "neurons time-multiplexed over %d devices, readout of all 8 steps' readings; %d training "
                            + "and %d test images; test accuracy, median [min, max] over %d seeds%s%n",
                    twin, neurons, recurrent ? "recurrent" : "feed-forward", s.channels().size(), data.train().size(),
                    data.test().size(), seeds, mismatch > 0 ? String.format("; chip devices' threshold and Q moved by "
                            + "±%.0f %% after the twins were fitted", 100 * mismatch) : "");
            System.out.println("| network | deterministic twin | twin with noise | emulated chip |");
            System.out.println("|---|---|---|---|");
            for (int m = 0; m < rows.length; m++) {
                System.out.printf("| %s | %s | %s | %s |%n", rows[m], Spread.of(twinAcc[m]).format(),
                        Spread.of(noisyAcc[m]).format(), Spread.of(chipAcc[m]).format());
            }
            System.out.printf("baseline: linear readout (ridge) of the 64 raw pixels %.4f%n",
                    DigitsExperiment.pixelBaseline(data, p.ridge()));
            System.out.printf("one pass over the %d test images on the chip: %d round trips, %d lists, %d list points "
                            + "(%.1f min of bench time at the measured %.1f ms per point)%s%n", data.test().size(),
                    testCost[0], testCost[1], testCost[2], testCost[2] * pointPeriod / 60, pointPeriod * 1e3,
                    Double.isNaN(chipEpochSeconds) ? "" : String.format("; last chip-in-the-loop epoch %.1f s wall "
                            + "time on the emulator", chipEpochSeconds));
        }
        return 0;
    }
}
