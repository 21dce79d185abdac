package io.spinloop.twin.neuron;

/**
 * How a device's zero-span reading (dBm) becomes a neuron activation of order one:
 * {@code h = (dBm − floorDbm) / spanDb}. Fixed at calibration, shared by the twin and the chip, so both
 * speak the same units.
 */
public record ReadingScale(double floorDbm, double spanDb) {
    public ReadingScale {
        if (!(spanDb > 0) || !Double.isFinite(floorDbm)) {
            throw new IllegalArgumentException("reading scale needs a finite floor and a positive span, got "
                    + floorDbm + " dBm, " + spanDb + " dB");
        }
    }

    public double activation(double dBm) {
        return (dBm - floorDbm) / spanDb;
    }

    public double dBm(double activation) {
        return floorDbm + activation * spanDb;
    }
}
