package io.spinloop.app.chip;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.config.Limits;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ClassifierTraining;
import io.spinloop.training.chip.DigitRows;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.training.chip.SequenceClassifier;
import io.spinloop.training.chip.TwinNeurons;
import io.spinloop.training.data.DigitsDataset;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.mackeyglass.RidgeReadout;
import java.util.function.Consumer;

/**
 * The steps the sequential-digits commands share: the data as the bench plays it (8×8 images as 8 rows), the
 * bench-sized row classifier ({@link SequenceClassifier}) on the twins of a calibrated bench, its start and its
 * training, and the linear baseline a lab compares against.
 */
public final class DigitsExperiment {

    /**
     * Sizes and learning settings.
     *
     * @param neurons    hidden neurons, time-multiplexed over the bench's devices
     * @param recurrent  host-side recurrence between rows (runs by stepping)
     * @param rows       time steps per image (8: one row of 8 pixels per step)
     * @param splitSeed  the 50:50 train/test split of the 1797 images (the training core's default, 0)
     * @param trainLimit first N training images only (0: all)
     * @param testLimit  first N test images only (0: all)
     * @param inputScale input weights start uniform in ±inputScale/√inputs, then scaled into the windows
     * @param ridge      ridge penalty of the readout fitted before gradient training (and of the baselines)
     */
    public record Plan(int neurons, boolean recurrent, int rows, long splitSeed, int trainLimit, int testLimit,
                       int epochs, int chipEpochs, int batch, double learningRate, double chipLearningRate,
                       double drivePenalty, double inputScale, double ridge) {

        public Plan {
            if (neurons < 1 || rows < 1 || epochs < 0 || chipEpochs < 0 || batch < 1 || trainLimit < 0
                    || testLimit < 0) {
                throw new IllegalArgumentException("digits plan: neurons, rows and batch must be 1 or more, epochs "
                        + "and limits 0 or more");
            }
        }

        /** The full run: all 899 training and 898 test images, 60 epochs on the twin, 2 on the chip. */
        public static Plan full(int neurons, boolean recurrent) {
            return new Plan(neurons, recurrent, 8, 0, 0, 0, 60, 2, 20, 0.02, 0.005, 10.0, 1.0, 1e-2);
        }

        /** A smoke run: 60 training and 40 test images, 3 epochs on the twin, 1 on the chip. */
        public static Plan quick(int neurons, boolean recurrent) {
            return new Plan(neurons, recurrent, 8, 0, 60, 40, 3, 1, 20, 0.02, 0.005, 10.0, 1.0, 1e-2);
        }

        /**
         * Memory of training this plan, in long arithmetic (a --neurons given on a command line can be absurd):
         * the weights (input, recurrent, per-row readout) about six times over (value, gradient, Adam's moments, the
         * start and the best), and every neuron's reading of every row of every image three times (twin, gradient,
         * chip).
         */
        public long estimatedBytes() {
            long n = neurons;
            long width = 8;
            long classes = 10;
            long weights = Limits.saturatedSum(Limits.saturatedProduct(n, Limits.saturatedSum(width, 1,
                    recurrent ? n : 0)), Limits.saturatedProduct(classes, Limits.saturatedSum(
                    Limits.saturatedProduct(rows, n), 1)));
            long images = 1797;
            return Limits.saturatedSum(Limits.saturatedProduct(weights, 8, 6),
                    Limits.saturatedProduct(images, rows, n, 8, 3));
        }

        /** Refuses, naming {@code sizedBy} (the options that size it), a plan the JVM cannot hold. */
        public void checkSize(String sizedBy) {
            OptionChecks.memory(sizedBy, estimatedBytes());
        }

        public Plan withEpochs(int twinEpochs, int chip) {
            return new Plan(neurons, recurrent, rows, splitSeed, trainLimit, testLimit, twinEpochs, chip, batch,
                    learningRate, chipLearningRate, drivePenalty, inputScale, ridge);
        }
    }

    /** The images as the bench plays them, and the split they came from. */
    public record Data(DigitRows train, DigitRows test, SequenceDataset rawTrain, SequenceDataset rawTest) {
    }

    private DigitsExperiment() {
    }

    public static Data data(Plan p) {
        SequenceDataset.Split split = DigitsDataset.load().split(0.5, p.splitSeed());
        SequenceDataset tr = p.trainLimit() > 0 ? split.train().head(p.trainLimit()) : split.train();
        SequenceDataset te = p.testLimit() > 0 ? split.test().head(p.testLimit()) : split.test();
        return new Data(DigitRows.of(tr, p.rows()), DigitRows.of(te, p.rows()), tr, te);
    }

    public static SequenceClassifier network(ChipSetup s, Plan p) {
        return new SequenceClassifier(s.driveMap(), p.drivePenalty());
    }

    /**
     * The random input layer of seed {@code seed}, scaled so that no training image drives a neuron outside its
     * window (the gain a lab would choose for a reservoir, and a start deployment never refuses); readout zero.
     */
    public static NetworkWeights start(ChipSetup s, Plan p, DigitRows train, long seed) {
        NetworkWeights w = NetworkWeights.classifier(p.neurons(), train.width(), p.recurrent(), train.classes(),
                train.steps(), p.inputScale(), p.recurrent() ? 0.5 : 0, seed);
        double max = network(s, p).forward(w, train, new TwinNeurons(s.twins(), s.driveMap(), false, 0), false)
                .maxAbsPreActivation();
        return max > 1 ? w.scaledDrive(1 / max) : w;
    }

    /**
     * Trains from {@code start} on the twins: the readout fitted by ridge on the twin's activations (with their
     * noise sampled if noise-aware), then BPTT for {@link Plan#epochs()}.
     */
    public static NetworkWeights trainOnTwin(ChipSetup s, Plan p, Data d, NetworkWeights start, boolean noiseAware,
                                             long seed, Consumer<ClassifierTraining.Epoch> progress) {
        SequenceClassifier net = network(s, p);
        NetworkWeights w = start.copy();
        TwinNeurons trainingBank = new TwinNeurons(s.twins(), s.driveMap(), noiseAware, seed * 31 + 7);
        net.fitReadout(w, d.train(), trainingBank, p.ridge());
        ClassifierTraining.onTwin(net, w, d.train(), d.test(), trainingBank,
                new TwinNeurons(s.twins(), s.driveMap(), false, 0),
                new ClassifierTraining.Settings(p.epochs(), p.batch(), p.learningRate(), 1.0, seed), progress);
        return w;
    }

    /** Test accuracy on the twins: deterministic, or with their noise sampled ({@code noiseSeed}). */
    public static double onTwin(ChipSetup s, Plan p, NetworkWeights w, DigitRows test, boolean noisy, long noiseSeed) {
        return network(s, p).score(w, test, new TwinNeurons(s.twins(), s.driveMap(), noisy, noiseSeed)).accuracy();
    }

    /** Ridge regression of one-hot targets on the raw pixels: what a linear classifier gets with no neurons. */
    public static double pixelBaseline(Data d, double ridge) {
        SequenceDataset tr = d.rawTrain();
        SequenceDataset te = d.rawTest();
        RidgeReadout[] rr = RidgeReadout.fitEach(tr.sequences(), SequenceClassifier.oneHot(tr.labels(), tr.classes()),
                ridge);
        double[][] scores = new double[te.size()][tr.classes()];
        for (int c = 0; c < tr.classes(); c++) {
            for (int i = 0; i < te.size(); i++) {
                scores[i][c] = rr[c].predict(te.sequences()[i]);
            }
        }
        return SequenceClassifier.accuracy(scores, te.labels());
    }
}
