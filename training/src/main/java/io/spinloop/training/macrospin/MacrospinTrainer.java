package io.spinloop.training.macrospin;

import io.spinloop.autodiff.Adam;
import io.spinloop.autodiff.LearningRateSchedule;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.loop.ClassifierTask;
import io.spinloop.training.loop.EpochTotals;
import io.spinloop.training.loop.ExampleOrder;
import io.spinloop.training.loop.TrainingDivergedException;
import io.spinloop.training.loop.TrainingLoop;
import io.spinloop.training.data.SequenceDataset;
import java.util.List;
import java.util.Random;

/**
 * Trains the parts of a {@link MacrospinNetwork} that a {@link TrainedParts} configuration selects,
 * with the seed's optimizer: Adam (0.9, 0.999, 1e-8) on minibatches, cross entropy, learning rates
 * 1e-3 for the layers, 1.0 (Oe) for the fields and 1e-6 for current and damping, decayed by 0.85 per epoch.
 */
public final class MacrospinTrainer {

    /**
     * @param epochs passes over the training set
     * @param batchSize minibatch size
     * @param layerRate Adam rate of W_in and W_out
     * @param fieldRate Adam rate of the applied fields (Oe)
     * @param scalarRate Adam rate of current (A) and damping
     * @param decay the rates are multiplied by this after every epoch
     * @param seed shuffling seed
     */
    public record Options(int epochs, int batchSize, double layerRate, double fieldRate, double scalarRate, double decay,
            long seed) {
        public Options {
            if (epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("epochs and batch size must be >= 1");
            }
        }

        /** The seed's rates and decay. */
        public static Options seed(int epochs, int batchSize, long seed) {
            return new Options(epochs, batchSize, 1e-3, 1.0, 1e-6, 0.85, seed);
        }
    }

    /** Metrics after one epoch, with the physical parameters' state. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double meanField,
            double fieldSpread, double current, double damping, double seconds) implements java.io.Serializable {
    }

    @FunctionalInterface
    public interface Listener {
        void epochDone(Epoch epoch);
    }

    private MacrospinTrainer() {
    }

    public static List<Epoch> train(MacrospinNetwork network, TrainedParts parts, SequenceDataset train, SequenceDataset test,
            Options options, Listener listener) {
        Adam inAdam = new Adam();
        Adam outAdam = new Adam();
        // fields and the two scalars have rates six orders apart: separate optimizers, separate groups
        Adam fieldAdam = new Adam();
        Adam scalarAdam = new Adam();
        Parameters fields = new Parameters();
        fields.add(network.physical().get("H_appl"));
        Parameters scalars = new Parameters();
        scalars.add(network.physical().get("j_DC"));
        scalars.add(network.physical().get("alpha"));
        TrainingLoop.Task<Epoch> task = new ClassifierTask<>(train) {
            @Override
            protected Tensor logits(Tape tape, double[][] rows, int from, int to) {
                return network.logits(tape, rows, from, to);
            }

            @Override
            protected void update(Tape tape, TrainingLoop.Batch batch) {
                double rateScale = batch.learningRate();
                if (parts.input()) {
                    MacrospinTrainer.update(network.input(), tape, inAdam, options.layerRate() * rateScale, batch);
                }
                if (parts.output()) {
                    MacrospinTrainer.update(network.output(), tape, outAdam, options.layerRate() * rateScale, batch);
                }
                if (parts.physical()) {
                    MacrospinTrainer.update(fields, tape, fieldAdam, options.fieldRate() * rateScale, batch);
                    MacrospinTrainer.update(scalars, tape, scalarAdam, options.scalarRate() * rateScale, batch);
                    network.projectPhysical();
                }
            }

            @Override
            public Epoch endEpoch(int epoch, EpochTotals totals) {
                double[] h = network.fields();
                double mean = 0;
                for (double v : h) {
                    mean += v / h.length;
                }
                double var = 0;
                for (double v : h) {
                    var += (v - mean) * (v - mean) / h.length;
                }
                double seconds = epochSeconds();
                return new Epoch(epoch + 1, totals.lossSum() / train.size(), totals.correct() / (double) train.size(),
                        test == null ? Double.NaN : network.accuracy(test), mean, Math.sqrt(var), network.current(),
                        network.damping(), seconds);
            }
        };
        return new TrainingLoop<>(task, options.batchSize(), ExampleOrder.continuing(new Random(options.seed())),
                decayingScale(options.decay()))
                .run(TrainingLoop.Start.at(0), options.epochs(),
                        TrainingLoop.Listener.ofEpochs(listener == null ? null : listener::epochDone));
    }

    /**
     * The seed's per-epoch decay as the loop's learning rate: a scale of {@code decay^epoch} (multiplied out one
     * epoch at a time, as the seed's code does) that each parameter group multiplies into its own rate.
     */
    static LearningRateSchedule decayingScale(double decay) {
        return epoch -> {
            double scale = 1;
            for (int e = 0; e < epoch; e++) {
                scale *= decay;
            }
            return scale;
        };
    }

    private static void update(Parameters group, Tape tape, Adam adam, double rate, TrainingLoop.Batch batch) {
        group.zeroGrad();
        group.accumulate(tape);
        group.firstNonFiniteGradient().ifPresent(where -> {
            throw new TrainingDivergedException(batch.epoch(), batch.index(), "non-finite gradient at", where);
        });
        adam.step(group, rate);
    }
}
