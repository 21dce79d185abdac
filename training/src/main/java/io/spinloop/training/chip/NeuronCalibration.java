package io.spinloop.training.chip;

import io.spinloop.lab.chip.ChipChannel;
import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.lab.chip.ZeroSpanSettings;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A device calibrated as a neuron: what the lab's {@link DeviceCalibration} recorded on the bench, and the
 * piecewise-linear {@link ResponseTwin} (mean and noise of the readings) fitted to the sequences not held out,
 * the baseline twin.
 */
public record NeuronCalibration(DeviceCalibration.Result recorded, ResponseTwin twin) {

    /**
     * Fits the baseline twin to a calibration: readings scaled between their 2nd and 98th percentiles (the floor and
     * the top of the window), 16 pieces over the window.
     */
    public static NeuronCalibration fit(DeviceCalibration.Result r) {
        double[] all = Arrays.stream(r.readingsDbm()).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream)
                .toArray();
        Arrays.sort(all);
        double floor = all[(int) (0.02 * (all.length - 1))];
        double top = all[(int) (0.98 * (all.length - 1))];
        ReadingScale scale = new ReadingScale(floor, Math.max(1.0, top - floor));
        double[][] pairs = r.fitPairs();
        double[] act = new double[pairs[1].length];
        for (int i = 0; i < act.length; i++) {
            act[i] = scale.activation(pairs[1][i]);
        }
        ResponseTwin twin = ResponseTwin.fit(r.device(), pairs[0], act, r.lowA(), r.highA(), 16, 0.02, scale);
        return new NeuronCalibration(r, twin);
    }

    public String device() {
        return recorded.device();
    }

    public double lineHz() {
        return recorded.lineHz();
    }

    public ZeroSpanSettings settings() {
        return recorded.settings();
    }

    public ChipChannel.LineTracking tracking() {
        return recorded.tracking();
    }

    /** (S x T) drive of each calibration sequence, A. */
    public double[][] drivesA() {
        return recorded.drivesA();
    }

    /** (S x R x T) zero-span reading of each repeat, dBm. */
    public double[][][] readingsDbm() {
        return recorded.readingsDbm();
    }

    public int heldOut() {
        return recorded.heldOut();
    }

    /** The measurement file holding the calibration sequences, or null when they were not recorded. */
    public Path recording() {
        return recorded.recording();
    }
}
