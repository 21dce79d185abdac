package io.spinloop.lab.sweep;

import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.SpectrumTrace;
import io.spinloop.drivers.analyzer.SweepSettings;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.lab.RunOutcome;
import io.spinloop.lab.RunProgress;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.bench.RunGuard;
import io.spinloop.lab.bench.TrafficCounter;
import io.spinloop.lab.config.Limits;
import io.spinloop.lab.config.SpectrumSettings;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.SweepRecorder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A current sweep of one device: for each current, ramp, settle, take one single sweep of the spectrum,
 * fit the line ({@link LineShapeFitter}) and record the point before moving on. Whatever ends the run
 * (the last current, Ctrl-C, an instrument that dies), the source ends at zero with its output off and
 * every completed point is in the journal.
 */
public final class SweepRunner {
    private final DeviceRig rig;
    private final SpectrumSettings spectrum;
    private final double settleS;

    public SweepRunner(DeviceRig rig, SpectrumSettings spectrum, double settleS) {
        this.rig = rig;
        this.spectrum = spectrum;
        this.settleS = settleS;
    }

    /** The currents from {@code from} to {@code to} (included when a step lands on it) in steps of {@code step}. */
    public static double[] currents(double from, double to, double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("--step must be positive, got " + step);
        }
        long points = Limits.sweepPoints(from, to, step);
        if (points > Limits.MAX_SWEEP_POINTS) { // the commands refuse this first, naming the option
            throw new IllegalArgumentException("a step of " + step + " A from " + from + " A to " + to + " A gives "
                    + Limits.count(points) + " points; at most " + Limits.count(Limits.MAX_SWEEP_POINTS) + " per sweep");
        }
        int n = (int) points;
        double dir = to >= from ? 1 : -1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = from + dir * i * step;
        }
        return out;
    }

    /** Configures the analyzer as the preset says and returns what it actually set. */
    public static SweepSettings configureAnalyzer(SpectrumAnalyzer sa, SpectrumSettings s) {
        sa.setCenterSpan(s.centerHz(), s.spanHz());
        sa.setResolutionBandwidth(s.rbwHz());
        if (s.vbwHz() != null) {
            sa.setVideoBandwidth(s.vbwHz());
        }
        sa.setPoints(s.points());
        sa.setReferenceLevel(s.refLevelDbm());
        sa.setAveraging(s.averages());
        return sa.settings();
    }

    /** Settings stored with the sweep, as the analyzer reported them. */
    public Map<String, Object> settingsOf(SweepSettings actual, double complianceV) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("center_Hz", actual.centerHz());
        m.put("span_Hz", actual.spanHz());
        m.put("rbw_Hz", actual.resolutionBandwidthHz());
        m.put("vbw_Hz", actual.videoBandwidthHz());
        m.put("trace_points", actual.points());
        m.put("sweep_time_s", actual.sweepTimeS());
        m.put("averages", spectrum.averages());
        m.put("ref_level_dBm", spectrum.refLevelDbm());
        m.put("settle_s", settleS);
        m.put("compliance_V", complianceV);
        m.put("source", rig.source().name() + ": " + rig.source().identity().raw());
        m.put("analyzer", rig.analyzer().name() + ": " + rig.analyzer().identity().raw());
        m.put("line_fit", "Lorentzian line through a Gaussian RBW filter (Voigt) over a flat floor, least squares in "
                + "dB refined by reweighted least squares on linear power (unbiased under the detector's multiplicative "
                + "noise); power_W is the line's area (0 when no line stands 6 dB out of the floor), linewidth_Hz its "
                + "Lorentzian FWHM");
        return m;
    }

    public RunOutcome run(double[] currentsA, MeasurementRecorder recorder, RunProgress progress, RunGuard guard)
            throws IOException {
        CurrentSource src = rig.source();
        SpectrumAnalyzer sa = rig.analyzer();
        double compliance = rig.complianceV();
        long start = System.nanoTime();
        int done = 0;
        Throwable failure = null;
        SweepRecorder sweep = null;
        boolean watched = progress.watchesDetails();
        TrafficCounter traffic = watched ? TrafficCounter.on(rig) : null;
        progress.stoppable(guard::requestStop);
        try {
            SweepSettings actual = configureAnalyzer(sa, spectrum);
            double[] freq = actual.frequencyAxis();
            LineShapeFitter fitter = new LineShapeFitter(actual.resolutionBandwidthHz());
            sweep = recorder.beginSweep(rig.id(), freq, settingsOf(actual, compliance));
            src.setComplianceVoltage(compliance);
            src.outputOn();
            double[] trace = new double[freq.length];
            for (double current : currentsA) {
                if (guard.stopRequested()) {
                    break;
                }
                src.setCurrent(current);
                settle();
                SpectrumTrace t = sa.sweep();
                for (int j = 0; j < trace.length; j++) {
                    trace[j] = t.powerDbm()[j];
                }
                LineFit fit = fitter.fit(freq, trace);
                sweep.addPoint(current, trace, fit.peakHz(), fit.powerW(), fit.linewidthHz());
                if (watched) {
                    progress.spectrum(new RunProgress.Spectrum(current, freq, trace.clone(),
                            () -> fitter.fittedDbm(freq, fit), fit.peakHz(), fit.powerW(), fit.linewidthHz()));
                    progress.source(traffic.panel(rig, null));
                }
                done++;
                progress.pointsDone(done, currentsA.length);
            }
            if (done == currentsA.length) {
                sweep.finish();
            }
        } catch (RuntimeException e) {
            // The drivers have already made the source safe; keep what was measured and say why it stopped.
            failure = e;
        } finally {
            rig.stopSafely(progress);
            if (watched) {
                progress.source(traffic.panel(rig, failure));
            }
        }
        return new RunOutcome(currentsA.length, done, guard.stopRequested(), failure, (System.nanoTime() - start) * 1e-9);
    }

    private void settle() {
        if (settleS <= 0) {
            return;
        }
        try {
            Thread.sleep((long) (settleS * 1e3), (int) ((settleS * 1e9) % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
