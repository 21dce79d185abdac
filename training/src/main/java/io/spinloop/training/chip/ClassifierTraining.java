package io.spinloop.training.chip;

import io.spinloop.training.loop.EpochTotals;
import io.spinloop.training.loop.TrainingLoop;
import java.util.List;
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
        TrainingLoop.Task<Epoch> task = new TrainingLoop.Task<>() {
            @Override
            public int examples() {
                return train.size();
            }

            @Override
            public void trainBatch(TrainingLoop.Batch batch, EpochTotals totals) {
                DigitRows b = train.select(batch.indices());
                QuasiStaticNetwork.Trace tr = net.forward(w, b, trainingBank, false);
                totals.addLoss(net.loss(tr, b));
                opt.step(w, net.gradient(w, b, tr), batch.learningRate());
            }

            @Override
            public Epoch endEpoch(int epoch, EpochTotals totals) {
                SequenceClassifier.Score score = net.score(w, test, judgeBank);
                return new Epoch(epoch + 1, totals.meanPerBatch(), score.accuracy(), score.crossEntropy());
            }
        };
        return new TrainingLoop<>(task, s.batch(), ChipTraining.order(s.seed()), TwinTraining.hostDecay(s.learningRate()))
                .run(TrainingLoop.Start.at(0), s.epochs(), TrainingLoop.Listener.ofEpochs(progress));
    }
}
