package io.spinloop.twin.neuron;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a neuron twin is fitted from ({@link NeuronTwinFit}): one device's calibration as the bench recorded it. The
 * bench side implements it (its calibration result), so this module fits neurons without knowing instruments.
 */
public interface NeuronCalibration {

    /** The device calibrated. */
    String device();

    /** The measurement file whose {@code /sequences} hold the calibration's drives and readings. */
    Path recording();

    /** How many of the last sequences are held out of every fit, for validation only. */
    int heldOut();

    /** The piecewise-linear twin fitted on the same sequences: the neuron's window, reading scale, and a baseline. */
    ResponseTwin twin();

    /**
     * How the device was read (zero-span settings, line tracking) as twin-file provenance attributes, so that a later
     * run reads the device the way its twin knows it.
     */
    Map<String, Object> readoutProvenance();
}
