package io.spinloop.lab.sequence;

import io.spinloop.lab.RunOutcome;
import io.spinloop.lab.RunProgress;
import io.spinloop.lab.RunRefusedException;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.bench.MeasurementSession;
import io.spinloop.lab.bench.Recording;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.InstrumentCapability;
import io.spinloop.lab.config.ModelCapabilities;
import io.spinloop.lab.config.RunCapabilities;
import io.spinloop.lab.config.SequencePreset;
import io.spinloop.lab.list.ListPlayer;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.RunResumption;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drive sequences recorded on one device of a lab-config's bench, R repeats of each, into an HDF5 file: what
 * {@code spinloop measure sequences} runs. Generates the sequences ({@link DriveSequences}), checks the output before
 * the bench is opened and the length against the source that answered, finds the line unless the config fixes the
 * zero span, measures the list point period, then records ({@link SequenceRunner}).
 */
public final class SequenceMeasurement {
    private SequenceMeasurement() {
    }

    /**
     * What to record; the rest comes from the lab-config's {@code presets.sequences}.
     *
     * @param lengthFrom what set the length, for messages ({@code --length 150}, or the preset)
     */
    public record Plan(LoadedLabConfig config, DeviceConfig device, int sequences, int repeats, int length, long seed,
                       String lengthFrom) {
        SequencePreset preset() {
            return config.config().presets().sequences();
        }

        /** Largest change between points: the device's ramp step, or its ramp rate over one dwell if smaller. */
        public double maxStepA() {
            return Math.min(device.limits().rampStepA(), device.limits().rampRateAPerS() * preset().dwellS());
        }
    }

    /**
     * How the recording ended, where the zero span sat and the point period its time base used.
     *
     * @param centerHz     the zero span's frequency (the line at the middle drive, or the config's)
     * @param pointPeriodS one list point as measured on the bench
     */
    public record Result(RunOutcome outcome, double centerHz, double pointPeriodS) {
    }

    /** Runs {@code plan} into {@code to}, reporting each repeat to {@code progress}. */
    public static Result run(Plan plan, Recording to, RunProgress progress) throws IOException {
        SequencePreset preset = plan.preset();
        double maxStep = plan.maxStepA();
        DriveSequences generator = new DriveSequences(preset.minA(), preset.maxA(), maxStep);
        double[][] drives = generator.generate(plan.sequences(), plan.length(), plan.seed());
        String described = String.format(java.util.Locale.ROOT, "sequences; %d sequences of %d points, %d repeats,"
                + " seed %d; preset %s", plan.sequences(), plan.length(), plan.repeats(), plan.seed(), preset);
        if (to.resume()) {
            MeasurementSession.checkResumable(to, plan.config(), plan.device(), "sequences", described);
            long complete = RunResumption.recoverIfComplete(to.file());
            if (complete >= 0) { // killed while finalising, or after: everything was recorded
                progress.message(to.file() + " is complete (" + complete + " repeats): nothing left to measure");
                Map<String, Object> was = MeasurementFile.open(to.file()).sequences().orElseThrow().settings();
                return new Result(new RunOutcome((int) complete, (int) complete, false, null, 0),
                        ((Number) was.get("center_Hz")).doubleValue(), ((Number) was.get("point_period_s")).doubleValue());
            }
        } else {
            MeasurementSession.checkOutput(to.file(), to.overwrite());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("generator", "even sequences: random levels held 2..T/8 dwells; odd: steps from a base level; "
                + "at most max_step_A between points, start and end at bias_A");
        extra.put("seed", plan.seed());
        extra.put("min_A", preset.minA());
        extra.put("max_A", preset.maxA());
        extra.put("max_step_A", maxStep);
        RunCapabilities.requireOfSource(plan.config(), plan.device(), RunCapabilities.LIST_PLAYBACK,
                "measure sequences");
        try (MeasurementSession session = MeasurementSession.open(plan.config(), plan.device())) {
            checkLength(session.rig(), plan);
            checkCapabilities(session.rig());
            SequenceRunner runner = new SequenceRunner(session.rig(), preset.dwellS(), preset.rbwHz(),
                    preset.refLevelDbm()).instrumentLimitsLifted(session.instrumentLimitsLifted());
            if (to.resume()) {
                return resume(plan, to, progress, session, runner, drives, generator.midA(), extra);
            }
            double center = preset.centerHz() != null ? preset.centerHz()
                    : runner.findLine(generator.midA(), plan.config().config().presets().sweep().analyzer());
            // The time base first: a period the source's settings cannot produce stops the run with no file.
            double period = runner.measurePointPeriod(center, generator.midA(), maxStep, progress);
            var recorder = session.record(to, Map.of("sequences", plan.seed()), "sequences", described);
            RunOutcome outcome = runner.run(drives, plan.repeats(), center, generator.midA(), period, extra, recorder,
                    progress, session.guard());
            return new Result(outcome, center, period);
        }
    }

    /**
     * Continues an interrupted recording: the zero span's center and the point period are those stored with the
     * interrupted run (one time base for the whole file), the repeats it recorded are not played again.
     */
    private static Result resume(Plan plan, Recording to, RunProgress progress, MeasurementSession session,
                                 SequenceRunner runner, double[][] drives, double biasA, Map<String, Object> extra)
            throws IOException {
        session.checkSameInstruments(to, progress);
        RunResumption.Resumed r = session.resume(to);
        if (r.sequences() == null) {
            throw new RunRefusedException("--resume " + to.file() + ": the interrupted run recorded no sequence yet"
                    + " (it stopped while finding the line or measuring the point period); measure it again");
        }
        Map<String, Object> was = r.previous().sequences().get().settings();
        double center = ((Number) was.get("center_Hz")).doubleValue();
        double period = ((Number) was.get("point_period_s")).doubleValue();
        RunOutcome outcome = runner.run(drives, plan.repeats(), center, biasA, period, extra,
                (time, settings) -> r.sequences(), progress, session.guard());
        return new Result(outcome, center, period);
    }

    /**
     * Refuses sequences longer than the source that answered holds ({@code model: auto} was checked against the most
     * permissive source; this is the one that answered).
     */
    private static void checkCapabilities(DeviceRig rig) {
        String idn = rig.source().identity().raw();
        ModelCapabilities.fromIdn(idn).ifPresent(m -> {
            for (InstrumentCapability c : RunCapabilities.LIST_PLAYBACK) {
                if (!m.has(c)) {
                    throw new RunRefusedException("measure sequences needs " + c.configName() + " of source '"
                            + rig.source().name() + "', which '" + idn + "' (" + m.configName() + ") lacks; its"
                            + " output was left off and nothing was recorded");
                }
            }
        });
    }

    private static void checkLength(DeviceRig rig, Plan plan) {
        int holds = ListPlayer.capacity(rig.source(), plan.length());
        if (holds < plan.length()) {
            throw new RunRefusedException(plan.lengthFrom() + " does not fit the source list of "
                    + rig.source().identity().raw() + " (at most " + holds + " points)");
        }
    }
}
