package io.spinloop.training.macrospin;

import io.spinloop.twin.physics.MacrospinParameters;

/**
 * Shape, physics and initial values of a {@link MacrospinNetwork} (seed 002 eq. 5-8).
 *
 * @param inputs features per example
 * @param oscillators N coupled STOs (the seed: 200)
 * @param classes outputs
 * @param couplingMagnitude A_cp in Oe: the spectral radius of the coupling (the seed's CM: 0.1, 1, 10, 100)
 * @param steps samples of the evolution (the seed: 10 x 50 ps = 500 ps)
 * @param stepSeconds time between samples (the seed: 50 ps)
 * @param substeps RK4 steps per sample (1 = the seed's 50 ps RK4 step)
 * @param device material constants (temperature ignored: the network runs noise-free, as the seed's task)
 * @param initialField applied field of every STO at the start, Oe
 * @param initialCurrent current at the start, A
 * @param initialDamping Gilbert damping at the start
 */
public record MacrospinNetworkConfig(
        int inputs,
        int oscillators,
        int classes,
        double couplingMagnitude,
        int steps,
        double stepSeconds,
        int substeps,
        MacrospinParameters device,
        double initialField,
        double initialCurrent,
        double initialDamping) {

    public MacrospinNetworkConfig {
        if (inputs < 1 || oscillators < 1 || classes < 2) {
            throw new IllegalArgumentException("need inputs >= 1, oscillators >= 1, classes >= 2");
        }
        if (steps < 1 || substeps < 1 || !(stepSeconds > 0)) {
            throw new IllegalArgumentException("need steps >= 1, substeps >= 1 and a positive step time");
        }
        if (!(couplingMagnitude >= 0)) {
            throw new IllegalArgumentException("coupling magnitude must be >= 0, got " + couplingMagnitude);
        }
    }

    /**
     * The seed's network for the 8x8 digits: 500 ps in 10 RK4 steps of 50 ps, parameters at the middle
     * of the seed's ranges (1750 Oe, 5 mA, damping 0.0055), {@code oscillators} STOs.
     */
    public static MacrospinNetworkConfig digits(int oscillators, double couplingMagnitude) {
        return new MacrospinNetworkConfig(64, oscillators, 10, couplingMagnitude, 10, 50e-12, 1,
                MacrospinParameters.SEED_002.withTemperature(0), 1750.0, 5e-3, 0.0055);
    }

    public MacrospinNetworkConfig withSubsteps(int n) {
        return new MacrospinNetworkConfig(inputs, oscillators, classes, couplingMagnitude, steps, stepSeconds, n, device,
                initialField, initialCurrent, initialDamping);
    }
}
