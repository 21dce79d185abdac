package io.spinloop.app.demo;

import io.spinloop.app.chip.ChipExperiment;
import io.spinloop.app.chip.PaceOption;
import io.spinloop.lab.chip.ChipPace;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.measurements.AtomicFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import io.spinloop.app.live.LiveOptions;
import io.spinloop.app.live.LiveView;
import io.spinloop.app.live.StoppableRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spinloop demo}: the whole data flow on the bench of a lab-config, with progress on the terminal and a
 * report at the end (report.md with PNG plots, summary.json, the characterisation HDF5 file). The steps are
 * {@link DemoRun}'s.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole flow on the (emulated) bench: characterise, fit twins, train noise-aware, "
                + "deploy, fine-tune chip-in-the-loop, report.")
public final class DemoCommand implements Callable<Integer> {
    /** The trained weights, in the form spinloop deploy and chip-train read. */
    public static final String WEIGHTS = "weights-twin-trained.json";


    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml", description = "lab-config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--out", description = "report directory (default: demo-out/<date>-<time>, a new one each run)")
    Path out;

    @Option(names = "--quick", description = "a smoke run of every step, well under a minute")
    boolean quick;

    @Option(names = "--seed", defaultValue = "1", description = "training seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--twin", defaultValue = "response", paramLabel = "sde|response",
            description = "twin the network trains on: sde (the twin module's neural SDE, fitted to the recorded "
                    + "calibration sequences and loaded from its twin file) or response (piecewise-linear mean and "
                    + "noise); default: ${DEFAULT-VALUE}")
    String twinKind;

    @Mixin
    PaceOption pace;

    @Mixin
    LiveOptions live;

    private PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        LoadedLabConfig loaded = LabConfigLoader.load(config);
        ChipPace chosen = pace.choice();
        if (out == null) {
            out = Path.of("demo-out", java.time.LocalDateTime.now().format(
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        Files.createDirectories(out);
        Path h5 = out.resolve("characterise.h5");
        if (Files.exists(h5)) {
            throw new RefusedInputException(h5 + " exists: the demo never overwrites a measurement; choose another"
                    + " --out or remove it");
        }
        ChipExperiment.Options o = (quick ? ChipExperiment.Options.quick(seed) : ChipExperiment.Options.full(seed))
                .withTwin(ChipExperiment.twinKind(twinKind, "--twin"));
        try (LiveView view = live.start("demo " + loaded.config().bench())) {
            err = view.tee(err);
            // Ctrl-C or the page's Stop: between two points of a sweep, two lists on the chip or two batches of a
            // training; the bench is closed (0 A, off) on the way out, the files written so far are whole
            return view.run(() -> {
                DemoRun run;
                try (StoppableRun stop = StoppableRun.open(view)) {
                    run = new DemoRun(loaded, config, out, o, chosen, seed, quick, err, view, stop.guard());
                    run.onTheBench(h5);
                }
                run.writeReport(t0);
                report(t0);
                return 0;
            });
        }
    }

    private void report(long t0) {
        err.printf("done in %.1f s: %s%n", (System.nanoTime() - t0) * 1e-9, out.resolve("report.md"));
        err.printf("next, on the bench: spinloop deploy --config %s --weights %s --twins %s --out <dir>%n"
                + "                    spinloop chip-train --config %s --weights %s --twins %s --out <rundir>%n"
                + "                    (digits: --weights %s)%n",
                config, out.resolve(WEIGHTS), out, config, out.resolve(WEIGHTS), out,
                out.resolve(DemoDigits.WEIGHTS));
    }

    static void writeAtomically(Path file, String text) throws IOException {
        AtomicFile.writeString(file, text);
    }
}
