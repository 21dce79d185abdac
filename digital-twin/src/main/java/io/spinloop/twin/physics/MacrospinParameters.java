package io.spinloop.twin.physics;

/**
 * The fixed material and design constants of a macrospin STO (seed 002, Table I and the values below
 * eq. 3), in the seed's CGS units: fields in Oe, magnetization in emu/cm^3, lengths in cm, currents in A.
 *
 * <p>The applied field, current and Gilbert damping are not here: they are the parameters a model
 * trains or identifies, passed to {@link CoupledMacrospins} as tensors.
 *
 * @param gyromagneticRatio gamma in rad/(Oe s)
 * @param saturationMagnetization M in emu/cm^3
 * @param anisotropyField interfacial anisotropy field H_K in Oe
 * @param thickness free-layer thickness d in cm
 * @param radius pillar radius R in cm
 * @param spinPolarization eta
 * @param torqueAsymmetry lambda of the spin-transfer torque, eq. 2
 * @param temperature in K, for the thermal field of eq. 3
 */
public record MacrospinParameters(
        double gyromagneticRatio,
        double saturationMagnetization,
        double anisotropyField,
        double thickness,
        double radius,
        double spinPolarization,
        double torqueAsymmetry,
        double temperature) {

    /** Reduced Planck constant in J s (SI: hbar j / 2e comes out in joules for j in A). */
    private static final double HBAR_SI = 1.054571817e-34;
    private static final double ELEMENTARY_CHARGE_SI = 1.602176634e-19;
    private static final double JOULE_IN_ERG = 1e7;
    /** Boltzmann constant in erg/K. */
    private static final double BOLTZMANN_CGS = 1.380649e-16;

    /** The values of seed 002 (below its eq. 3), at room temperature. */
    public static final MacrospinParameters SEED_002 = new MacrospinParameters(
            1.764e7, 1448.3, 1.8616e4, 2.0e-7, 60.0e-7, 0.537, 0.288, 300.0);

    public MacrospinParameters {
        requirePositive("gyromagnetic ratio", gyromagneticRatio);
        requirePositive("saturation magnetization", saturationMagnetization);
        requirePositive("thickness", thickness);
        requirePositive("radius", radius);
        if (!Double.isFinite(anisotropyField) || !Double.isFinite(spinPolarization)) {
            throw new IllegalArgumentException("anisotropy field and spin polarization must be finite");
        }
        if (!(Math.abs(torqueAsymmetry) < 1)) {
            throw new IllegalArgumentException("torque asymmetry lambda must lie in (-1, 1), got " + torqueAsymmetry);
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0 K, got " + temperature);
        }
    }

    private static void requirePositive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    /** The same device at another temperature (0 switches the thermal field off). */
    public MacrospinParameters withTemperature(double kelvin) {
        return new MacrospinParameters(gyromagneticRatio, saturationMagnetization, anisotropyField, thickness,
                radius, spinPolarization, torqueAsymmetry, kelvin);
    }

    /** Free-layer volume pi R^2 d in cm^3. */
    public double volume() {
        return Math.PI * radius * radius * thickness;
    }

    /** H_K - 4 pi M: the net perpendicular anisotropy field of eq. 1, in Oe. */
    public double effectiveAnisotropyField() {
        return anisotropyField - 4 * Math.PI * saturationMagnetization;
    }

    /** The spin-torque field per ampere at m.p = 0, hbar eta / (2 e M pi R^2 d) of eq. 2, in Oe/A. */
    public double spinTorqueFieldPerAmpere() {
        return HBAR_SI * spinPolarization / (2 * ELEMENTARY_CHARGE_SI) * JOULE_IN_ERG
                / (saturationMagnetization * volume());
    }

    /**
     * Standard deviation (Oe) of each component of the thermal field held constant over a step of
     * {@code dt} seconds: the white noise of eq. 3, {@code sqrt(2 alpha kB T / (gamma M V dt))}.
     */
    public double thermalFieldStd(double damping, double dt) {
        return Math.sqrt(2 * damping * BOLTZMANN_CGS * temperature
                / (gyromagneticRatio * saturationMagnetization * volume() * dt));
    }
}
