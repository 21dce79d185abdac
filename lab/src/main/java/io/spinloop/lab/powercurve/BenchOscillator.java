package io.spinloop.lab.powercurve;

import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.SpectrumTrace;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.lab.bench.DeviceRig;

/**
 * One STNO on a bench as the seed-003 network uses it: a current source drives it and a spectrum
 * analyzer integrates its line. {@link #emittedPower} sets a current (ramped within the source's safety
 * limits by the driver) and returns the power in the band the line moves in, in W, with the analyzer's
 * noise floor over that band (measured once with the output at 0 A) subtracted. The band power is
 * integrated from the trace here (sum of the points' linear power times point spacing over RBW), which
 * works the same on every analyzer model; its scale is absorbed by the calibration's kappa.
 *
 * <p>On a real bench each point takes a SourceMeter step plus a swept measurement: the network runs
 * quasi-statically, every step shows the stationary power p(I) plus noise and drift (DESIGN.md, "Time scales").
 */
public final class BenchOscillator {
    private final DeviceRig rig;
    private final String name;
    private final CurrentSource source;
    private final SpectrumAnalyzer analyzer;
    private final double bandStartHz;
    private final double bandStopHz;
    private final double rbwHz;
    private static final int FLOOR_LOOKS = 8;
    private double floorWatts = Double.NaN;
    private double detectionWatts;

    /**
     * @param bandStartHz lower edge of the band the line can occupy (its frequency moves with power)
     * @param bandStopHz upper edge
     * @param rbwHz resolution bandwidth of the sweeps
     * @param averages sweeps averaged per measurement (trace noise falls as 1/sqrt(averages))
     */
    public BenchOscillator(DeviceRig rig, double bandStartHz, double bandStopHz, double rbwHz, int averages) {
        String name = rig.id();
        if (!(bandStopHz > bandStartHz) || !(bandStartHz > 0)) {
            throw new IllegalArgumentException(name + ": band must satisfy 0 < start < stop, got " + bandStartHz + ".." + bandStopHz);
        }
        this.rig = rig;
        this.name = name;
        this.source = rig.source();
        this.analyzer = rig.analyzer();
        this.bandStartHz = bandStartHz;
        this.bandStopHz = bandStopHz;
        this.rbwHz = rbwHz;
        analyzer.setStartStop(bandStartHz, bandStopHz);
        analyzer.setResolutionBandwidth(rbwHz);
        analyzer.setAveraging(averages);
    }

    public String name() {
        return name;
    }

    /** The device's instruments (closing them is the opener's business). */
    public DeviceRig rig() {
        return rig;
    }

    /** The source's current ceiling (its safety limit), in A. */
    public double maxCurrent() {
        return source.limits().maxCurrent();
    }

    /**
     * Switches the output on and measures the noise floor of the band at 0 A: its mean, and from its
     * scatter over {@value #FLOOR_LOOKS} looks the detection limit (five standard deviations).
     */
    public void start() {
        source.outputOn();
        source.setCurrent(0);
        double[] looks = new double[FLOOR_LOOKS];
        double mean = 0;
        for (int i = 0; i < looks.length; i++) {
            looks[i] = bandPowerWatts();
            mean += looks[i] / looks.length;
        }
        double var = 0;
        for (double v : looks) {
            var += (v - mean) * (v - mean) / (looks.length - 1);
        }
        floorWatts = mean;
        detectionWatts = 5 * Math.sqrt(var);
    }

    /** Below this floor-subtracted power (W) no line is detected and the power reads as 0. */
    public double detectionLimit() {
        return detectionWatts;
    }

    /**
     * Band power of the line at {@code amps}, in W, floor subtracted; 0 when it does not stand above the
     * detection limit (below threshold the floor's scatter would otherwise read as a power).
     */
    public double emittedPower(double amps) {
        if (Double.isNaN(floorWatts)) {
            throw new IllegalStateException(name + ": start() the oscillator before measuring");
        }
        if (!(amps >= 0) || amps > maxCurrent()) {
            throw new IllegalArgumentException(name + ": current " + amps + " A outside 0.." + maxCurrent() + " A");
        }
        source.setCurrent(amps);
        double p = bandPowerWatts() - floorWatts;
        return p > detectionWatts ? p : 0.0;
    }

    private double bandPowerWatts() {
        SpectrumTrace trace = analyzer.sweep();
        double[] f = trace.frequencyHz();
        float[] dBm = trace.powerDbm();
        if (f.length < 2) {
            throw new IllegalStateException(name + ": the analyzer returned a trace of " + f.length + " points");
        }
        double spacing = (f[f.length - 1] - f[0]) / (f.length - 1);
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            if (f[i] >= bandStartHz && f[i] <= bandStopHz) {
                sum += Math.pow(10, dBm[i] / 10.0) * 1e-3;
            }
        }
        return sum * spacing / rbwHz;
    }

    /** Ramps to 0 A and switches the output off (also done by the driver on any failure). */
    public void stop() {
        source.outputOff();
    }
}
