package io.spinloop.twin.neuron;

import io.spinloop.twin.DeviceModel;

/**
 * A twin of one device as a network neuron sees it: a {@link DeviceModel} whose input is the drive current (A) and
 * whose observation is the activation read in zero span (units of its {@link ReadingScale}), with the working window
 * its calibration covered. {@link ResponseTwin} (piecewise-linear mean and noise) and {@link SdeNeuronTwin} (the
 * twin module's neural SDE, loaded from a twin file) are the two kinds.
 */
public interface NeuronTwin extends DeviceModel {
    /** One list point of the bench: the step a neuron evaluation takes. */
    double STEP_S = 1e-3;

    /** The device this twin stands for. */
    String device();

    /** Lowest drive of the calibrated window, A. */
    double lowA();

    /** Highest drive of the calibrated window, A. */
    double highA();

    /** How a zero-span reading (dBm) becomes this neuron's activation. */
    ReadingScale scale();
}
