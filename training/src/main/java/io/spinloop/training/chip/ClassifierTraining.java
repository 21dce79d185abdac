package io.spinloop.training.chip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Training loops of a {@link SequenceClassifier}: off-chip on twin neurons (deterministic or noise-aware, judged
 * on the deterministic twin after each epoch), and chip-in-the-loop (forward on the chip, backward through the
 * twin's slopes at the drives the chip received, judged on the chip). Mini-batches, Adam on the host and the
 * learning-rate decay of the forecast's loops ({@link TwinTraining}, {@link ChipTraining}); each epoch's batch
 * order depends only on the seed and the epoch.
 */
public final class ClassifierTraining {

    /** Settings of one run. */
    public record Settings(int epochs, int batch, double learningRate, double clip, long seed) {
    }

    /**
     * One epoch: mean training loss, and the test score where the loop judges it (deterministic twin or chip),
     * with the instrument cost of the epoch (zero on twins).
     */
    public record Epoch(int epoch, double trainLoss, double testAccuracy, double testCrossEntropy, long roundTrips,
                        long listPoints, double seconds) {
    }

    private ClassifierTraining() {
    }

    /** Off-chip: BPTT on {@code trainingBank}'s neurons, test score on {@code judgeBank}'s after every epoch. */
    public static List<Epoch> onTwin(SequenceClassifier net, NetworkWeights w, DigitRows train, DigitRows test,
                                     NeuronBank trainingBank, NeuronBank judgeBank, Settings s,
                                     Consumer<Epoch> progress) {
        return run(net, w, train, test, trainingBank, judgeBank, null, s, progress);
    }

    /**
     * Chip-in-the-loop: every forward pass (training batches and the test pass) on {@code chip}, whose trace
     * carries the twin's slopes at the drives it applied; {@code trips} counts the instrument cost per epoch.
     */
    public static List<Epoch> onChip(SequenceClassifier net, NetworkWeights w, DigitRows train, DigitRows test,
                                     NeuronBank chip, RoundTrips trips, Settings s, Consumer<Epoch> progress) {
        return run(net, w, train, test, chip, chip, trips, s, progress);
    }

    private static List<Epoch> run(SequenceClassifier net, NetworkWeights w, DigitRows train, DigitRows test,
                                   NeuronBank trainingBank, NeuronBank judgeBank, RoundTrips trips, Settings s,
                                   Consumer<Epoch> progress) {
        WeightOptimizer opt = new WeightOptimizer(w.values.length, s.clip());
        List<Epoch> curve = new ArrayList<>();
        int n = train.size();
        for (int e = 1; e <= s.epochs(); e++) {
            long t0 = System.nanoTime();
            long ops0 = trips == null ? 0 : trips.operations();
            long pts0 = trips == null ? 0 : trips.listPoints();
            int[] perm = TwinTraining.permutation(n, new SplittableRandom(s.seed() * 1_000_003L + e));
            double lr = s.learningRate() / (1 + (e - 1) / 20.0);
            double sum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += s.batch()) {
                DigitRows batch = train.select(Arrays.copyOfRange(perm, from, Math.min(n, from + s.batch())));
                QuasiStaticNetwork.Trace tr = net.forward(w, batch, trainingBank, false);
                sum += net.loss(tr, batch);
                batches++;
                opt.step(w, net.gradient(w, batch, tr), lr);
            }
            SequenceClassifier.Score score = net.score(w, test, judgeBank);
            Epoch ep = new Epoch(e, sum / batches, score.accuracy(), score.crossEntropy(),
                    trips == null ? 0 : trips.operations() - ops0, trips == null ? 0 : trips.listPoints() - pts0,
                    (System.nanoTime() - t0) * 1e-9);
            curve.add(ep);
            if (progress != null) {
                progress.accept(ep);
            }
        }
        return curve;
    }
}
