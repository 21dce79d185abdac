package io.spinloop.lab.field;

/**
 * How the magnet's current makes the field at the device: B ≈ offset + slope·I. The controller starts from it
 * and corrects on the gaussmeter, so it need not be exact; it also bounds the fields the supply can reach.
 *
 * @param teslaPerAmp the slope, T/A (negative if the coil is wired the other way)
 * @param offsetT     the field at 0 A (a bias magnet, the yoke's remanence), T
 */
public record FieldCalibration(double teslaPerAmp, double offsetT) {
    public FieldCalibration {
        if (!Double.isFinite(teslaPerAmp) || teslaPerAmp == 0) {
            throw new IllegalArgumentException("the magnet's calibration slope must be a finite non-zero T/A, got "
                    + teslaPerAmp);
        }
        if (!Double.isFinite(offsetT)) {
            throw new IllegalArgumentException("the magnet's field at 0 A must be finite, got " + offsetT);
        }
    }

    /** The current the calibration puts at {@code tesla}, A. */
    public double currentFor(double tesla) {
        return (tesla - offsetT) / teslaPerAmp;
    }
}
