package io.spinloop.training.chip;

import io.spinloop.lab.list.RoundTrips;
import io.spinloop.training.loop.EpochTotals;
import io.spinloop.training.loop.ExampleOrder;
import io.spinloop.training.loop.TrainingLoop;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chip-in-the-loop training (physics-aware training, seed 000 §V, seed 004): every forward pass runs on the
 * bench ({@link ChipNeurons}), the backward pass goes through the twin's per-step Jacobians evaluated at the
 * drives the chip received and the activations it returned, and the weights are updated on the host.
 *
 * <p>After every completed step the run writes a {@link ChipCheckpoint}. A dropped connection is absorbed below
 * (the channel reconnects and replays its list), so no step is lost; a safe stop ({@link ChipStopException})
 * leaves the checkpoint of the last completed step, and calling {@link #train} again with the same checkpoint
 * file resumes from there, with the same batches (each epoch's order depends only on the seed and the epoch).
 */
public final class ChipTraining {

    /**
     * @param stepping play feed-forward networks step by step too (one round of lists per time step, as a
     *                 recurrent network must), to compare the modes' cost
     */
    public record Settings(int epochs, int batch, double learningRate, double clip, long seed, boolean stepping) {
    }

    /**
     * One epoch on the chip: mean training loss, the test figures measured on the chip (MSE and NRMSE of a
     * forecast, accuracy of a classifier; null where the task has none) and the cost.
     */
    public record Epoch(int epoch, double trainLoss, Double testMse, Double testNrmse, Double testAccuracy,
                        long roundTrips, long listPoints, double seconds) {

        public ChipObjective.TestFigures test() {
            return new ChipObjective.TestFigures(testMse, testNrmse, testAccuracy);
        }
    }

    /** What a run reports as it goes: messages for the terminal, and each completed step. */
    public interface Listener {
        default void message(String text) {
        }

        /** Step {@code batch} (0-based) of {@code epoch} is complete and checkpointed. */
        default void stepDone(int epoch, int batch, double loss) {
        }

        /** An epoch is complete, with its figures measured on the chip (for a live view's curves). */
        default void epochDone(Epoch epoch) {
        }
    }

    private ChipTraining() {
    }

    /** The Mackey-Glass forecast network: {@link #train(ChipObjective, NetworkWeights, NeuronBank, RoundTrips,
     * Settings, Path, Listener)} with {@link ChipObjective#forecast}. */
    public static List<Epoch> train(QuasiStaticNetwork net, NetworkWeights w, ForecastTask train, ForecastTask test,
                                    NeuronBank chip, RoundTrips trips, Settings s, Path checkpoint,
                                    Listener listener) {
        return train(ChipObjective.forecast(net, train, test), w, chip, trips, s, checkpoint, listener);
    }

    /**
     * Trains {@code w} on {@code task} with every forward pass on {@code chip}, checkpointing after every step to
     * {@code checkpoint} (null: no checkpoints) and resuming from it if it exists.
     */
    public static List<Epoch> train(ChipObjective task, NetworkWeights w, NeuronBank chip, RoundTrips trips,
                                    Settings s, Path checkpoint, Listener listener) {
        Listener progress = listener == null ? new Listener() { } : listener;
        WeightOptimizer opt = new WeightOptimizer(w.values.length, s.clip());
        List<Epoch> curve = new ArrayList<>();
        double[] stepLoss = new double[1];
        TrainingLoop.Start start = TrainingLoop.Start.at(0);
        if (checkpoint != null && Files.exists(checkpoint)) {
            ChipCheckpoint c = read(checkpoint);
            w.set(c.weights());
            opt.restore(c.optimizer());
            // the checkpoint counts epochs from 1, the loop from 0
            start = new TrainingLoop.Start(c.epoch() - 1, c.nextBatch(),
                    EpochTotals.resumed(c.epoch() - 1, c.lossSum(), c.batchesDone()));
            curve.addAll(c.curve());
            say(progress, "resuming chip-in-the-loop training at epoch " + c.epoch() + ", batch " + c.nextBatch());
        }
        TrainingLoop.Task<Epoch> onChip = new TrainingLoop.Task<>() {
            private long t0;
            private long ops0;
            private long pts0;

            @Override
            public int examples() {
                return task.trainingExamples();
            }

            @Override
            public void beginEpoch(int epoch, int[] order) {
                t0 = System.nanoTime();
                ops0 = trips.operations();
                pts0 = trips.listPoints();
            }

            @Override
            public void trainBatch(TrainingLoop.Batch batch, EpochTotals totals) {
                ChipObjective.Step step = task.step(w, batch.indices(), chip, s.stepping());
                totals.addLoss(step.loss());
                stepLoss[0] = step.loss();
                opt.step(w, step.gradient(), batch.learningRate());
            }

            @Override
            public Epoch endEpoch(int epoch, EpochTotals totals) {
                ChipObjective.TestFigures test = task.test(w, chip);
                return new Epoch(epoch + 1, totals.meanPerBatch(), test.mse(), test.nrmse(), test.accuracy(),
                        trips.operations() - ops0, trips.listPoints() - pts0, (System.nanoTime() - t0) * 1e-9);
            }
        };
        new TrainingLoop<>(onChip, s.batch(), order(s.seed()), TwinTraining.hostDecay(s.learningRate()))
                .run(start, s.epochs(), new TrainingLoop.Listener<>() {
                    @Override
                    public void batchDone(TrainingLoop.Batch batch, EpochTotals totals) {
                        int e = batch.epoch() + 1;
                        save(checkpoint, new ChipCheckpoint(e, batch.index() + 1, w.flat(), opt.state(),
                                totals.lossSum(), totals.batches(), curve));
                        progress.stepDone(e, batch.index(), stepLoss[0]);
                    }

                    @Override
                    public void epochDone(int epoch, Epoch ep) {
                        curve.add(ep);
                        save(checkpoint, new ChipCheckpoint(ep.epoch() + 1, 0, w.flat(), opt.state(), 0, 0, curve));
                        say(progress, String.format("chip epoch %d: train loss %.4f, chip %s, %d round trips, %.1f s",
                                ep.epoch(), ep.trainLoss(), ep.test(), ep.roundTrips(), ep.seconds()));
                        progress.epochDone(ep);
                    }
                });
        return curve;
    }

    /**
     * The order of the chip networks' examples: epoch e (from 0) is shuffled by a generator of its own, seeded from
     * (seed, e + 1), so a resumed run replays an epoch's batches without replaying the epochs before it.
     */
    static ExampleOrder order(long seed) {
        return ExampleOrder.perEpochSplittable(e -> new SplittableRandom(seed * 1_000_003L + e + 1));
    }


    private static ChipCheckpoint read(Path p) {
        try {
            return ChipCheckpoint.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void save(Path p, ChipCheckpoint c) {
        if (p == null) {
            return;
        }
        try {
            c.write(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + p, e);
        }
    }

    private static void say(Listener progress, String s) {
        progress.message(s);
    }
}
