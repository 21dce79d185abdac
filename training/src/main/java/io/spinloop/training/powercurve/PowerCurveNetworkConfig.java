package io.spinloop.training.powercurve;

/**
 * Shape and initialization of a {@link PowerCurveNetwork}.
 *
 * @param inputs features per example (2 for the spiral, 64 for the 8x8 digits)
 * @param oscillators k STNOs; the first {@code inputs} receive the features, any others start at p = 0
 * @param steps time steps n of eq. 5 (the depth of the network unrolled in time)
 * @param classes outputs of the softmax readout
 * @param inputOffset p(0) = clamp(inputOffset + inputScale * feature, 0, 0.99)
 * @param inputScale see inputOffset
 * @param initGain A(t) starts as initGain * identity plus noise
 * @param initNoise standard deviation of that noise times 1/sqrt(k)
 * @param initBias B(t) starts at initBias for every device (sets the operating current (initBias)^2)
 * @param maxCurrent current ceiling of the devices (normalized units, +inf for none): the bench's safety limit
 */
public record PowerCurveNetworkConfig(
        int inputs,
        int oscillators,
        int steps,
        int classes,
        double inputOffset,
        double inputScale,
        double initGain,
        double initNoise,
        double initBias,
        double maxCurrent) implements java.io.Serializable {

    public PowerCurveNetworkConfig {
        if (inputs < 1 || oscillators < inputs) {
            throw new IllegalArgumentException("need oscillators >= inputs >= 1, got " + oscillators + " oscillators for "
                    + inputs + " inputs");
        }
        if (steps < 1 || classes < 2) {
            throw new IllegalArgumentException("need steps >= 1 and classes >= 2, got " + steps + ", " + classes);
        }
        if (!(maxCurrent > 0)) {
            throw new IllegalArgumentException("current ceiling must be positive, got " + maxCurrent);
        }
    }

    /** The spiral (seed 003 Fig. 3): the two coordinates on two STNOs, mapped from [-1, 1] onto [0.1, 0.9]. */
    public static PowerCurveNetworkConfig spiral(int oscillators, int steps) {
        return new PowerCurveNetworkConfig(2, oscillators, steps, 2, 0.5, 0.4, 1.0, 0.3, 1.2, Double.POSITIVE_INFINITY);
    }

    /** The 8x8 digits (seed 003): 64 pixels scaled to [0, 1] on 64 STNOs, p(0) in [0, 0.9]. */
    public static PowerCurveNetworkConfig digits(int steps) {
        return new PowerCurveNetworkConfig(64, 64, steps, 10, 0.0, 0.9, 1.0, 0.3, 1.2, Double.POSITIVE_INFINITY);
    }

    public PowerCurveNetworkConfig withOscillators(int k) {
        return new PowerCurveNetworkConfig(inputs, k, steps, classes, inputOffset, inputScale, initGain, initNoise,
                initBias, maxCurrent);
    }

    public PowerCurveNetworkConfig withSteps(int n) {
        return new PowerCurveNetworkConfig(inputs, oscillators, n, classes, inputOffset, inputScale, initGain, initNoise,
                initBias, maxCurrent);
    }

    public PowerCurveNetworkConfig withMaxCurrent(double ceiling) {
        return new PowerCurveNetworkConfig(inputs, oscillators, steps, classes, inputOffset, inputScale, initGain,
                initNoise, initBias, ceiling);
    }
}
