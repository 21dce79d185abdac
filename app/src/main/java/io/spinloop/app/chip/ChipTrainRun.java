package io.spinloop.app.chip;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinloop.app.SpinloopVersion;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.bench.RunGuard;
import io.spinloop.training.chip.ChipCheckpoint;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipObjective;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.lab.chip.ChipStopException;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.lab.list.RoundTrips;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import io.spinloop.app.live.LiveView;
import java.util.Locale;
import java.util.Map;

/**
 * One invocation of a chip-train run in its directory: the run's identity ({@code run.json}) checked against the
 * directory, the weights to continue from, the chip-in-the-loop training ({@link ChipTraining}, a checkpoint after
 * every step) on the bench, stopped after {@code --max-steps} or on Ctrl-C, and the result files.
 */
final class ChipTrainRun {
    /** How this invocation ended: the curve so far, whether it stopped early (and why), what it cost. */
    record Outcome(List<ChipTraining.Epoch> curve, boolean stopped, boolean interrupted, int steps, RoundTrips trips) {
    }

    /** Ends the run after --max-steps completed (and checkpointed) steps. */
    private static final class StepBudgetSpent extends RuntimeException {
        StepBudgetSpent() {
            super(null, null, false, false);
        }
    }

    private final ChipDeployment d;
    private final Path weights;
    private final Path out;
    private final int totalEpochs;
    private final Integer maxSteps;
    private final PrintStream err;

    ChipTrainRun(ChipDeployment d, Path weights, Path out, int totalEpochs, Integer maxSteps, PrintStream err) {
        this.d = d;
        this.weights = weights;
        this.out = out;
        this.totalEpochs = totalEpochs;
        this.maxSteps = maxSteps;
        this.err = err;
    }

    private Path runFile() {
        return out.resolve(ChipTrainCommand.RUN);
    }

    private Path checkpoint() {
        return out.resolve(ChipTrainCommand.CHECKPOINT);
    }

    /**
     * Refuses a directory that holds another run, or this one without {@code resume} (or no run with it); takes the
     * checkpoint's weights when resuming; checks the weights against the twins and the chip's limits; then creates
     * the directory with its run.json.
     */
    void prepare(boolean resume) throws IOException {
        Map<String, Object> identity = identity();
        NetworkWeights w = d.network().weights();
        Path ckpt = checkpoint();
        if (Files.exists(runFile())) {
            Map<String, Object> previous = new ObjectMapper().readValue(runFile().toFile(), new TypeReference<>() { });
            String diff = difference(previous, identity);
            if (!diff.isEmpty()) {
                throw new RefusedInputException("--out " + out + " holds a different chip-train run (" + diff
                        + "); choose another --out");
            }
            if (!resume) {
                throw new RefusedInputException("--out " + out + " holds this chip-train run" + (Files.exists(ckpt)
                        ? " (" + position(ChipCheckpoint.read(ckpt)) + ")" : "") + ": pass --resume to continue it, "
                        + "or choose another --out");
            }
            if (Files.exists(ckpt)) {
                w.set(ChipCheckpoint.read(ckpt).weights()); // what the run continues with, checked below
            }
        } else {
            if (resume) {
                throw new RefusedInputException("--resume: " + out + " holds no chip-train run (no "
                        + ChipTrainCommand.RUN + ")");
            }
            if (Files.exists(ckpt)) {
                throw new RefusedInputException("--out " + out + " holds " + ChipTrainCommand.CHECKPOINT + " without "
                        + ChipTrainCommand.RUN + ": not a chip-train run directory; choose another --out");
            }
        }
        ChipObjective task = d.objective();
        d.preflight(task, false);
        d.preflight(task, true);
        Files.createDirectories(out);
        if (!Files.exists(runFile())) {
            DeployCommand.writeJson(runFile(), identity);
        }
    }

    /**
     * Trains chip-in-the-loop on the bench of the lab-config. Ctrl-C / SIGTERM stops after the step in flight
     * (checkpointed) with the sources safe; the drivers' own hook ramps the sources down in parallel in case the step
     * outlasts the guard's grace.
     */
    Outcome train(LiveView view) throws Exception {
        ChipExperiment.Options o = d.network().options();
        ChipObjective task = d.objective();
        ChipTraining.Settings settings = new ChipTraining.Settings(totalEpochs, o.batch(), o.chipLearningRate(), 1.0,
                o.seed(), false);
        int batches = (task.trainingExamples() + o.batch() - 1) / o.batch();
        RoundTrips trips = new RoundTrips();
        int[] stepsRun = {0};
        try (RunGuard guard = RunGuard.install();
             ChipBench bench = ChipBench.open(d.config());
             ChipSetup s = d.connect(bench, trips, m -> err.println("    " + m))) {
            err.println("connected to " + d.config().config().bench() + (bench.bench().emulated()
                    ? " (emulated, in-process)" : "") + "; chip-in-the-loop training, " + totalEpochs + " epochs of "
                    + batches + " steps");
            ChipNeurons chip = s.neurons();
            view.stoppable(guard::requestStop); // the live view's Stop: the path Ctrl-C takes
            try {
                List<ChipTraining.Epoch> curve = ChipTraining.train(task, d.network().weights(), chip, trips, settings,
                        checkpoint(), new ChipTraining.Listener() {
                            @Override
                            public void message(String text) {
                                err.println(text);
                            }

                            @Override
                            public void epochDone(ChipTraining.Epoch ep) {
                                boolean classifier = ep.testAccuracy() != null;
                                view.epoch("chip, per epoch", ep.epoch(), ep.trainLoss(), classifier
                                        ? "chip test accuracy" : "chip test MSE", classifier ? ep.testAccuracy()
                                        : ep.testMse() != null ? ep.testMse() : Double.NaN);
                            }

                            @Override
                            public void stepDone(int epoch, int batch, double loss) {
                                stepsRun[0]++;
                                view.epoch("chip in the loop, per step", stepsRun[0], loss, Double.NaN);
                                view.progress(stepsRun[0], (long) batches * totalEpochs);
                                err.printf(Locale.ROOT, "  epoch %d step %d/%d: loss %.4f (checkpointed)%n", epoch,
                                        batch + 1, batches, loss);
                                if (maxSteps != null && stepsRun[0] >= maxSteps || guard.stopRequested()) {
                                    throw new StepBudgetSpent();
                                }
                            }
                        });
                return new Outcome(curve, false, false, stepsRun[0], trips);
            } catch (StepBudgetSpent e) {
                return new Outcome(ChipCheckpoint.read(checkpoint()).curve(), true, guard.stopRequested(), stepsRun[0],
                        trips);
            } catch (ChipStopException e) {
                throw new IllegalStateException(e.getMessage() + "; the sources are at 0 A and off; the checkpoint "
                        + "holds the last completed step: run again with --resume on " + out, e);
            } finally {
                chip.makeSafe();
            }
        }
    }

    /** chip-train.json: where the run stands and what this invocation did. */
    void writeResult(Path config, Outcome r, double seconds) throws IOException {
        ChipCheckpoint at = ChipCheckpoint.read(checkpoint());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spinloop", SpinloopVersion.current());
        m.put("config", config.toString());
        m.put("weights_from", weights.toString());
        m.put("status", r.interrupted() ? "interrupted" : r.stopped() ? "stopped after --max-steps " + maxSteps
                : "finished");
        m.put("epochs", totalEpochs);
        m.put("position", Map.of("epoch", at.epoch(), "next_batch", at.nextBatch()));
        m.put("steps_this_invocation", r.steps());
        m.put("round_trips_this_invocation", r.trips().operations());
        m.put("list_points_this_invocation", r.trips().listPoints());
        m.put("wall_seconds_this_invocation", seconds);
        m.put("curve", r.curve());
        DeployCommand.writeJson(out.resolve(ChipTrainCommand.RESULT), m);
    }

    /** The fine-tuned weights, in the form deploy reads. */
    Path writeWeights() throws IOException {
        Path file = out.resolve(ChipTrainCommand.WEIGHTS);
        d.network().withWeights(d.network().weights(), "spinloop chip-train").write(file);
        return file;
    }

    /** Where the run stands, as "3 epochs completed" or "epoch 2, 5 steps completed". */
    String position() throws IOException {
        return position(ChipCheckpoint.read(checkpoint()));
    }

    private static String position(ChipCheckpoint c) {
        return c.nextBatch() == 0 ? (c.epoch() - 1) + " epochs completed"
                : "epoch " + c.epoch() + ", " + c.nextBatch() + " steps completed";
    }

    /** What makes two invocations the same run (the epoch count may grow). */
    private Map<String, Object> identity() throws IOException {
        ChipExperiment.Options o = d.network().options();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "spinloop-chip-train-run");
        m.put("bench", d.config().config().bench());
        m.put("weights_sha256", sha256(weights));
        Map<String, Object> t = new LinkedHashMap<>();
        for (int i = 0; i < d.network().devices().size(); i++) {
            t.put(d.network().devices().get(i), sha256(d.twins().files().get(i)));
        }
        m.put("twins_sha256", t);
        m.put("batch", o.batch());
        m.put("learning_rate", o.chipLearningRate());
        m.put("seed", o.seed());
        if (d.network().isDigits()) {
            DigitsExperiment.Plan p = d.network().digits();
            m.put("task", List.of("digits", p.rows(), p.splitSeed(), p.trainLimit(), p.testLimit()));
        } else {
            m.put("task", List.of(o.trainWindows(), o.testWindows(), o.steps(), o.taps(), o.sampling(), o.horizon()));
        }
        ObjectMapper json = new ObjectMapper(); // through text, so it compares like the run.json read back
        return json.readValue(json.writeValueAsString(m), new TypeReference<Map<String, Object>>() { });
    }

    private static String difference(Map<String, Object> previous, Map<String, Object> now) {
        StringBuilder b = new StringBuilder();
        for (var e : now.entrySet()) {
            Object was = previous.get(e.getKey());
            if (!e.getValue().equals(was)) {
                b.append(b.length() == 0 ? "" : "; ").append(e.getKey()).append(": ").append(was).append(" there, ")
                        .append(e.getValue()).append(" now");
            }
        }
        return b.toString();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
