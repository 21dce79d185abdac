package io.spinloop.twin.neuron;

import io.spinloop.measurements.MeasurementFile;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.file.TwinRecord;
import io.spinloop.twin.fit.FitOptions;
import io.spinloop.twin.fit.FitResult;
import io.spinloop.twin.fit.NeuralSdeFit;
import io.spinloop.twin.fit.Objective;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.validate.ValidationReport;
import io.spinloop.twin.validate.Validator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Fits a device's neuron twin with the twin module from its recorded calibration sequences: reads {@code /sequences}
 * of the calibration's measurement file, fits a neural SDE ({@link NeuralSdeFit}: observed state the zero-span
 * power, input the drive) on the sequences not held out, writes it as a twin file with the neuron's window and
 * reading scale in its provenance, reads that file back (what the network runs on is what the file holds) and
 * validates it ({@link Validator}) on the held-out sequences against the measured floor, next to the
 * piecewise-linear baseline judged the same way.
 */
public final class NeuronTwinFit {

    /** Shape and fit settings of the neural SDE. */
    public record Settings(NeuralSdeArchitecture architecture, FitOptions options) {
        /**
         * 16 tanh units for drift and diffusion, state the reading in dB (log power, the units of the neuron's activation,
         * so the bottom of the window is fitted as well as the top), fitted by the transition likelihood: in dB it gets the
         * readings' noise right (stno-a: the neuron's sampled noise 0.038-0.043 in activation units against 0.038-0.048
         * measured), where the moment fit, which {@code auto} picked, gave 0.025-0.030 and so trained networks on too little
         * noise. 150 epochs of batches of 64 at 0.01 (patience 30; about 2 s per device): with 40 epochs of 256 at 0.02
         * the fit stopped early and its curve and noise were furthest off at the window's ends, where networks trained
         * on it then drove hardest (README, transfer study: chip MSE 0.18 against 0.11 now).
         */
        public static Settings defaults(long seed) {
            return new Settings(NeuralSdeArchitecture.standard(),
                    new FitOptions(150, 64, 1e-2, 30, 0.2, seed, 2, Objective.LIKELIHOOD, 24, true));
        }

        /** A smoke-run fit. */
        public static Settings quick(long seed) {
            return new Settings(NeuralSdeArchitecture.standard(),
                    new FitOptions(12, 256, 2e-2, 4, 0.25, seed, 2, Objective.LIKELIHOOD, 24, true));
        }
    }

    /**
     * A fitted neuron twin.
     *
     * @param twin       the neuron, as read back from {@code twinFile}
     * @param fit        the twin module's account of the fit (its own validation is on its early-stopping split)
     * @param heldOut    the twin on the calibration's held-out sequences, never used in fitting
     * @param baseline   the piecewise-linear {@link ResponseTwin} on the same held-out sequences
     */
    public record Fitted(SdeNeuronTwin twin, Path twinFile, FitResult fit, ValidationReport heldOut,
                         ValidationReport baseline) {
    }

    private NeuronTwinFit() {
    }

    public static Fitted fit(NeuronCalibration cal, Path twinFile, Settings s, Consumer<String> progress)
            throws IOException {
        if (cal.recording() == null) {
            throw new IllegalArgumentException(cal.device() + ": the calibration was not recorded to a measurement "
                    + "file; the twin module fits files");
        }
        SequenceData data = SequenceData.read(cal.recording());
        int n = data.sequences();
        int held = cal.heldOut();
        if (n - held < 2) {
            throw new IllegalArgumentException(cal.recording() + ": /sequences has " + n + " complete sequences; "
                    + held + " are held out, at least 2 must remain to fit");
        }
        SequenceData train = data.subset(IntStream.range(0, n - held).toArray());
        SequenceData test = data.subset(IntStream.range(n - held, n).toArray());
        FitResult fit = NeuralSdeFit.fit(train, s.architecture(), s.options(), progress == null ? m -> { } : progress);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("training_data", cal.recording().toAbsolutePath().toString());
        prov.put("training_run_id", MeasurementFile.open(cal.recording()).info().runId());
        prov.put("training_sequences", fit.trainingSequences());
        prov.put("early_stopping_sequences", fit.heldOutSequences());
        prov.put("validation_sequences", held);
        prov.put("repeats", data.repeats());
        prov.put("steps", data.steps());
        prov.put("objective", fit.objective().name().toLowerCase(java.util.Locale.ROOT));
        prov.put("log_power", s.options().logPower());
        prov.put("best_epoch", fit.bestEpoch());
        prov.put("fit_seconds", fit.seconds());
        prov.put("seed", s.options().seed());
        prov.put("regime", "quasi-static: one list point per step, the neuron's zero-span reading");
        prov.putAll(TwinRecord.driveRangeOf(train));
        prov.putAll(SdeNeuronTwin.neuronProvenance(cal.device(), cal.twin().lowA(), cal.twin().highA(),
                cal.twin().scale()));
        prov.putAll(cal.readoutProvenance());
        ValidationReport heldOut = test.repeats() >= 4 ? Validator.validate(fit.twin(), test, s.options().seed() + 29)
                : null;
        TwinFile.write(twinFile, new TwinRecord(fit.twin(), prov, heldOut), false);
        TwinRecord back = TwinFile.read(twinFile);
        SdeNeuronTwin neuron = SdeNeuronTwin.of(back, twinFile.toString());
        ValidationReport check = heldOut == null ? null : Validator.validate(back.twin(), test, s.options().seed() + 29);
        ValidationReport baseline = heldOut == null ? null
                : Validator.validate(cal.twin().asPowerTwin(), test, s.options().seed() + 29);
        return new Fitted(neuron, twinFile, fit, check, baseline);
    }
}
