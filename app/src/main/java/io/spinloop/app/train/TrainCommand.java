package io.spinloop.app.train;

import io.spinloop.training.run.EpochMetrics;
import io.spinloop.training.run.RunDirectory;
import io.spinloop.training.run.TrainingConfig;
import io.spinloop.training.loop.TrainingDivergedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spinloop train}: off-chip BPTT of an oscillator (or CTRNN) network, into a resumable run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the multilayer oscillator network (or its CTRNN counterpart) by BPTT.",
                "Writes DIR/config.json, DIR/metrics.json, DIR/weights.h5 and DIR/learning-curves.png;",
                "run it again on the same DIR to resume after an interruption."})
public final class TrainCommand implements Callable<Integer> {
    /**
     * Exit code when training produced NaN/infinity: the run failed while it ran (a directory that cannot take the run
     * is refused with 2 by {@link io.spinloop.app.cli.CommandErrors}).
     */
    static final int DIVERGED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions options = new TrainOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory (created; resumed if it holds this run).")
    Path out;

    @Override
    public Integer call() {
        TrainingConfig config = options.toConfig(spec);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        o.printf("training %s on %s: %d x %d neurons, tau %.3g ns, dt %.3g ns, S %.3g, lr0 %.3g, decay %.3g, %d epochs, seed %d, %d threads%n",
                config.model().name().toLowerCase(), config.task(), config.layers(), config.neurons(), config.tauNs(),
                config.dtNs(), config.amplification(), config.lr0(), config.decay(), config.epochs(), config.seed(),
                config.threads());
        o.flush();
        RunDirectory run = new RunDirectory(out);
        RunDirectory.Result result;
        try {
            result = run.train(config, m -> {
                o.println(progressLine(m, config.epochs()));
                o.flush();
            });
        } catch (TrainingDivergedException e) {
            err.println("spinloop train: " + e.getMessage() + " (recorded in " + out.resolve(RunDirectory.METRICS) + ")");
            LearningCurvePlot.writeQuietly(out, config, err);
            return DIVERGED;
        }
        if (result.resumedFromEpoch() > 0) {
            o.printf("(resumed after epoch %d)%n", result.resumedFromEpoch());
        }
        LearningCurvePlot.write(out, result.history(), config);
        int selected = RunDirectory.selectedEpoch(result.history());
        if (selected >= 0) {
            EpochMetrics s = result.history().get(selected);
            o.printf("epoch %d chosen on the validation part (%.2f %%): test accuracy %.2f %%; its weights are %s%n",
                    s.epoch() + 1, 100 * s.validationAccuracy(), 100 * s.testAccuracy(),
                    out.resolve(RunDirectory.SELECTED_WEIGHTS));
        }
        o.printf("final test accuracy %.2f %% (%d neurons, %d synapses); wrote %s%n", 100 * result.finalTestAccuracy(),
                result.neurons(), result.synapses(), out);
        return 0;
    }

    static String progressLine(EpochMetrics m, int epochs) {
        return String.format("epoch %3d/%d  lr %.4g  train loss %.4f acc %5.1f %%  test loss %.4f acc %5.1f %%  %.2f s",
                m.epoch() + 1, epochs, m.learningRate(), m.trainLoss(), 100 * m.trainAccuracy(), m.testLoss(),
                100 * m.testAccuracy(), m.seconds())
                + (Double.isNaN(m.validationAccuracy()) ? ""
                        : String.format("  validation acc %5.1f %%", 100 * m.validationAccuracy()));
    }
}
