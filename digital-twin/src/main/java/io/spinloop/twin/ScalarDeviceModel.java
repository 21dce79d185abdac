package io.spinloop.twin;

/**
 * A device seen as one number: one state (its power), one input (its drive current) and one standard-normal draw
 * per step. The auto-oscillator, the stationary power curve and quasi-static response twins are of this kind.
 */
public interface ScalarDeviceModel extends DeviceModel {

    @Override
    default int stateSize() {
        return 1;
    }

    @Override
    default int inputSize() {
        return 1;
    }

    @Override
    default int noiseSize() {
        return 1;
    }
}
