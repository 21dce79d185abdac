package io.spinloop.training.chip;

import io.spinloop.drivers.analyzer.Marker;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.source.CurrentSource;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Calibrates one device as a neuron: finds its line, places the zero-span frequency just below the line at the
 * top of the working window (the line red-shifts as the drive rises, so the reading climbs monotonically through
 * the window as the line's tail approaches the filter), records repeated readings at drives spread over the
 * window, and fits the device's {@link ResponseTwin} to them.
 *
 * @param topA      highest drive of the working window, A
 * @param widthA    width of the window, A
 * @param offsetHz  how far below the line at {@code topA} the zero-span frequency sits
 * @param points    distinct drives recorded
 * @param repeats   readings per drive (the twin learns the noise from them)
 */
public record DeviceCalibration(double topA, double widthA, double offsetHz, int points, int repeats, long seed) {

    /** The settings the demo uses on the default bench. */
    public static DeviceCalibration defaults(double maxCurrentA, long seed) {
        return new DeviceCalibration(0.85 * maxCurrentA, 0.8e-3, 30e6, 100, 5, seed);
    }

    /** What calibration measured and fitted. */
    public record Result(String device, double lineHz, ZeroSpanSettings settings, ChipChannel.LineTracking tracking,
                         double[] drivesA, double[] readingsDbm, ResponseTwin twin) {
    }

    /** The line's frequency with the device at {@code currentA}: one swept spectrum, peak marker. */
    public static double findLine(BenchDevice rig, double currentA, double centerHz, double spanHz) {
        CurrentSource src = rig.source();
        if (!src.isOutputOn()) {
            src.setComplianceVoltage(src.limits().maxComplianceVoltage());
            src.outputOn();
        }
        src.setCurrent(currentA);
        SpectrumAnalyzer sa = rig.analyzer();
        sa.setCenterSpan(centerHz, spanHz);
        sa.setResolutionBandwidth(1e6);
        sa.setVideoBandwidth(1e6);
        sa.setPoints(1001);
        sa.setAveraging(1);
        sa.sweep();
        Marker m = sa.peakAboveNoise(15);
        return m.frequencyHz();
    }

    /**
     * How long one list point lasts, measured: a list that holds a low drive, steps up to a high one (in steps the
     * source allows) and holds it, read in a zero span long enough for any plausible point time (50 ms per
     * point); the time at which the reading crosses halfway between its two plateaus, divided by the number of
     * points before the middle of the step, is the point period.
     */
    public static double measurePointPeriod(ChipChannel channel, double lowA, double highA) {
        double maxStep = channel.rig().source().limits().maxStep() * 0.95;
        int ramp = (int) Math.ceil((highA - lowA) / maxStep);
        int hold = 12;
        double[] list = new double[hold + ramp + hold + ramp];
        int k = 0;
        for (int i = 0; i < hold; i++) {
            list[k++] = lowA;
        }
        for (int i = 1; i <= ramp; i++) {
            list[k++] = lowA + (highA - lowA) * i / ramp;
        }
        for (int i = 0; i < hold; i++) {
            list[k++] = highA;
        }
        for (int i = 1; i <= ramp; i++) {
            list[k++] = highA - (highA - lowA) * i / ramp; // back down, so the list ends at its start
        }
        var src = channel.rig().source();
        if (!src.isOutputOn()) {
            src.setComplianceVoltage(src.limits().maxComplianceVoltage());
            src.outputOn();
        }
        src.setCurrent(lowA);
        ZeroSpanSettings s = channel.settings();
        double window = list.length * 50e-3;
        int bins = 2001;
        channel.rig().analyzer().armZeroSpan(s.centerHz(), s.rbwHz(), window, bins);
        src.runList(list, java.time.Duration.ofNanos(Math.round(s.dwellS() * 1e9)), true);
        var pvt = channel.rig().analyzer().awaitZeroSpan(java.time.Duration.ofNanos(Math.round((window + 5) * 1e9)));
        // plateaus: the first bins (low) and the highest quarter of the trace (high)
        double low = 0;
        int lowCount = Math.max(3, bins / 200);
        for (int i = 0; i < lowCount; i++) {
            low += pvt.powerDbm()[i];
        }
        low /= lowCount;
        float[] sorted = pvt.powerDbm().clone();
        Arrays.sort(sorted);
        double high = sorted[(int) (0.97 * (sorted.length - 1))];
        double half = 0.5 * (low + high);
        // smooth over a few bins against trace noise, then find the first crossing
        int w = 5;
        for (int i = w; i < bins - w; i++) {
            double m = 0;
            for (int j = -w; j <= w; j++) {
                m += pvt.powerDbm()[i + j];
            }
            m /= 2 * w + 1;
            if (m > half) {
                return pvt.timeS()[i] / (hold + ramp / 2.0);
            }
        }
        throw new IllegalStateException(channel.id() + ": no step seen while measuring the list point time ("
                + String.format("%.1f to %.1f dBm", low, high) + "); is the device oscillating?");
    }

    /** Calibrates {@code channel}: retunes it and returns its twin. */
    public Result run(ChipChannel channel, double searchCenterHz, double searchSpanHz, double rbwHz, double dwellS) {
        double line = findLine(channel.rig(), topA, searchCenterHz, searchSpanHz);
        channel.retune(new ZeroSpanSettings(line - offsetHz, rbwHz, dwellS, dwellS, 2, 100));
        double period = measurePointPeriod(channel, topA - widthA, topA);
        ZeroSpanSettings zs = new ZeroSpanSettings(line - offsetHz, rbwHz, dwellS, period, 2, 100);
        channel.retune(zs);
        ChipChannel.LineTracking tracking = new ChipChannel.LineTracking(topA, offsetHz, 200e6);
        channel.track(tracking);
        double lo = topA - widthA;
        SplittableRandom r = new SplittableRandom(seed);
        double[] drives = new double[points * repeats];
        for (int rep = 0; rep < repeats; rep++) {
            for (int i = 0; i < points; i++) {
                drives[rep * points + i] = lo + widthA * (i + r.nextDouble()) / points;
            }
        }
        // each repeat is a separate measurement, retracking the line first as deployment does, so the twin's
        // noise includes what changes between measurements (drift, the tracking's own error), not only within one
        double[] dBm = new double[drives.length];
        for (int rep = 0; rep < repeats; rep++) {
            double[] one = channel.measure(Arrays.copyOfRange(drives, rep * points, (rep + 1) * points));
            System.arraycopy(one, 0, dBm, rep * points, points);
        }
        double[] sorted = dBm.clone();
        Arrays.sort(sorted);
        double floor = sorted[(int) (0.02 * (sorted.length - 1))];
        double top = sorted[(int) (0.98 * (sorted.length - 1))];
        ReadingScale scale = new ReadingScale(floor, Math.max(1.0, top - floor));
        double[] act = new double[dBm.length];
        for (int i = 0; i < act.length; i++) {
            act[i] = scale.activation(dBm[i]);
        }
        ResponseTwin twin = ResponseTwin.fit(channel.id(), drives, act, lo, topA, 16, 0.02, scale);
        return new Result(channel.id(), line, zs, tracking, drives, dBm, twin);
    }
}
