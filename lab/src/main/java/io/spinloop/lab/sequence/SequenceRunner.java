package io.spinloop.lab.sequence;

import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.SpectrumTrace;
import io.spinloop.drivers.analyzer.SweepSettings;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.lab.RunOutcome;
import io.spinloop.lab.RunProgress;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.bench.RunGuard;
import io.spinloop.lab.bench.TrafficCounter;
import io.spinloop.lab.config.SpectrumSettings;
import io.spinloop.lab.list.ListPlayer;
import io.spinloop.lab.list.PointPeriod;
import io.spinloop.lab.list.ZeroSpan;
import io.spinloop.lab.sweep.LineFit;
import io.spinloop.lab.sweep.LineShapeFitter;
import io.spinloop.lab.sweep.SweepRunner;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.SequenceRecorder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records drive sequences for a digital twin: each sequence is played by the source as a list sweep
 * whose trigger-link pulses start the analyzer's zero-span sweep, so the analyzer records the power
 * at one frequency versus time while the drive changes. Repeats are interleaved (repeat 1 of every
 * sequence, then repeat 2, ...) so slow drift spreads evenly instead of biasing one sequence. A run stopped or
 * killed midway thus has no sequence with all its repeats, but complete rounds of them, which is what a twin
 * fit then uses ({@link io.spinloop.measurements.SequenceSet#completeRounds()}).
 *
 * <p>Zero span sees the power inside the RBW filter at the center frequency, and the line moves with the
 * drive (nonlinear frequency shift). So the center is put on the line at the middle drive (found from a
 * spectrum unless the config fixes it) and the RBW is the widest the analyzer has; the stored power is the
 * power in that filter, which follows the oscillator's power while the line stays inside the filter.
 *
 * <p>A SourceMeter's list point lasts longer than its source delay (the dwell): each point also measures
 * (1 NPLC is 17–20 ms on a 2400) and has a processing overhead. The zero-span time base must match the real
 * point period, so the runner measures it on the bench first ({@link #measurePointPeriod}, the lab's one
 * {@link PointPeriod} measurement).
 */
public final class SequenceRunner {
    /** The least zero-span points any supported analyzer takes (R&S FSV: 101). */
    private static final int MIN_ZERO_SPAN_POINTS = 401;

    private final DeviceRig rig;
    private final double dwellS;
    private final double rbwHz;
    private final double refLevelDbm;
    private boolean instrumentLimitsLifted;
    /** Why the last measured point period is doubtful (longer than the settings explain), or null. */
    private String periodWarning;

    public SequenceRunner(DeviceRig rig, double dwellS, double rbwHz, double refLevelDbm) {
        this.rig = rig;
        this.dwellS = dwellS;
        this.rbwHz = rbwHz;
        this.refLevelDbm = refLevelDbm;
    }

    /**
     * For an emulated bench whose instrument limits are lifted: a list point lasts its dwell alone, so the point
     * period is checked against the dwell instead of the source's integration time.
     */
    public SequenceRunner instrumentLimitsLifted(boolean lifted) {
        this.instrumentLimitsLifted = lifted;
        return this;
    }

    /** The line's frequency at {@code currentA}, from one spectrum taken with {@code spectrum}. */
    public double findLine(double currentA, SpectrumSettings spectrum) {
        CurrentSource src = rig.source();
        SweepSettings actual = SweepRunner.configureAnalyzer(rig.analyzer(), spectrum);
        src.setComplianceVoltage(rig.complianceV());
        src.outputOn();
        src.setCurrent(currentA);
        SpectrumTrace t = rig.analyzer().sweep();
        double[] dbm = new double[t.points()];
        for (int i = 0; i < dbm.length; i++) {
            dbm[i] = t.powerDbm()[i];
        }
        LineFit fit = new LineShapeFitter(actual.resolutionBandwidthHz()).fit(t.frequencyHz(), dbm);
        if (!fit.detected()) {
            throw new IllegalStateException(rig.id() + ": no line at " + currentA * 1e3
                    + " mA in " + spectrum.centerHz() / 1e9 + " GHz ± " + spectrum.spanHz() / 2e9
                    + " GHz; set presets.sequences.center_Hz or check the device");
        }
        return fit.peakHz();
    }

    /**
     * Measures how long one list point really lasts ({@link PointPeriod}: a plateau one step above the bias, the line
     * moved out of the filter, between holds at the bias) and checks it against the source's settings: an impossible
     * period stops the run (before anything is recorded); a doubtful one is told to {@code progress} and stored with
     * the sequences.
     */
    public double measurePointPeriod(double centerHz, double biasA, double stepA, RunProgress progress) {
        PointPeriod.Measured m = PointPeriod.measure(new ListPlayer(rig), centerHz, rbwHz, dwellS, biasA,
                biasA + stepA, instrumentLimitsLifted);
        periodWarning = m.warning();
        if (periodWarning != null) {
            progress.warning(periodWarning);
        }
        return m.periodS();
    }

    public RunOutcome run(double[][] drives, int repeats, double centerHz, double biasA, double pointPeriodS,
            Map<String, Object> extra, MeasurementRecorder recorder, RunProgress progress, RunGuard guard) throws IOException {
        return run(drives, repeats, centerHz, biasA, pointPeriodS, extra,
                (time, settings) -> recorder.beginSequences(rig.id(), time, repeats, settings), progress, guard);
    }

    /** Where the repeats go: new sequences, or those of the run being resumed (whose repeats are skipped). */
    @FunctionalInterface
    public interface Target {
        SequenceRecorder open(double[] timeS, Map<String, Object> settings) throws IOException;
    }

    /**
     * As above, into {@code target}: the repeats it holds already (a resumed run) are not measured again; the
     * source starts from zero and ramps as in every run.
     */
    public RunOutcome run(double[][] drives, int repeats, double centerHz, double biasA, double pointPeriodS,
            Map<String, Object> extra, Target target, RunProgress progress, RunGuard guard) throws IOException {
        CurrentSource src = rig.source();
        SpectrumAnalyzer sa = rig.analyzer();
        int steps = drives[0].length;
        int perStep = (MIN_ZERO_SPAN_POINTS + steps - 1) / steps;
        int points = perStep * steps;
        double sweepTime = steps * pointPeriodS;
        double[] time = new double[steps];
        for (int t = 0; t < steps; t++) {
            time[t] = t * pointPeriodS;
        }
        Map<String, Object> settings = new LinkedHashMap<>(extra);
        settings.put("center_Hz", centerHz);
        settings.put("rbw_Hz", rbwHz);
        settings.put("span_Hz", 0.0);
        settings.put("dwell_s", dwellS);
        settings.put("point_period_s", pointPeriodS);
        settings.put("zero_span_points", points);
        settings.put("ref_level_dBm", refLevelDbm);
        settings.put("bias_A", biasA);
        settings.put("power", "power inside the RBW filter at center_Hz, mean over the middle half of each list point (W)");
        settings.put("time_base", "point_period_s measured on the bench before the run (source delay + measurement + "
                + "overhead)");
        if (periodWarning != null) {
            settings.put("point_period_warning", periodWarning);
        }
        settings.put("source", src.name() + ": " + src.identity().raw());
        settings.put("analyzer", sa.name() + ": " + sa.identity().raw());
        int planned = drives.length * repeats;
        long start = System.nanoTime();
        int done = 0;
        Throwable failure = null;
        boolean watched = progress.watchesDetails();
        TrafficCounter traffic = watched ? TrafficCounter.on(rig) : null;
        progress.stoppable(guard::requestStop);
        try {
            SequenceRecorder seq = target.open(time, settings);
            done = seq.repeatsRecorded();
            src.setComplianceVoltage(rig.complianceV());
            src.outputOn();
            sa.setReferenceLevel(refLevelDbm);
            double[] power = new double[steps];
            ListPlayer player = new ListPlayer(rig);
            ZeroSpan zeroSpan = new ZeroSpan(centerHz, rbwHz, sweepTime, points);
            outer:
            for (int r = 0; r < repeats; r++) {
                for (int s = 0; s < drives.length; s++) {
                    if (seq.taken(s, r)) {
                        continue;
                    }
                    if (guard.stopRequested()) {
                        break outer;
                    }
                    src.setCurrent(biasA);
                    PowerVersusTime pvt = player.play(drives[s], dwellS, zeroSpan);
                    ListPlayer.wattsPerPoint(pvt, steps, power);
                    seq.addRepeat(s, r, drives[s], power);
                    if (watched) {
                        progress.zeroSpan(new RunProgress.ZeroSpanReading(s, r, time, drives[s].clone(), power.clone()));
                        progress.source(traffic.panel(rig, null));
                    }
                    done++;
                    progress.pointsDone(done, planned);
                }
            }
            if (done == planned) {
                seq.finish();
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            rig.stopSafely(progress);
            if (watched) {
                progress.source(traffic.panel(rig, failure));
            }
        }
        return new RunOutcome(planned, done, guard.stopRequested(), failure, (System.nanoTime() - start) * 1e-9);
    }
}
