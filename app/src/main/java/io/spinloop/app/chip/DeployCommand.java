package io.spinloop.app.chip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spinloop.app.SpinloopVersion;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.measurements.AtomicFile;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipObjective;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.TwinNeurons;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
        ChipObjective.TestFigures twin = task.test(d.network().weights(), new TwinNeurons(d.twins().twins(),
                d.driveMap(), false, 0));
        err.printf("%d neurons on %s (%s twins), %s, %d test %s; on the twin %s%n",
                d.network().weights().neurons(), String.join(", ", d.network().devices()),
                d.network().twin().name().toLowerCase(Locale.ROOT), taskName(d.network()), task.testExamples(),
                d.network().isDigits() ? "images" : "windows", twin);
        RoundTrips trips = new RoundTrips();
        ChipObjective.TestFigures chip;
        long tChip;
        boolean emulated;
        try (ChipBench bench = ChipBench.open(d.config());
             ChipSetup s = d.connect(bench, trips, m -> err.println("    " + m))) {
            emulated = bench.bench().emulated();
            err.println("connected to " + d.config().config().bench() + (emulated ? " (emulated, in-process)" : "")
                    + "; running the test set on the chip");
            ChipNeurons neurons = s.neurons();
            long t1 = System.nanoTime();
            try {
                chip = task.test(d.network().weights(), neurons);
            } finally {
                neurons.makeSafe();
            }
            tChip = System.nanoTime() - t1;
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spinloop", SpinloopVersion.current());
        m.put("config", config.toString());
        m.put("bench", d.config().config().bench());
        m.put("emulated", emulated);
        m.put("weights", weights.toString());
        m.put("twins", d.twins().files().stream().map(Path::toString).toList());
        m.put("twin_kind", d.network().twin().name().toLowerCase(Locale.ROOT));
        m.put("devices", d.network().devices());
        m.put("neurons", d.network().weights().neurons());
        m.put("task", taskName(d.network()));
        if (d.network().isDigits()) {
            m.put("test_images", task.testExamples());
            m.put("chip_test_accuracy", chip.accuracy());
            m.put("twin_test_accuracy", twin.accuracy());
        } else {
            ForecastTask test = d.network().task().test();
            m.put("test_windows", test.windows());
            m.put("test_steps", test.steps());
            m.put("chip_test_mse", chip.mse());
            m.put("chip_test_nrmse", chip.nrmse());
            m.put("twin_test_mse", twin.mse());
        }
        m.put("round_trips", trips.operations());
        m.put("lists", trips.lists());
        m.put("list_points", trips.listPoints());
        m.put("chip_seconds", tChip * 1e-9);
        m.put("wall_seconds", seconds);
        writeJson(result, m);
        if (d.network().isDigits()) {
            System.out.printf(Locale.ROOT, "chip test accuracy %.4f (twin %.4f), %d round trips, %.1f s -> %s%n",
                    chip.accuracy(), twin.accuracy(), trips.operations(), seconds, result);
        } else {
            System.out.printf(Locale.ROOT, "chip test MSE %.4f (NRMSE %.3f; twin %.4f), %d round trips, %.1f s -> "
                    + "%s%n", chip.mse(), chip.nrmse(), twin.mse(), trips.operations(), seconds, result);
        }
        return 0;
    }

    static String taskName(TrainedNetworkFile net) {
        return net.isDigits() ? "sequential digits (" + net.digits().rows() + " rows per image)"
                : "Mackey-Glass forecast";
    }

    static void writeJson(Path file, Object value) throws java.io.IOException {
        AtomicFile.write(file,
                out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, value));
    }
}
