package io.spinloop.training.chip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Off-chip training of a {@link SequenceClassifier} on twin neurons: deterministic or noise-aware, judged on the
 * deterministic twin after each epoch. Mini-batches, Adam on the host and the learning-rate decay of the
 * forecast's loop ({@link TwinTraining}); each epoch's batch order depends only on the seed and the epoch.
 * Chip-in-the-loop training of the classifier is {@link ChipTraining} with {@link ChipObjective#classifier}.
 */
public final class ClassifierTraining {

    /** Settings of one run. */
    public record Settings(int epochs, int batch, double learningRate, double clip, long seed) {
    }

    /** One epoch: mean training loss, test accuracy and cross-entropy on the judging twin. */
    public record Epoch(int epoch, double trainLoss, double testAccuracy, double testCrossEntropy) {
    }

    private ClassifierTraining() {
    }

    /** BPTT on {@code trainingBank}'s neurons, test score on {@code judgeBank}'s after every epoch. */
    public static List<Epoch> onTwin(SequenceClassifier net, NetworkWeights w, DigitRows train, DigitRows test,
                                     NeuronBank trainingBank, NeuronBank judgeBank, Settings s,
                                     Consumer<Epoch> progress) {
        WeightOptimizer opt = new WeightOptimizer(w.values.length, s.clip());
        List<Epoch> curve = new ArrayList<>();
        int n = train.size();
        for (int e = 1; e <= s.epochs(); e++) {
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
            Epoch ep = new Epoch(e, sum / batches, score.accuracy(), score.crossEntropy());
            curve.add(ep);
            if (progress != null) {
                progress.accept(ep);
            }
        }
        return curve;
    }
}
