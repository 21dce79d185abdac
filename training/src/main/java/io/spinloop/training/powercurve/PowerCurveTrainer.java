package io.spinloop.training.powercurve;

import io.spinloop.autodiff.Adam;
import io.spinloop.autodiff.LearningRateSchedule;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.loop.ClassifierTask;
import io.spinloop.training.loop.EpochTotals;
import io.spinloop.training.loop.ExampleOrder;
import io.spinloop.training.loop.TrainingDivergedException;
import io.spinloop.training.loop.TrainingLoop;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.twin.physics.PowerCurveArray;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link PowerCurveNetwork} in the {@link TrainingLoop} by back-propagation through time (= the seed's
 * optimal-control adjoint, see the network's documentation) with Adam on shuffled minibatches, on the seed's identical
 * devices, and reports train/test accuracy after every epoch.
 */
public final class PowerCurveTrainer {

    /**
     * @param epochs passes over the training set
     * @param batchSize minibatch size
     * @param learningRate Adam's initial rate
     * @param decayEpochs rate = learningRate / (epoch / decayEpochs + 1)
     * @param clip per-element gradient clipping
     * @param seed shuffling (and training-noise) seed
     * @param powerNoise standard deviation of Gaussian noise added to every power during training (0: none)
     */
    public record Options(int epochs, int batchSize, double learningRate, double decayEpochs, double clip, long seed,
            double powerNoise) {
        public Options {
            if (epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("epochs and batch size must be >= 1, got " + epochs + ", " + batchSize);
            }
            if (!(powerNoise >= 0)) {
                throw new IllegalArgumentException("power noise must be >= 0, got " + powerNoise);
            }
        }

        /** Noise-free training. */
        public Options(int epochs, int batchSize, double learningRate, double decayEpochs, double clip, long seed) {
            this(epochs, batchSize, learningRate, decayEpochs, clip, seed, 0);
        }

        public Options withPowerNoise(double std) {
            return new Options(epochs, batchSize, learningRate, decayEpochs, clip, seed, std);
        }
    }

    /** Metrics after one epoch. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double seconds) {
    }

    /** Called after each epoch (progress, snapshots of the final powers for the seed's Fig. 3). */
    @FunctionalInterface
    public interface Listener {
        void epochDone(Epoch epoch, PowerCurveNetwork network);
    }

    private PowerCurveTrainer() {
    }

    /** Trains on the seed's identical devices. */
    public static List<Epoch> train(PowerCurveNetwork network, SequenceDataset train, SequenceDataset test, Options options,
            Listener listener) {
        return train(network, network.seedDevices(), train, test, options, listener);
    }

    /** Trains on {@code devices}: e.g. the fitted curves of a bench's oscillators before running on them. */
    public static List<Epoch> train(PowerCurveNetwork network, PowerCurveArray devices, SequenceDataset train,
            SequenceDataset test, Options options, Listener listener) {
        Adam adam = new Adam();
        Random noise = new Random(options.seed() * 31 + 7);
        TrainingLoop.Task<Epoch> task = new ClassifierTask<>(train) {
            @Override
            protected Tensor logits(Tape tape, double[][] rows, int from, int to) {
                return network.logits(tape, network.finalPowers(tape, network.initialPowers(rows, from, to), devices,
                        options.powerNoise(), noise));
            }

            @Override
            protected void update(Tape tape, TrainingLoop.Batch batch) {
                network.parameters().zeroGrad();
                network.parameters().accumulate(tape);
                network.parameters().clipElementwise(options.clip());
                network.parameters().firstNonFiniteGradient().ifPresent(where -> {
                    throw new TrainingDivergedException(batch.epoch(), batch.index(), "non-finite gradient at", where);
                });
                adam.step(network.parameters(), batch.learningRate());
            }

            @Override
            public Epoch endEpoch(int epoch, EpochTotals totals) {
                return new Epoch(epoch + 1, totals.lossSum() / train.size(), totals.correct() / (double) train.size(),
                        test == null ? Double.NaN : network.accuracy(test, devices), epochSeconds());
            }
        };
        return new TrainingLoop<>(task, options.batchSize(), ExampleOrder.continuing(new Random(options.seed())),
                LearningRateSchedule.inverseTime(options.learningRate(), options.decayEpochs()))
                .run(TrainingLoop.Start.at(0), options.epochs(), TrainingLoop.Listener.ofEpochs(
                        listener == null ? null : figures -> listener.epochDone(figures, network)));
    }
}
