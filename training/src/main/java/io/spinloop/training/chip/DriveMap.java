package io.spinloop.training.chip;

import io.spinloop.twin.neuron.NeuronTwin;

/**
 * How network neurons sit on physical devices and how a pre-activation becomes a drive current.
 *
 * <p>Neuron j runs on device {@code j % devices} (time multiplexing: one device plays many neurons, one list
 * point each, as in seed 004). Its drive is {@code I = centerA[d] + halfWidthA[d]·a}: a pre-activation in
 * [−1, 1] spans the device's calibrated working window, where its twin was fitted.
 */
public record DriveMap(String[] deviceIds, double[] centerA, double[] halfWidthA) {

    public DriveMap {
        if (deviceIds.length == 0 || centerA.length != deviceIds.length || halfWidthA.length != deviceIds.length) {
            throw new IllegalArgumentException("drive map needs one center and half width per device");
        }
    }

    /** The map whose windows are the twins' calibrated windows. */
    public static DriveMap of(java.util.List<? extends NeuronTwin> twins) {
        int d = twins.size();
        String[] ids = new String[d];
        double[] c = new double[d];
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            NeuronTwin t = twins.get(i);
            ids[i] = t.device();
            c[i] = 0.5 * (t.lowA() + t.highA());
            w[i] = 0.5 * (t.highA() - t.lowA());
        }
        return new DriveMap(ids, c, w);
    }

    public int devices() {
        return deviceIds.length;
    }

    public int deviceOf(int neuron) {
        return neuron % deviceIds.length;
    }

    public double drive(int neuron, double preActivation) {
        int d = deviceOf(neuron);
        return centerA[d] + halfWidthA[d] * preActivation;
    }

    /** dI/da of neuron j. */
    public double gain(int neuron) {
        return halfWidthA[deviceOf(neuron)];
    }
}
