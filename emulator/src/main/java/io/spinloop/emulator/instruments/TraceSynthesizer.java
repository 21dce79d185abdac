package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.OperatingPoint;
import io.spinloop.emulator.physics.Stno;
import io.spinloop.emulator.physics.TraceNoise;
import io.spinloop.emulator.physics.VoigtProfile;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a swept analyzer's trace shows for given settings: the measurement physics behind
 * {@link SpectrumAnalyzer}. Every wired oscillator's line through the Gaussian resolution filter (swept: the
 * line at each point's time; zero span: the power inside the filter at the center frequency, following the
 * line as it moves and limited by the filter's response time), over the thermal floor of −150 dBm/Hz times the
 * filter's noise bandwidth, with the fluctuations of detected noise ({@link TraceNoise}).
 */
final class TraceSynthesizer {
    private static final double DANL_W_PER_HZ = 1e-3 * Math.pow(10, -150 / 10.0);

    private TraceSynthesizer() {
    }

    /** The trace a sweep with this setup, started at bench time {@code t0}, shows. */
    static float[] synthesize(List<Stno> devices, SweepSetup s, double t0, SplittableRandom rng) {
        int n = s.points();
        float[] out = new float[n];
        double[] linear = new double[n];
        double enbw = VoigtProfile.GAUSSIAN_NOISE_BANDWIDTH * s.rbw();
        double floor = DANL_W_PER_HZ * enbw;
        TraceNoise signalNoise = TraceNoise.forLooks(s.looks(), rng);
        double[] coherence = new double[n];
        for (Stno d : devices) {
            if (s.zeroSpan()) {
                addZeroSpan(d, s, t0, linear, coherence, rng);
            } else {
                addSwept(d, s, t0, linear, coherence);
            }
        }
        TraceNoise floorNoise = TraceNoise.forLooks(s.looks(), rng);
        for (int i = 0; i < n; i++) {
            double sig = linear[i];
            double g = signalNoise.next();
            double c = sig > 0 ? coherence[i] / sig : 0;
            double w = sig * (1 + c * (g - 1)) + floor * floorNoise.next();
            out[i] = (float) (10 * Math.log10(w * 1e3));
        }
        return out;
    }

    private static void addSwept(Stno d, SweepSetup s, double t0, double[] linear, double[] noiseLike) {
        int n = s.points();
        double dt = n > 1 ? s.sweepTime() / (n - 1) : 0;
        double lastCurrent = Double.NaN;
        double line = 0;
        double power = 0;
        double c = 0;
        VoigtProfile profile = null;
        boolean steady = d.lastChangeAtOrBefore(t0 + s.sweepTime()) <= t0 && !d.isDead(t0 + s.sweepTime());
        for (int i = 0; i < n; i++) {
            double t = t0 + i * dt;
            double current = steady ? lastCurrentOr(d, t0, lastCurrent) : d.currentAt(t);
            if (current != lastCurrent || profile == null || (!steady && d.isDead(t) && power > 0)) {
                OperatingPoint op = d.operatingPoint(t, current);
                double p = op.meanPower();
                line = op.frequency(p);
                power = op.emittedPower(p);
                double width = op.linewidth();
                profile = new VoigtProfile(width, s.rbw());
                c = width / (width + s.rbw());
                lastCurrent = current;
            }
            if (power > 0) {
                double v = power * profile.measuredFraction(s.axis(i) - line);
                linear[i] += v;
                noiseLike[i] += v * c;
            }
        }
    }

    private static double lastCurrentOr(Stno d, double t0, double last) {
        return Double.isNaN(last) ? d.currentAt(t0) : last;
    }

    private static void addZeroSpan(Stno d, SweepSetup s, double t0, double[] linear, double[] noiseLike,
                                    SplittableRandom rng) {
        int n = s.points();
        double[] times = new double[n];
        double dt = n > 1 ? s.sweepTime() / (n - 1) : 0;
        for (int i = 0; i < n; i++) {
            times[i] = t0 + i * dt;
        }
        double[] p = new double[n];
        double[] current = new double[n];
        d.observe(times, n, 1 / s.rbw(), rng, p, current);
        double lastCurrent = Double.NaN;
        OperatingPoint op = null;
        VoigtProfile profile = null;
        double c = 0;
        double centerFrequency = s.start();
        // The resolution filter cannot follow faster than about 1/(π·RBW): a one-pole response over the points.
        double gain = dt > 0 ? 1 - Math.exp(-dt * Math.PI * s.rbw()) : 1;
        double smoothed = Double.NaN;
        double smoothedNoiseLike = 0;
        for (int i = 0; i < n; i++) {
            if (current[i] != lastCurrent || op == null) {
                op = d.operatingPoint(times[i], current[i]);
                double width = op.linewidth();
                profile = new VoigtProfile(width, s.rbw());
                c = width / (width + s.rbw());
                lastCurrent = current[i];
            }
            double power = d.isDead(times[i]) ? 0 : d.emittedPower(current[i], p[i]);
            double v = power > 0 ? power * profile.measuredFraction(centerFrequency - op.frequency(p[i])) : 0;
            if (Double.isNaN(smoothed)) {
                smoothed = v;
                smoothedNoiseLike = v * c;
            } else {
                smoothed += gain * (v - smoothed);
                smoothedNoiseLike += gain * (v * c - smoothedNoiseLike);
            }
            linear[i] += smoothed;
            noiseLike[i] += smoothedNoiseLike;
        }
    }
}
