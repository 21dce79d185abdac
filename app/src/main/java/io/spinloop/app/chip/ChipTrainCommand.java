package io.spinloop.app.chip;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.training.chip.ChipTraining;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import io.spinloop.app.live.LiveOptions;
import io.spinloop.app.live.LiveView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    LiveOptions live;

    private final PrintStream err = System.err;

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
        ChipTrainRun run;
        ChipTrainRun.Outcome r;
        try (LiveView view = live.start("chip-train " + weights.getFileName())) {
            run = new ChipTrainRun(d, weights, out, epochs != null ? epochs : d.network().options().chipEpochs(),
                    maxSteps, view.tee(err));
            run.prepare(resume);
            r = run.train(view);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        run.writeResult(config, r, seconds);
        if (r.stopped()) {
            System.out.printf(Locale.ROOT, "stopped after %d steps (%s), %d round trips, %.1f s; continue with "
                    + "--resume --out %s%n", r.steps(), run.position(), r.trips().operations(), seconds, out);
            return r.interrupted() ? 130 : 0; // as for Ctrl-C (or the live view's Stop)
        }
        Path file = run.writeWeights();
        ChipTraining.Epoch last = r.curve().get(r.curve().size() - 1);
        System.out.printf(Locale.ROOT, "chip %s after %d chip-in-the-loop epochs, %d round trips, %.1f s -> %s%n",
                last.test(), r.curve().size(), r.trips().operations(), seconds, file);
        return 0;
    }
}
