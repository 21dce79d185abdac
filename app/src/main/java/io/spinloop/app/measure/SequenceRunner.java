package io.spinloop.app.measure;

import io.spinloop.app.bench.DeviceRig;
import io.spinloop.app.bench.RunGuard;
import io.spinloop.app.cli.ProgressBar;
import io.spinloop.app.config.SpectrumSettings;
import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.SpectrumTrace;
import io.spinloop.drivers.analyzer.SweepSettings;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.ListPointTiming;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.SequenceRecorder;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
 * point period, so the runner measures it on the bench first ({@link #measurePointPeriod}): a list that holds
 * the bias for a few points and then steps the line out of the filter shows, in a long zero-span trace, the
 * moment of the step.
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
        src.setComplianceVoltage(rig.device().limits().complianceV());
        src.outputOn();
        src.setCurrent(currentA);
        SpectrumTrace t = rig.analyzer().sweep();
        double[] dbm = new double[t.points()];
        for (int i = 0; i < dbm.length; i++) {
            dbm[i] = t.powerDbm()[i];
        }
        LineFit fit = new LineShapeFitter(actual.resolutionBandwidthHz()).fit(t.frequencyHz(), dbm);
        if (!fit.detected()) {
            throw new IllegalStateException(rig.device().id() + ": no line at " + currentA * 1e3
                    + " mA in " + spectrum.centerHz() / 1e9 + " GHz ± " + spectrum.spanHz() / 2e9
                    + " GHz; set presets.sequences.center_Hz or check the device");
        }
        return fit.peakHz();
    }

    /** Points held at the bias before the calibration step. */
    private static final int CALIBRATION_HOLD = 10;
    /** Longest point period the calibration can see, s (a 2400 at 10 NPLC and 50 Hz is about 0.2 s). */
    private static final double LONGEST_PERIOD_S = 0.25;
    private static final int CALIBRATION_POINTS = 4001;

    /**
     * Measures how long one list point really lasts: {@value #CALIBRATION_HOLD} points at the bias (the line in
     * the filter), then points one step away (the line out of it), watched in one long zero-span trace; the time
     * of the drop, found as the first edge of the best fit of three levels (bias, step, bias after the list), divided
     * by the points before it.
     */
    public double measurePointPeriod(double centerHz, double biasA, double stepA) {
        CurrentSource src = rig.source();
        SpectrumAnalyzer sa = rig.analyzer();
        double[] list = new double[2 * CALIBRATION_HOLD];
        for (int k = 0; k < list.length; k++) {
            list[k] = k < CALIBRATION_HOLD ? biasA : biasA + stepA;
        }
        double window = list.length * (dwellS + LONGEST_PERIOD_S);
        src.setCurrent(biasA);
        sa.armZeroSpan(centerHz, rbwHz, window, CALIBRATION_POINTS);
        src.runList(list, Duration.ofNanos(Math.round(dwellS * 1e9)), true);
        PowerVersusTime pvt = sa.awaitZeroSpan(Duration.ofNanos(Math.round((window + 10) * 1e9)));
        // Three constant levels (bias, step, bias again once the list has ended), least squares in dB where detected
        // noise is even; the period is the first edge over the points before it. Why not two levels (issue 12, item
        // 6): the source returns to the bias when the list ends, so in a trace 14 times longer than the list the bias
        // fills both ends; a two-level split had only the ~0.4 dB the short dip pulls off the right-hand mean to go
        // on, and the noise of each trace decided where it fell (2.13 or 12.9 ms instead of 18.1; 0.9 to 17 ms in
        // successive runs on one served bench). Which noise a trace gets depends on everything the analyzer drew
        // before it (earlier runs, other clients' traces), which is why another client, or just a second run on a
        // served bench, seemed to change the timing. The timing itself never moved: the emulator stamps the list's
        // steps, its trigger pulses and the trace window in one exchange, on one clock.
        int[] edges = dipEdges(pvt.powerDbm());
        if (edges == null) {
            throw new IllegalStateException(rig.device().id() + ": could not see the calibration step in zero span at "
                    + centerHz / 1e9 + " GHz; is the line there (presets.sequences.center_Hz)?");
        }
        double period = pvt.timeS()[edges[0]] / CALIBRATION_HOLD;
        checkPeriod(period, 2 * (pvt.timeS()[1] - pvt.timeS()[0]) / CALIBRATION_HOLD);
        return period;
    }

    /**
     * Refuses a period shorter than the source's settings allow (its dwell plus its integration time) and keeps a
     * warning, stored with the sequences and printed, for one far longer than they explain.
     *
     * @param resolutionS what the measurement cannot tell apart
     * @throws IllegalStateException for an impossible period: the run stops before anything is recorded
     */
    private void checkPeriod(double periodS, double resolutionS) {
        Duration dwell = Duration.ofNanos(Math.round(dwellS * 1e9));
        ListPointTiming allowed = instrumentLimitsLifted ? ListPointTiming.delayOnly(dwellS)
                : rig.source().listPointTiming(dwell);
        Optional<String> warning = allowed.check(rig.device().id() + ": " + rig.source().name(), periodS, resolutionS);
        periodWarning = warning.orElse(null);
        warning.ifPresent(w -> System.err.println("spinloop: warning: " + w));
    }

    /**
     * The best fit of three constant levels high, low, high to {@code dbm} (least squares, prefix sums): the first
     * point of the low level and the first point after it, or null when no dip fits.
     */
    static int[] dipEdges(float[] dbm) {
        int n = dbm.length;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + dbm[i];
        }
        // Minimising the squared error is maximising sum(segment sum^2 / segment length); O(n^2) over 4001 points.
        double best = Double.NEGATIVE_INFINITY;
        int[] edges = null;
        for (int a = 1; a < n - 1; a++) {
            double left = prefix[a];
            double ml = left / a;
            for (int b = a + 1; b < n; b++) {
                double mid = prefix[b] - left;
                double mm = mid / (b - a);
                double right = prefix[n] - prefix[b];
                double mr = right / (n - b);
                if (mm >= ml || mm >= mr) {
                    continue;
                }
                double explained = left * ml + mid * mm + right * mr;
                if (explained > best) {
                    best = explained;
                    edges = new int[] {a, b};
                }
            }
        }
        return edges;
    }

    public RunOutcome run(double[][] drives, int repeats, double centerHz, double biasA, double pointPeriodS,
            Map<String, Object> extra, MeasurementRecorder recorder, ProgressBar bar, RunGuard guard) throws IOException {
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
        try {
            SequenceRecorder seq = recorder.beginSequences(rig.device().id(), time, repeats, settings);
            src.setComplianceVoltage(rig.device().limits().complianceV());
            src.outputOn();
            sa.setReferenceLevel(refLevelDbm);
            double[] power = new double[steps];
            Duration dwell = Duration.ofNanos(Math.round(dwellS * 1e9));
            Duration wait = Duration.ofNanos(Math.round((sweepTime + 5.0) * 1e9));
            outer:
            for (int r = 0; r < repeats; r++) {
                for (int s = 0; s < drives.length; s++) {
                    if (guard.stopRequested()) {
                        break outer;
                    }
                    src.setCurrent(biasA);
                    sa.armZeroSpan(centerHz, rbwHz, sweepTime, points);
                    src.runList(drives[s], dwell, true);
                    PowerVersusTime pvt = sa.awaitZeroSpan(wait);
                    perStepPower(pvt, steps, power);
                    seq.addRepeat(s, r, drives[s], power);
                    done++;
                    bar.step();
                }
            }
            if (done == planned) {
                seq.finish();
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            SweepRunner.safeStop(src);
        }
        return new RunOutcome(planned, done, guard.stopRequested(), failure, (System.nanoTime() - start) * 1e-9);
    }

    /**
     * Mean power (W) of the zero-span bins in the middle half of each list point: away from the steps, so a
     * small error of the measured point period cannot mix neighbouring points.
     */
    static void perStepPower(PowerVersusTime pvt, int steps, double[] out) {
        int n = pvt.points();
        java.util.Arrays.fill(out, 0);
        int[] count = new int[steps];
        for (int i = 0; i < n; i++) {
            double pos = (i + 0.5) * steps / n;
            int t = Math.min(steps - 1, (int) pos);
            double frac = pos - t;
            if (frac >= 0.25 && frac <= 0.75) {
                out[t] += Math.pow(10, pvt.powerDbm()[i] / 10.0) * 1e-3;
                count[t]++;
            }
        }
        for (int t = 0; t < steps; t++) {
            out[t] = count[t] > 0 ? out[t] / count[t] : 0;
        }
    }
}
