package io.spinloop.app.twin;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.app.cli.KernelPrecisionConverter;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.config.Limits;
import io.spinloop.training.engine.StudyEngine;
import io.spinloop.training.twinfit.DeviceFitStudy;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.fit.FitOptions;
import io.spinloop.twin.fit.Objective;
import io.spinloop.twin.fit.RecordedSequences;
import io.spinloop.twin.fit.TwinFitJob;
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.sysid.AutoOscillatorIdentification;
import io.spinloop.twin.validate.ValidationReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spinloop twin fit --data F.h5 --out T.h5}: fit a twin to the /sequences of measurement files. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit a stochastic digital twin to the /sequences of one or more measurement files.",
            "Some sequences are held out (seeded) for early stopping and validation; the twin file records the data's "
                + "provenance and the validation figures next to the measured-versus-measured floor."})
public final class TwinFitCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "F.h5", description = "measurement file(s) with /sequences (repeatable)")
    List<Path> data;

    @Option(names = "--out", required = true, paramLabel = "T.h5", description = "twin file to write (with --each: the directory of fits.csv)")
    Path out;

    @Option(names = "--model", defaultValue = "neural-sde", paramLabel = "M",
            converter = ModelConverter.class,
            description = "neural-sde (default), deterministic (the same drift, no diffusion), auto-oscillator (physics, system "
                    + "identification) or physics-residual (auto-oscillator prior + learned residual drift and diffusion)")
    TwinFitJob.Model model;

    @Option(names = "--physics", defaultValue = "joint", paramLabel = "P",
            description = "physics-residual only: joint (physical parameters fitted with the networks, bounded; default) or "
                    + "fixed (held at the system-identified values)")
    String physics;

    @Option(names = "--objective", defaultValue = "likelihood", paramLabel = "O",
            description = "likelihood (Euler-Maruyama transition likelihood, default), moments (distributional), auto (both; validation chooses)")
    Objective objective;

    @Option(names = "--window", defaultValue = "24", paramLabel = "L",
            description = "neural SDE, moments objective: steps per free-running window (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--epochs", defaultValue = "12", description = "maximum epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "1024", description = "transitions per Adam step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.02", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--patience", defaultValue = "4", description = "epochs without held-out improvement before stopping (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--held-out", defaultValue = "0.2", description = "share of sequences held out (default: ${DEFAULT-VALUE})")
    double heldOut;

    @Option(names = "--latent", defaultValue = "0", description = "latent states of the neural SDE (default: ${DEFAULT-VALUE}; needs --objective moments)")
    int latent;

    @Option(names = "--drive-history", defaultValue = "0", paramLabel = "H",
            description = "neural SDE / deterministic only: the networks also see the drives of the H previous steps "
                    + "(default: ${DEFAULT-VALUE}); 1 makes the measured power with the last drive a Markov state when the "
                    + "drive changes faster than the device relaxes (dynamic regime)")
    int driveHistory;

    @Option(names = "--hidden", defaultValue = "16", description = "drift MLP width (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--log-power", description = "neural SDE / deterministic only: the state is the power in dB (normalised "
            + "inside the twin; readings spanning decades, e.g. zero span), not in W; sampling and validation stay in W")
    boolean logPower;

    @Option(names = "--precision", defaultValue = "float32", paramLabel = "P", converter = KernelPrecisionConverter.class,
            description = "arithmetic of the likelihood kernel: float32 or float64 (default: ${DEFAULT-VALUE}; "
                    + "recorded in the twin's provenance)")
    io.spinloop.twin.model.KernelPrecision precision;

    @Option(names = "--seed", defaultValue = "1", description = "seed of split, weights, batches, noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "2", description = "worker threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--plot", paramLabel = "FAN.png", description = "write the measured-versus-twin fan of held-out sequences")
    Path plot;

    @Option(names = "--overwrite", description = "replace --out if it exists (atomically, once the new twin is complete)")
    boolean overwrite;

    /** The name this option had before every command said --overwrite; kept so that scripts keep working. */
    @Option(names = "--force", hidden = true)
    void deprecatedForce(boolean on) {
        if (on) {
            overwrite = true;
            System.err.println("spinloop twin fit: --force is deprecated; use --overwrite");
        }
    }

    @Option(names = "--each", description = "fit one twin per --data file (a device each), each fit one task on --engine; "
            + "--out is then a directory: fits.csv, a row per device as it ends (read back when started again)")
    boolean each;

    @Option(names = "--parallel", defaultValue = "1", description = "with --each on the local engine: fits at once (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--weights-dir", paramLabel = "DIR",
            description = "with --each: write each device's twin to DIR/<device>.h5 (a directory every executor sees); without it no twin is written")
    Path weightsDir;

    @picocli.CommandLine.Mixin
    io.spinloop.app.train.EngineOptions engine = new io.spinloop.app.train.EngineOptions();

    @Option(names = "--json", description = "print the fit summary as JSON on standard output")
    boolean json;

    @Option(names = "--quiet", description = "no progress on standard error")
    boolean quiet;

    static final class ModelConverter implements picocli.CommandLine.ITypeConverter<TwinFitJob.Model> {
        @Override
        public TwinFitJob.Model convert(String s) {
            return TwinFitJob.Model.valueOf(s.trim().toUpperCase().replace('-', '_'));
        }
    }

    @Override
    public Integer call() throws Exception {
        // Checked before the data are read: a bad setting is refused naming its option (every bad fit setting at
        // once), whatever the data; then sizes and memory.
        FitOptions opt = model == TwinFitJob.Model.AUTO_OSCILLATOR ? null : fitOptions();
        checkOptions();
        if (each) {
            return fitEach(new TwinFitJob.Settings(model, physics.equals("joint"), opt, latent, hidden, driveHistory,
                    logPower, seed, heldOut));
        }
        if (!overwrite && out.toFile().exists()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--out " + out + ": file exists; add --overwrite to replace it");
        }
        TwinFitJob.Settings settings = new TwinFitJob.Settings(model, physics.equals("joint"), opt, latent, hidden,
                driveHistory, logPower, seed, heldOut);
        RecordedSequences td = RecordedSequences.read(data);
        java.util.function.Consumer<String> progress = quiet ? s -> { } : System.err::println;
        SequenceData d = td.data();
        progress.accept(String.format("%s: %d sequences x %d repeats x %d steps, %.3g s per step%s", td.provenance().get("data_files"),
                d.sequences(), d.repeats(), d.steps(), d.sampleInterval(),
                Boolean.TRUE.equals(td.provenance().get("data_physically_measurable")) ? "" : " (data not physically measurable: limits lifted)"));
        TwinFitJob.Result fitted = TwinFitJob.fit(td, settings, "spinloop twin fit " + String.join(" ", describeOptions()),
                progress);
        TwinFile.write(out, fitted.record(), overwrite);
        ValidationReport report = fitted.record().validation();
        if (plot != null) {
            SequenceData held = fitted.heldOut();
            double[][][] sim = fitted.record().twin().sample(held.driveA(), held.repeats(), seed + 29, true);
            FanPlot.write(plot, held, sim, 3, "held-out: measured (blue) vs twin (orange)");
        }
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>(fitted.summary());
            summary.put("twin_file", out.toAbsolutePath().toString());
            summary.put("validation", ReportJson.of(report));
            JsonOutput.print(System.out, summary);
        } else {
            System.out.println("twin written to " + out + (plot != null ? ", fan plot " + plot : ""));
            System.out.print(report.table());
        }
        return 0;
    }

    /** {@code --each}: one fit per device's file on the engine, their figures into {@code --out}/fits.csv. */
    private int fitEach(TwinFitJob.Settings settings) {
        OptionChecks.threads("--parallel", parallel);
        if (plot != null || json) {
            throw new RefusedInputException((plot != null ? "--plot" : "--json") + ": not with --each (fits.csv holds each device's figures)");
        }
        DeviceFitStudy study = new DeviceFitStudy(out, settings, "spinloop twin fit --each " + String.join(" ", describeOptions()),
                weightsDir == null ? null : weightsDir.toAbsolutePath().toString());
        System.out.printf("%d devices, %d already in %s%n", data.size(), study.done(data), out.resolve(DeviceFitStudy.FILE));
        try (StudyEngine e = engine.open()) {
            study.run(e, parallel, data, f -> System.out.printf(java.util.Locale.ROOT,
                    "%-24s score %.4f  spread ratio %.3f  distance ratio %.3f  best epoch %d  (%.1f s)%n", f.device(),
                    f.score(), f.spreadRatio(), f.distanceRatio(), f.bestEpoch(), f.seconds()));
            if (!e.report().isEmpty()) {
                System.out.println(e.report());
            }
        }
        System.out.println("fits in " + out.resolve(DeviceFitStudy.FILE));
        return 0;
    }

    /**
     * Refuses settings that the model does not take, naming the option, before any data are read: drive history and
     * log power are for the neural SDE and its deterministic form, the physics-residual twin is fitted by likelihood.
     */
    private void checkModelOptions() {
        if (model == TwinFitJob.Model.AUTO_OSCILLATOR) {
            if (driveHistory != 0) {
                throw new RefusedInputException("--drive-history: the auto-oscillator twin has no networks; "
                        + "drive history is for --model neural-sde or deterministic");
            }
            if (logPower) {
                throw new RefusedInputException("--log-power: the auto-oscillator twin works in physical units; "
                        + "log power is for --model neural-sde or deterministic");
            }
        } else if (model == TwinFitJob.Model.PHYSICS_RESIDUAL) {
            if (driveHistory != 0) {
                throw new RefusedInputException("--drive-history: the physics-residual twin reads the device's state "
                        + "off the power and the drive; drive history is for --model neural-sde or deterministic");
            }
            if (logPower) {
                throw new RefusedInputException("--log-power: the physics-residual twin's state is the physical power p; "
                        + "log power is for --model neural-sde or deterministic");
            }
            if (!physics.equals("joint") && !physics.equals("fixed")) {
                throw new RefusedInputException("--physics: expected joint or fixed, got \"" + physics + "\"");
            }
            if (objective != Objective.LIKELIHOOD) {
                throw new RefusedInputException("--objective " + objective.name().toLowerCase()
                        + ": the physics-residual twin is fitted by likelihood only");
            }
        }
    }

    /**
     * Refuses bad numbers before any file is read or written, and networks too big for the JVM: the estimate counts
     * every weight four times (value, gradient, Adam's two moments) plus a gradient per worker thread, and the
     * activations of one batch.
     */
    private void checkOptions() {
        OptionChecks.between("--window", window, 2, Limits.MAX_SAMPLES);
        OptionChecks.epochs("--epochs", epochs);
        OptionChecks.samples("--batch", batch);
        OptionChecks.check("--lr", lr, Limits.positiveAtMost(lr, 1));
        OptionChecks.epochs("--patience", patience);
        OptionChecks.fraction("--held-out", heldOut);
        OptionChecks.atLeast("--latent", latent, 0);
        OptionChecks.atLeast("--drive-history", driveHistory, 0);
        OptionChecks.atLeast("--hidden", hidden, 1);
        OptionChecks.threads("--threads", threads);
        checkModelOptions();
        NeuralSdeArchitecture arch = new NeuralSdeArchitecture(latent, hidden, 16, 1e-5, true, driveHistory);
        String sizedBy = OptionChecks.given("--hidden", hidden) + (latent > 0 ? " " + OptionChecks.given("--latent",
                latent) : "") + (driveHistory > 0 ? " " + OptionChecks.given("--drive-history", driveHistory) : "");
        long perTransition = Limits.saturatedSum(arch.networkInputs(), Limits.saturatedProduct(2, hidden), 16,
                arch.dynamicSize());
        OptionChecks.memory(sizedBy, Limits.saturatedProduct(8, Limits.saturatedSum(
                Limits.saturatedProduct(arch.parameterCount(), 4L + threads),
                Limits.saturatedProduct(batch, perTransition, 4))));
        String array = Limits.arrayLength(arch.largestMatrix(), "the largest weight matrix");
        if (array != null) {
            OptionChecks.budget(sizedBy + ":", array);
        }
    }

    /** Command-line options of the {@link FitOptions} components, for refusals that name what the person typed. */
    private static final Map<String, String> OPTION_OF = Map.of("epochs", "--epochs", "batchSize", "--batch",
            "learningRate", "--lr", "patience", "--patience", "heldOutFraction", "--held-out", "threads", "--threads",
            "window", "--window", "objective", "--objective");

    /** The fit's settings; the physics-residual fit keeps its 24-step window and power in W, as before. */
    private FitOptions fitOptions() {
        boolean physicsResidual = model == TwinFitJob.Model.PHYSICS_RESIDUAL;
        try {
            return new FitOptions(epochs, batch, lr, patience, heldOut, seed, threads, objective,
                    physicsResidual ? 24 : window, !physicsResidual && logPower).withPrecision(precision);
        } catch (FitOptions.Invalid e) {
            // a value out of range: one line, like every other option check (OptionChecks)
            throw new RefusedInputException(e.describe(f -> OPTION_OF.getOrDefault(f, f)), e);
        }
    }

    /** A start well inside the bounds, read off the data (see {@link AutoOscillatorIdentification#startValues}). */
    static AutoOscillator.Values startValues(SequenceData d) {
        return AutoOscillatorIdentification.startValues(d);
    }

    private List<String> describeOptions() {
        List<String> o = new java.util.ArrayList<>();
        data.forEach(f -> o.add("--data " + f));
        o.add("--out " + out);
        o.add("--model " + model.name().toLowerCase().replace('_', '-'));
        if (model == TwinFitJob.Model.PHYSICS_RESIDUAL) {
            o.add("--physics " + physics);
        }
        o.add("--objective " + objective.name().toLowerCase());
        if (logPower) {
            o.add("--log-power");
        }
        if (driveHistory > 0) {
            o.add("--drive-history " + driveHistory);
        }
        if (latent > 0) {
            o.add("--latent " + latent);
        }
        if (hidden != 16) {
            o.add("--hidden " + hidden);
        }
        if (window != 24) {
            o.add("--window " + window);
        }
        o.add("--epochs " + epochs);
        o.add("--precision " + precision.configName());
        o.add("--seed " + seed);
        return o;
    }
}
