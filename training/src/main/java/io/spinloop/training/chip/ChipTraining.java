package io.spinloop.training.chip;

import io.spinloop.training.mackeyglass.ForecastTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        int startEpoch = 1;
        int startBatch = 0;
        double lossSum = 0;
        int batchesDone = 0;
        List<Epoch> curve = new ArrayList<>();
        if (checkpoint != null && Files.exists(checkpoint)) {
            ChipCheckpoint c = read(checkpoint);
            w.set(c.weights());
            opt.restore(c.optimizer());
            startEpoch = c.epoch();
            startBatch = c.nextBatch();
            lossSum = c.lossSum();
            batchesDone = c.batchesDone();
            curve.addAll(c.curve());
            say(progress, "resuming chip-in-the-loop training at epoch " + startEpoch + ", batch " + startBatch);
        }
        int n = task.trainingExamples();
        int batches = (n + s.batch() - 1) / s.batch();
        for (int e = startEpoch; e <= s.epochs(); e++) {
            long t0 = System.nanoTime();
            long ops0 = trips.operations();
            long pts0 = trips.listPoints();
            int[] perm = TwinTraining.permutation(n, new SplittableRandom(s.seed() * 1_000_003L + e));
            double lr = s.learningRate() / (1 + (e - 1) / 20.0);
            for (int bi = (e == startEpoch ? startBatch : 0); bi < batches; bi++) {
                int[] idx = Arrays.copyOfRange(perm, bi * s.batch(), Math.min(n, (bi + 1) * s.batch()));
                ChipObjective.Step step = task.step(w, idx, chip, s.stepping());
                lossSum += step.loss();
                batchesDone++;
                opt.step(w, step.gradient(), lr);
                save(checkpoint, new ChipCheckpoint(e, bi + 1, w.flat(), opt.state(), lossSum, batchesDone, curve));
                progress.stepDone(e, bi, step.loss());
            }
            ChipObjective.TestFigures test = task.test(w, chip);
            Epoch ep = new Epoch(e, lossSum / Math.max(1, batchesDone), test.mse(), test.nrmse(), test.accuracy(),
                    trips.operations() - ops0, trips.listPoints() - pts0, (System.nanoTime() - t0) * 1e-9);
            curve.add(ep);
            lossSum = 0;
            batchesDone = 0;
            save(checkpoint, new ChipCheckpoint(e + 1, 0, w.flat(), opt.state(), 0, 0, curve));
            say(progress, String.format("chip epoch %d: train loss %.4f, chip %s, %d round trips, %.1f s", e,
                    ep.trainLoss(), test, ep.roundTrips(), ep.seconds()));
        }
        return curve;
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
