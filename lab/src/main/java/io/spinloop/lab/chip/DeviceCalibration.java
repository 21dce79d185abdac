package io.spinloop.lab.chip;

import io.spinloop.drivers.analyzer.Marker;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.list.ListPlayer;
import io.spinloop.lab.list.PointPeriod;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.SequenceRecorder;
import io.spinloop.twin.neuron.NeuronCalibration;
import io.spinloop.twin.neuron.NeuronTwinFit;
import io.spinloop.twin.neuron.ReadingScale;
import io.spinloop.twin.neuron.ResponseTwin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calibrates one device as a neuron: finds its line, places the zero-span frequency just below the line at the
 * top of the working window (the line red-shifts as the drive rises, so the reading climbs monotonically through
 * the window as the line's tail approaches the filter), then records drive sequences over the window
 * ({@link CalibrationSequences}), each a source list sweep read in zero span, {@code repeats} times each (repeat 1
 * of every sequence, then repeat 2, ...: drift spreads evenly), retracking the line before every list as
 * deployment does. The readings go through the measurement layer into {@code /sequences} of an HDF5 measurement
 * file (power in W, the layout {@code spinloop measure sequences} writes), which the twin module fits
 * ({@link NeuronTwinFit}). The last {@code heldOut} sequences are for validation only; a {@link ResponseTwin}
 * (piecewise-linear mean and noise) is fitted on the others as a baseline.
 *
 * @param topA      highest drive of the working window, A
 * @param widthA    width of the window, A
 * @param offsetHz  how far below the line at {@code topA} the zero-span frequency sits
 * @param length    list points per sequence (at most the source's list length)
 * @param sequences drive sequences recorded
 * @param heldOut   of which the last ones are held out of every fit, for validation
 * @param repeats   readings of each sequence (the twin learns the noise from them; validation needs 4 or more)
 */
public record DeviceCalibration(double topA, double widthA, double offsetHz, int length, int sequences, int heldOut,
                                int repeats, long seed) {
    /**
     * Zero-span bins per list point: the middle half of each point is read ({@link ListPlayer#EDGE_GUARD}), 2 bins,
     * as many as a whole point held when points were read on 2 bins, and at most 10,000 bins for a 2,500-point list,
     * within an X-series analyzer's 40,001.
     */
    static final int BINS_PER_POINT = 4;

    public DeviceCalibration {
        if (length < 2 || sequences < 3 || heldOut < 1 || heldOut > sequences - 2 || repeats < 1) {
            throw new IllegalArgumentException("calibration needs lists of 2 or more points, 3 or more sequences with "
                    + "1..S-2 held out and 1 or more repeats, got T=" + length + ", S=" + sequences + ", held out "
                    + heldOut + ", R=" + repeats);
        }
    }

    /** The settings the demo uses on the default bench: 24 sequences (6 held out) x 4 repeats x 100 points. */
    public static DeviceCalibration defaults(double maxCurrentA, long seed) {
        return new DeviceCalibration(0.85 * maxCurrentA, 0.8e-3, 30e6, 100, 24, 6, 4, seed);
    }

    /** Opens the measurement file a device's calibration sequences are recorded into. */
    @FunctionalInterface
    public interface Recorders {
        MeasurementRecorder open(String deviceId) throws IOException;
    }

    /**
     * What calibration measured and fitted.
     *
     * @param drivesA     (S x T) drive of each sequence
     * @param readingsDbm (S x R x T) zero-span reading of each repeat
     * @param recording   the measurement file holding them in {@code /sequences}, or null when not recorded
     * @param twin        the piecewise-linear baseline twin, fitted on the sequences not held out
     * @param timing      the source's timing settings the device was read at, or null (left as it was)
     */
    public record Result(String device, double lineHz, ZeroSpanSettings settings, ChipChannel.LineTracking tracking,
                         double[][] drivesA, double[][][] readingsDbm, int heldOut, Path recording,
                         ResponseTwin twin, io.spinloop.drivers.source.SourceTiming timing)
            implements NeuronCalibration {

        /** How the device was read, as the twin file's provenance holds it. */
        @Override
        public Map<String, Object> readoutProvenance() {
            return new NeuronReadout(settings, tracking, timing).provenance();
        }

        /** Every (drive, reading) pair of the sequences not held out, flattened. */
        public double[][] fitPairs() {
            int s = drivesA.length - heldOut;
            int r = readingsDbm[0].length;
            int t = drivesA[0].length;
            double[] x = new double[s * r * t];
            double[] y = new double[x.length];
            int k = 0;
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < r; j++) {
                    for (int m = 0; m < t; m++) {
                        x[k] = drivesA[i][m];
                        y[k++] = readingsDbm[i][j][m];
                    }
                }
            }
            return new double[][] {x, y};
        }
    }

    /**
     * The line's frequency with the device at {@code currentA}: one swept spectrum, the peak marker (refused when no
     * line stands above the noise), then the line's centre around it ({@link LineCentre}).
     */
    public static double findLine(DeviceRig rig, double currentA, double centerHz, double spanHz) {
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
        io.spinloop.drivers.analyzer.SpectrumTrace trace = sa.sweep();
        Marker m = sa.peakAboveNoise(15);
        return LineCentre.of(trace, m.frequencyHz());
    }

    /**
     * How long one list point of {@code channel} lasts ({@link PointPeriod}): the plateau at {@code highA}, the holds
     * one source step below it (not below {@code lowA}), read with the channel's zero-span settings, and checked against
     * the source's settings: an impossible period is refused before anything is recorded, a doubtful one is told
     * through the channel's log and stored with the sequences.
     */
    public static PointPeriod.Measured measurePointPeriod(ChipChannel channel, double lowA, double highA) {
        double maxStep = channel.rig().source().limits().maxStep() * 0.95;
        double low = Math.max(lowA, highA - maxStep);
        ZeroSpanSettings s = channel.settings();
        // a player of its own: the period list is calibration, not counted in the channel's round trips
        channel.applyPace();
        int bins = io.spinloop.lab.config.ModelCapabilities.fromIdn(channel.rig().analyzer().identity().raw())
                .map(m -> Math.min(channel.pace().periodBins(), m.maxPoints())).orElse(4001);
        PointPeriod.Measured m = PointPeriod.measure(new ListPlayer(channel.rig()), s.centerHz(), s.rbwHz(), s.dwellS(),
                low, highA, false, bins);
        if (m.warning() != null) {
            channel.note(m.warning());
        }
        return m;
    }

    /**
     * Calibrates {@code channel}: retunes it, records its sequences (into a file from {@code recorders}, null: in
     * memory only) and fits its baseline twin.
     */
    public Result run(ChipChannel channel, double searchCenterHz, double searchSpanHz, double rbwHz, double dwellS,
                      Recorders recorders) {
        channel.applyPace();
        double line = findLine(channel.rig(), topA, searchCenterHz, searchSpanHz);
        int listPoints = channel.pace().maxListPoints();
        channel.retune(new ZeroSpanSettings(line - offsetHz, rbwHz, dwellS, dwellS, BINS_PER_POINT, listPoints));
        PointPeriod.Measured measured = measurePointPeriod(channel, topA - widthA, topA);
        double period = measured.periodS();
        String periodWarning = measured.warning();
        ZeroSpanSettings zs = new ZeroSpanSettings(line - offsetHz, rbwHz, dwellS, period, BINS_PER_POINT, listPoints);
        channel.retune(zs);
        ChipChannel.LineTracking tracking = new ChipChannel.LineTracking(topA, offsetHz, 200e6);
        channel.track(tracking);
        double lo = topA - widthA;
        double maxStep = 0.95 * channel.rig().source().limits().maxStep();
        CalibrationSequences generator = new CalibrationSequences(lo, topA, maxStep);
        double[][] drives = generator.generate(sequences, length, seed);
        double[][][] dBm = new double[sequences][repeats][];
        Path file = null;
        try {
            if (recorders == null) {
                for (int rep = 0; rep < repeats; rep++) {
                    for (int s = 0; s < sequences; s++) {
                        dBm[s][rep] = channel.measureInOrder(drives[s]);
                    }
                }
            } else {
                file = record(channel, recorders, drives, dBm, zs, line, lo, maxStep, periodWarning);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(channel.id() + ": could not record the calibration sequences: "
                    + e.getMessage(), e);
        }
        double[] all = new double[sequences * repeats * length];
        int k = 0;
        for (double[][] seq : dBm) {
            for (double[] rep : seq) {
                for (double v : rep) {
                    all[k++] = v;
                }
            }
        }
        Arrays.sort(all);
        double floor = all[(int) (0.02 * (all.length - 1))];
        double top = all[(int) (0.98 * (all.length - 1))];
        ReadingScale scale = new ReadingScale(floor, Math.max(1.0, top - floor));
        Result partial = new Result(channel.id(), line, zs, tracking, drives, dBm, heldOut, file, null,
                channel.pace().timing());
        double[][] pairs = partial.fitPairs();
        double[] act = new double[pairs[1].length];
        for (int i = 0; i < act.length; i++) {
            act[i] = scale.activation(pairs[1][i]);
        }
        ResponseTwin twin = ResponseTwin.fit(channel.id(), pairs[0], act, lo, topA, 16, 0.02, scale);
        return new Result(channel.id(), line, zs, tracking, drives, dBm, heldOut, file, twin, channel.pace().timing());
    }

    private Path record(ChipChannel channel, Recorders recorders, double[][] drives, double[][][] dBm,
                        ZeroSpanSettings zs, double line, double lo, double maxStep, String periodWarning)
            throws IOException {
        double[] time = new double[length];
        for (int t = 0; t < length; t++) {
            time[t] = t * zs.pointPeriodS();
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("purpose", "neuron calibration: quasi-static zero-span reading versus drive over the working "
                + "window");
        settings.put("generator", "random walks over the window, each point uniform within max_step_A of the last, "
                + "the last within max_step_A of the first");
        settings.put("seed", seed);
        settings.put("min_A", lo);
        settings.put("max_A", topA);
        settings.put("max_step_A", maxStep);
        settings.put("held_out_sequences", heldOut);
        settings.put("center_Hz", zs.centerHz());
        settings.put("line_Hz", line);
        settings.put("line_tracking", String.format(java.util.Locale.ROOT, "before every list the line at %.6g A is "
                + "found again and the zero span retuned %.6g Hz below it", topA, offsetHz));
        settings.put("rbw_Hz", zs.rbwHz());
        settings.put("span_Hz", 0.0);
        settings.put("dwell_s", zs.dwellS());
        settings.put("point_period_s", zs.pointPeriodS());
        if (periodWarning != null) {
            settings.put("point_period_warning", periodWarning);
        }
        settings.put("zero_span_points_per_list_point", zs.binsPerPoint());
        settings.put("power", "power inside the RBW filter at the tracked zero-span frequency, mean over each list "
                + "point (W): the neuron's reading");
        settings.put("source", channel.rig().source().name() + ": " + channel.rig().source().identity().raw());
        settings.put("analyzer", channel.rig().analyzer().name() + ": " + channel.rig().analyzer().identity().raw());
        try (MeasurementRecorder rec = recorders.open(channel.id())) {
            SequenceRecorder seq = rec.beginSequences(channel.id(), time, repeats, settings);
            double[] powerW = new double[length];
            for (int rep = 0; rep < repeats; rep++) {
                for (int s = 0; s < sequences; s++) {
                    dBm[s][rep] = channel.measureInOrder(drives[s]);
                    for (int t = 0; t < length; t++) {
                        powerW[t] = 1e-3 * Math.pow(10, dBm[s][rep][t] / 10);
                    }
                    seq.addRepeat(s, rep, drives[s], powerW);
                }
            }
            seq.finish();
            return rec.output();
        }
    }
}
