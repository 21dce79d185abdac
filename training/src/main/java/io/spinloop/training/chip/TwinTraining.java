package io.spinloop.training.chip;

import io.spinloop.autodiff.LearningRateSchedule;
import io.spinloop.training.loop.EpochTotals;
import io.spinloop.training.loop.ExampleOrder;
import io.spinloop.training.loop.TrainingLoop;
import io.spinloop.training.mackeyglass.ForecastError;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Off-chip training on twin neurons in the {@link TrainingLoop}: mini-batch BPTT with Adam, deterministic (twin drift only) or noise-aware
 * (a fresh draw of the twin's noise in every forward pass). After each epoch the test error is measured on the
 * deterministic twin, so both kinds of training are judged alike.
 */
public final class TwinTraining {

    /** Settings of one training run. */
    public record Settings(int epochs, int batch, double learningRate, double clip, long seed) {
    }

    /** One epoch's figures: mean training loss and the test forecast error on the deterministic twin. */
    public record Epoch(int epoch, double trainLoss, ForecastError test) {
    }

    private TwinTraining() {
    }

    public static List<Epoch> train(QuasiStaticNetwork net, NetworkWeights w, ForecastTask train, ForecastTask test,
                                    NeuronBank trainingBank, NeuronBank judgeBank, Settings s,
                                    Consumer<Epoch> progress) {
        WeightOptimizer opt = new WeightOptimizer(w.values.length, s.clip());
        TrainingLoop.Task<Epoch> task = new TrainingLoop.Task<>() {
            @Override
            public int examples() {
                return train.windows();
            }

            @Override
            public void trainBatch(TrainingLoop.Batch batch, EpochTotals totals) {
                ForecastTask b = train.select(batch.indices());
                QuasiStaticNetwork.Trace tr = net.forward(w, b, trainingBank, false);
                totals.addLoss(net.loss(tr, b.targets()));
                opt.step(w, net.gradient(w, b, tr), batch.learningRate());
            }

            @Override
            public Epoch endEpoch(int epoch, EpochTotals totals) {
                return new Epoch(epoch + 1, totals.meanPerBatch(), ForecastEvaluation.evaluate(net, w, test, judgeBank));
            }
        };
        return new TrainingLoop<>(task, s.batch(), ExampleOrder.continuing(new SplittableRandom(s.seed())),
                hostDecay(s.learningRate()))
                .run(TrainingLoop.Start.at(0), s.epochs(), TrainingLoop.Listener.ofEpochs(progress));
    }

    /** The host-side training's learning rate: {@code lr / (1 + epoch / 20)}, epochs from 0. */
    static LearningRateSchedule hostDecay(double learningRate) {
        return LearningRateSchedule.inverseTime(learningRate, 20.0);
    }
}
