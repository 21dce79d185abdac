package io.spinloop.app.chip;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinloop.app.SpinloopVersion;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.bench.RunGuard;
import io.spinloop.lab.chip.ChipStopException;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.training.chip.ChipCheckpoint;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipObjective;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.training.chip.NetworkWeights;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop chip-train}: chip-in-the-loop fine-tuning of trained weights (forward on the chip, backward
 * through the twins at the drives the chip received, Adam on the host), with a checkpoint after every step in the
 * run directory. The directory's {@code run.json} names the run (the weights' and twins' content, the lab-config's
 * bench and the training settings); {@code --resume} continues such a run from its last completed step and a
 * directory holding a different run is refused. The fine-tuned weights go to {@code weights-chip-trained.json},
 * which {@code spinloop deploy} reads.
 */
@Command(name = "chip-train", mixinStandardHelpOptions = true,
        description = {"Chip-in-the-loop fine-tuning of trained weights on the (emulated) chip, a checkpoint after "
                + "every step.", "Run again with --resume on the same --out to continue after an interruption."})
public final class ChipTrainCommand implements Callable<Integer> {
    public static final String RUN = "run.json";
    public static final String CHECKPOINT = "checkpoint.json";
    public static final String WEIGHTS = "weights-chip-trained.json";
    public static final String RESULT = "chip-train.json";

    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml",
            description = "lab-config of the bench (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "weights to start from (weights-twin-trained.json of spinloop demo, or train-on-twin's "
                    + "file: Mackey-Glass or digits)")
    Path weights;

    @Option(names = "--twins", required = true, split = ",", paramLabel = "DIR|FILE",
            description = "the neuron twins the weights were trained on: a directory (a demo's output) or the files")
    List<Path> twins;

    @Option(names = "--out", required = true, paramLabel = "RUNDIR",
            description = "run directory: run.json, checkpoint.json (after every step), " + WEIGHTS + ", " + RESULT)
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "epochs in all (default: the chip epochs the weights "
            + "file names; on --resume a larger N extends the run)")
    Integer epochs;

    @Option(names = "--resume", description = "continue the run in --out from its last completed step")
    boolean resume;

    @Option(names = "--max-steps", paramLabel = "K", description = "stop after K steps of this invocation, "
            + "checkpointed (continue later with --resume)")
    Integer maxSteps;

    private final PrintStream err = System.err;

    /** Ends the run after --max-steps completed (and checkpointed) steps. */
    private static final class StepBudgetSpent extends RuntimeException {
        StepBudgetSpent() {
            super(null, null, false, false);
        }
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        if (epochs != null) {
            OptionChecks.epochs("--epochs", epochs);
        }
        if (maxSteps != null && maxSteps < 1) {
            throw new RefusedInputException("--max-steps: expected 1 or more, got " + maxSteps);
        }
        ChipDeployment d = ChipDeployment.load(config, weights, twins);
        ChipExperiment.Options o = d.network().options();
        int totalEpochs = epochs != null ? epochs : o.chipEpochs();
        Path runFile = out.resolve(RUN);
        Path ckpt = out.resolve(CHECKPOINT);
        Map<String, Object> identity = identity(d);
        NetworkWeights w = d.network().weights();
        if (Files.exists(runFile)) {
            Map<String, Object> previous = new ObjectMapper().readValue(runFile.toFile(), new TypeReference<>() { });
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
                throw new RefusedInputException("--resume: " + out + " holds no chip-train run (no " + RUN + ")");
            }
            if (Files.exists(ckpt)) {
                throw new RefusedInputException("--out " + out + " holds " + CHECKPOINT + " without " + RUN
                        + ": not a chip-train run directory; choose another --out");
            }
        }
        ChipObjective task = d.objective();
        d.preflight(task, false);
        d.preflight(task, true);
        Files.createDirectories(out);
        if (!Files.exists(runFile)) {
            DeployCommand.writeJson(runFile, identity);
        }
        ChipTraining.Settings settings = new ChipTraining.Settings(totalEpochs, o.batch(), o.chipLearningRate(), 1.0,
                o.seed(), false);
        int batches = (task.trainingExamples() + o.batch() - 1) / o.batch();
        RoundTrips trips = new RoundTrips();
        List<ChipTraining.Epoch> curve;
        int[] stepsRun = {0};
        boolean stopped = false;
        boolean interrupted = false;
        // Ctrl-C / SIGTERM: stop after the step in flight (checkpointed) with the sources safe; the drivers' own
        // hook ramps the sources down in parallel in case the step outlasts the guard's grace
        try (RunGuard guard = RunGuard.install();
             ChipBench bench = ChipBench.open(d.config());
             ChipSetup s = d.connect(bench, trips, m -> err.println("    " + m))) {
            err.println("connected to " + d.config().config().bench() + (bench.bench().emulated()
                    ? " (emulated, in-process)" : "") + "; chip-in-the-loop training, " + totalEpochs + " epochs of "
                    + batches + " steps");
            ChipNeurons chip = s.neurons();
            try {
                curve = ChipTraining.train(task, w, chip, trips, settings, ckpt,
                        new ChipTraining.Listener() {
                            @Override
                            public void message(String text) {
                                err.println(text);
                            }

                            @Override
                            public void stepDone(int epoch, int batch, double loss) {
                                stepsRun[0]++;
                                err.printf(Locale.ROOT, "  epoch %d step %d/%d: loss %.4f (checkpointed)%n", epoch,
                                        batch + 1, batches, loss);
                                if (maxSteps != null && stepsRun[0] >= maxSteps || guard.stopRequested()) {
                                    throw new StepBudgetSpent();
                                }
                            }
                        });
            } catch (StepBudgetSpent e) {
                curve = ChipCheckpoint.read(ckpt).curve();
                stopped = true;
                interrupted = guard.stopRequested();
            } catch (ChipStopException e) {
                throw new IllegalStateException(e.getMessage() + "; the sources are at 0 A and off; the checkpoint "
                        + "holds the last completed step: run again with --resume on " + out, e);
            } finally {
                chip.makeSafe();
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        ChipCheckpoint at = ChipCheckpoint.read(ckpt);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spinloop", SpinloopVersion.current());
        m.put("config", config.toString());
        m.put("weights_from", weights.toString());
        m.put("status", interrupted ? "interrupted" : stopped ? "stopped after --max-steps " + maxSteps : "finished");
        m.put("epochs", totalEpochs);
        m.put("position", Map.of("epoch", at.epoch(), "next_batch", at.nextBatch()));
        m.put("steps_this_invocation", stepsRun[0]);
        m.put("round_trips_this_invocation", trips.operations());
        m.put("list_points_this_invocation", trips.listPoints());
        m.put("wall_seconds_this_invocation", seconds);
        m.put("curve", curve);
        DeployCommand.writeJson(out.resolve(RESULT), m);
        if (stopped) {
            System.out.printf(Locale.ROOT, "stopped after %d steps (%s), %d round trips, %.1f s; continue with "
                    + "--resume --out %s%n", stepsRun[0], position(at), trips.operations(), seconds, out);
            return 0;
        }
        d.network().withWeights(w, "spinloop chip-train").write(out.resolve(WEIGHTS));
        ChipTraining.Epoch last = curve.get(curve.size() - 1);
        System.out.printf(Locale.ROOT, "chip %s after %d chip-in-the-loop epochs, %d round trips, %.1f s -> %s%n",
                last.test(), curve.size(), trips.operations(), seconds, out.resolve(WEIGHTS));
        return 0;
    }

    private static String position(ChipCheckpoint c) {
        return c.nextBatch() == 0 ? (c.epoch() - 1) + " epochs completed"
                : "epoch " + c.epoch() + ", " + c.nextBatch() + " steps completed";
    }

    /** What makes two invocations the same run (the epoch count may grow). */
    private Map<String, Object> identity(ChipDeployment d) throws IOException {
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
