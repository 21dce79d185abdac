package io.spinloop.twin.fit;

import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.file.TwinRecord;
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.model.PhysicsResidualSde;
import io.spinloop.twin.sysid.AutoOscillatorIdentification;
import io.spinloop.twin.sysid.Estimate;
import io.spinloop.twin.validate.ValidationReport;
import io.spinloop.twin.validate.Validator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A twin fitted to recorded sequences, ready to be written as a twin file: the work of {@code spinloop twin fit},
 * callable without a command line (a cluster runs one fit as one task). The settings are checked by the caller; the
 * twin record carries the data's provenance, the fit's figures and the validation on the held-out sequences.
 */
public final class TwinFitJob {

    /** Which model to fit. */
    public enum Model { NEURAL_SDE, DETERMINISTIC, AUTO_OSCILLATOR, PHYSICS_RESIDUAL }

    /**
     * @param model the model fitted
     * @param jointPhysics physics-residual only: the physical parameters are fitted with the networks (else held at
     *     the system-identified values)
     * @param options the fit's options (null for the auto-oscillator, identified by its own optimiser)
     * @param latent latent states of the neural SDE
     * @param hidden drift MLP width
     * @param driveHistory past drives the neural SDE's networks see
     * @param logPower neural SDE / deterministic: the state is the power in dB
     * @param seed seed of the split (and, through {@code options}, of weights, batches and noise)
     * @param heldOut share of the sequences held out
     */
    public record Settings(Model model, boolean jointPhysics, FitOptions options, int latent, int hidden,
            int driveHistory, boolean logPower, long seed, double heldOut) implements java.io.Serializable {
    }

    /**
     * The fitted twin with its provenance and validation, the held-out sequences it was validated on, and the fit's
     * figures for a summary (the auto-oscillator's estimates with their standard errors, else objective, best epoch
     * and seconds).
     */
    public record Result(TwinRecord record, SequenceData heldOut, Map<String, Object> summary) {
    }

    private TwinFitJob() {
    }

    /**
     * Fits {@code settings.model()} to {@code data}; {@code command} is how the fit was asked for (kept in the
     * provenance), {@code progress} receives a line per step of the fit.
     */
    public static Result fit(RecordedSequences data, Settings settings, String command, Consumer<String> progress) {
        Map<String, Object> prov = new LinkedHashMap<>(data.provenance());
        prov.put("fitted_utc", Instant.now().toString());
        prov.put("seed", settings.seed());
        prov.put("held_out_fraction", settings.heldOut());
        prov.put("command", command);
        Map<String, Object> summary = new LinkedHashMap<>();
        return switch (settings.model()) {
            case AUTO_OSCILLATOR -> autoOscillator(data.data(), settings, prov, summary, progress);
            case PHYSICS_RESIDUAL -> physicsResidual(data.data(), settings, prov, summary, progress);
            case NEURAL_SDE, DETERMINISTIC -> neuralSde(data.data(), settings, prov, summary, progress);
        };
    }

    private static Result autoOscillator(SequenceData d, Settings s, Map<String, Object> prov,
            Map<String, Object> summary, Consumer<String> progress) {
        SequenceData[] split = d.split(s.heldOut(), s.seed());
        AutoOscillatorIdentification id = new AutoOscillatorIdentification(split[0]);
        AutoOscillatorIdentification.Result r = id.fit(AutoOscillatorIdentification.startValues(split[0]), 400, 0.05,
                progress);
        DigitalTwin twin = new DigitalTwin(new AutoOscillator(r.values()), Normalisation.identity(), d.sampleInterval());
        ValidationReport report = Validator.validate(twin, split[1], s.seed() + 17);
        prov.put("model", "auto-oscillator");
        prov.put("regime", r.quasiStatic() ? "quasi-static" : "dynamic");
        prov.put("fit_seconds", r.seconds());
        prov.put("negative_log_likelihood", r.negativeLogLikelihood());
        for (Estimate e : r.estimates()) {
            prov.put("standard_error_" + e.name(), e.standardError());
            summary.put(e.name(), Map.of("value", e.value(), "standard_error", e.standardError(), "fitted", e.fitted()));
        }
        r.estimates().forEach(e -> progress.accept("  " + e));
        if (r.quasiStatic()) {
            progress.accept("  quasi-static data: Γ_G held fixed, read D as D/Γ_G relative to it");
        }
        return new Result(new TwinRecord(twin, prov, report), split[1], summary);
    }

    private static Result physicsResidual(SequenceData d, Settings s, Map<String, Object> prov,
            Map<String, Object> summary, Consumer<String> progress) {
        PhysicsResidualFit.Result pr = PhysicsResidualFit.fit(d, s.hidden(), s.jointPhysics(), s.options(), progress);
        FitResult r = pr.fit();
        prov.put("model", "physics-residual (auto-oscillator prior, physics " + (s.jointPhysics() ? "joint" : "fixed")
                + ")");
        putFit(prov, summary, r);
        for (Estimate e : pr.physicsPrior().estimates()) {
            prov.put("prior_" + e.name(), e.value());
        }
        ((PhysicsResidualSde) r.twin().model()).physics().bounded().forEach(b -> progress.accept("  fitted " + b));
        return new Result(new TwinRecord(r.twin(), prov, r.validation()), d.split(s.heldOut(), s.seed())[1], summary);
    }

    private static Result neuralSde(SequenceData d, Settings s, Map<String, Object> prov, Map<String, Object> summary,
            Consumer<String> progress) {
        NeuralSdeArchitecture arch = new NeuralSdeArchitecture(s.latent(), s.hidden(), 16, 1e-5, true,
                s.driveHistory());
        if (s.model() == Model.DETERMINISTIC) {
            arch = arch.withoutDiffusion();
        }
        FitResult r = NeuralSdeFit.fit(d, arch, s.options(), progress);
        prov.put("log_power", s.logPower());
        prov.put("drive_history", s.driveHistory());
        prov.put("model", s.model() == Model.DETERMINISTIC ? "deterministic (drift only)" : "neural-sde");
        putFit(prov, summary, r);
        if (r.objective() == Objective.LIKELIHOOD) {
            // the kernel's arithmetic moves the fitted weights in their last digits; say which one made them
            prov.put("kernel_precision", s.options().precision().configName());
        }
        return new Result(new TwinRecord(r.twin(), prov, r.validation()), d.split(s.heldOut(), s.seed())[1], summary);
    }

    /** The figures of a gradient fit: into the provenance, and the short form into the summary. */
    private static void putFit(Map<String, Object> prov, Map<String, Object> summary, FitResult r) {
        prov.put("objective", r.objective().name().toLowerCase());
        prov.put("epochs_run", r.heldOutLosses().size());
        prov.put("best_epoch", r.bestEpoch());
        prov.put("fit_seconds", r.seconds());
        prov.put("training_sequences", r.trainingSequences());
        prov.put("held_out_sequences", r.heldOutSequences());
        summary.put("objective", r.objective().name().toLowerCase());
        summary.put("best_epoch", r.bestEpoch());
        summary.put("fit_seconds", r.seconds());
    }
}
