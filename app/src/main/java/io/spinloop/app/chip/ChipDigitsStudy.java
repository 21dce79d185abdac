package io.spinloop.app.chip;

import io.spinloop.lab.chip.ListPace;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipObjective;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.training.chip.SequenceClassifier;
import java.util.List;

/**
 * The runs of {@code spinloop study chip-digits}: the bench's devices calibrated as neurons, then for each seed the
 * row classifier trained deterministically and noise-aware on the twins, both deployed on the chip (one whose
 * devices moved by {@code mismatch} after the twins were fitted, if asked), the noise-aware one fine-tuned
 * chip-in-the-loop, and the reservoir (random input layer on the chip, readout fitted to chip readings). Progress
 * goes to standard error.
 */
final class ChipDigitsStudy {
    /** The network kinds, rows of the result. */
    static final String[] ROWS = {"twin-trained, deterministic", "twin-trained, noise-aware",
        "noise-aware + chip-in-the-loop", "reservoir on the chip (readout only)"};

    /**
     * Test accuracy of each row and seed on the deterministic twin, the twin with noise and the chip; what one pass
     * over the test set cost on the chip (round trips, lists, list points); the last chip-in-the-loop epoch's wall
     * time (NaN if none); the calibrated list point period; the devices.
     */
    record Result(double[][] twin, double[][] noisyTwin, double[][] chip, long[] testCost, double chipEpochSeconds,
            double pointPeriodS, int devices) {
    }

    private final DigitsExperiment.Plan p;
    private final ChipExperiment.Options o;
    private final DigitsExperiment.Data data;
    private final int seeds;

    ChipDigitsStudy(DigitsExperiment.Plan p, ChipExperiment.Options o, DigitsExperiment.Data data, int seeds) {
        this.p = p;
        this.o = o;
        this.data = data;
        this.seeds = seeds;
    }

    /**
     * Calibrates on the bench of {@code loaded} at {@code pace}; deploys on it, or on its devices moved by
     * {@code mismatch} (> 0), which replay the calibration's pace.
     */
    Result run(LoadedLabConfig loaded, double mismatch, ListPace pace) throws Exception {
        Result r = new Result(new double[ROWS.length][seeds], new double[ROWS.length][seeds],
                new double[ROWS.length][seeds], new long[3], Double.NaN, 0, 0);
        RoundTrips trips = new RoundTrips();
        try (ChipBench bench = ChipBench.open(loaded);
             ChipExperiment.Calibrated cal = ChipExperiment.calibrate(bench, o, trips, System.err::println, null,
                     null, pace);
             ChipBench moved = mismatch > 0 ? ChipBench.open(ConfigVariants.withMismatch(loaded, mismatch)) : null;
             ChipSetup movedSetup = moved == null ? null : ChipSetup.reuse(cal.setup(), moved::open, trips,
                     System.err::println)) {
            ChipSetup s = cal.setup();
            if (movedSetup != null) {
                s.makeSafe(); // the calibrated bench is done; the network runs on the moved one
            }
            ChipSetup deployed = movedSetup == null ? s : movedSetup;
            SequenceClassifier net = DigitsExperiment.network(s, p);
            double chipEpochSeconds = Double.NaN;
            try {
                for (int k = 0; k < seeds; k++) {
                    chipEpochSeconds = oneSeed(s, net, deployed.neurons(), trips, k, r, chipEpochSeconds);
                }
            } finally {
                deployed.makeSafe();
            }
            return new Result(r.twin(), r.noisyTwin(), r.chip(), r.testCost(), chipEpochSeconds,
                    s.calibrations().get(0).settings().pointPeriodS(), s.channels().size());
        }
    }

    /** Seed {@code 100 + k}: the four networks into column k of {@code r}; the last chip epoch's seconds. */
    private double oneSeed(ChipSetup s, SequenceClassifier net, ChipNeurons chip, RoundTrips trips, int k, Result r,
            double chipEpochSeconds) {
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
            score(s, w, seed, r, m, k);
            long ops0 = trips.operations();
            long lists0 = trips.lists();
            long pts0 = trips.listPoints();
            r.chip()[m][k] = net.score(w, data.test(), chip).accuracy();
            r.testCost()[0] = trips.operations() - ops0;
            r.testCost()[1] = trips.lists() - lists0;
            r.testCost()[2] = trips.listPoints() - pts0;
            System.err.printf("seed %d %-13s twin %.4f  noisy twin %.4f  chip %.4f%n", seed, kind,
                    r.twin()[m][k], r.noisyTwin()[m][k], r.chip()[m][k]);
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
                r.chip()[2][k] = curve.isEmpty() ? r.chip()[1][k] : curve.get(curve.size() - 1).testAccuracy();
                score(s, w, seed, r, 2, k);
                if (!curve.isEmpty()) {
                    chipEpochSeconds = curve.get(curve.size() - 1).seconds();
                }
            }
        }
        NetworkWeights reservoir = start.copy();
        net.fitReadout(reservoir, data.train(), chip, p.ridge());
        r.chip()[3][k] = net.score(reservoir, data.test(), chip).accuracy();
        score(s, reservoir, seed, r, 3, k);
        System.err.printf("seed %d reservoir on the chip %.4f%n", seed, r.chip()[3][k]);
        return chipEpochSeconds;
    }

    /** Row {@code row}, seed column {@code k}: accuracy on the deterministic twin and on the twin with noise. */
    private void score(ChipSetup s, NetworkWeights w, long seed, Result r, int row, int k) {
        r.twin()[row][k] = DigitsExperiment.onTwin(s, p, w, data.test(), false, 0);
        r.noisyTwin()[row][k] = DigitsExperiment.onTwin(s, p, w, data.test(), true, seed);
    }
}
