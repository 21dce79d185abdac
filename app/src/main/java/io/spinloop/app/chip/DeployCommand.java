package io.spinloop.app.chip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spinloop.measurements.AtomicFile;
import io.spinloop.training.chip.ChipObjective;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import io.spinloop.app.live.LiveOptions;
import io.spinloop.app.live.LiveView;
import io.spinloop.app.live.StoppableRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spinloop deploy}: trained weights and their neuron twins onto the bench of a lab-config (the emulated
 * one starts in-process), the task's test set (Mackey-Glass or sequential digits, as the weights file says) run
 * on the chip, and the result written as JSON. Weights
 * that would drive a device beyond its limit are refused before the bench is opened; every source ends at 0 A
 * with its output off, on success and on failure.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Run trained weights on the (emulated) chip: the test set through list sweeps and zero span.")
public final class DeployCommand implements Callable<Integer> {
    public static final String RESULT = "deploy.json";

    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml",
            description = "lab-config of the bench (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "trained weights (weights-twin-trained.json of spinloop demo, weights-chip-trained.json of "
                    + "spinloop chip-train)")
    Path weights;

    @Option(names = "--twins", required = true, split = ",", paramLabel = "DIR|FILE",
            description = "the neuron twins the weights were trained on: a directory (a demo's output) or the files")
    List<Path> twins;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "directory for " + RESULT + " (created; an existing " + RESULT + " is never overwritten)")
    Path out;

    @Mixin
    LiveOptions live;

    private final PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        ChipDeployment d = ChipDeployment.load(config, weights, twins);
        Path result = out.resolve(RESULT);
        if (Files.exists(result)) {
            throw new FileAlreadyExistsException(result.toString(), null, "exists: deploy never overwrites a "
                    + "result; choose another --out");
        }
        ChipObjective task = d.objective();
        d.preflight(task, true);
        Files.createDirectories(out);
        try (LiveView view = live.start("deploy " + weights.getFileName())) {
            return view.run(() -> {
                DeployRun.Result r;
                // Ctrl-C or the page's Stop: between two lists on the chip, the bench closed (0 A, off) on the way
                // out and no deploy.json written
                try (StoppableRun stop = StoppableRun.open(view)) {
                    r = DeployRun.run(d, task, view.tee(err), view);
                }
                return report(d, r, result, t0);
            });
        }
    }

    private int report(ChipDeployment d, DeployRun.Result r, Path result, long t0) throws java.io.IOException {
        double seconds = (System.nanoTime() - t0) * 1e-9;
        writeJson(result, DeployRun.json(d, config, weights, r, seconds));
        if (d.network().isDigits()) {
            System.out.printf(Locale.ROOT, "chip test accuracy %.4f (twin %.4f), %d round trips, %.1f s -> %s%n",
                    r.chip().accuracy(), r.twin().accuracy(), r.trips().operations(), seconds, result);
        } else {
            System.out.printf(Locale.ROOT, "chip test MSE %.4f (NRMSE %.3f; twin %.4f), %d round trips, %.1f s -> "
                    + "%s%n", r.chip().mse(), r.chip().nrmse(), r.twin().mse(), r.trips().operations(), seconds, result);
        }
        return 0;
    }

    static void writeJson(Path file, Object value) throws java.io.IOException {
        AtomicFile.write(file,
                out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, value));
    }
}
