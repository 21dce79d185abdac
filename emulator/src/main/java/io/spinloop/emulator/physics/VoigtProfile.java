package io.spinloop.emulator.physics;

/**
 * A Lorentzian line seen through a Gaussian resolution filter: the Voigt profile, in the pseudo-Voigt form of
 * Thompson, Cox and Hastings (J. Appl. Cryst. 20, 79 (1987); 1 % accuracy), which needs one exponential per
 * point instead of a complex error function. {@link #measuredFraction(double)} is the fraction of a line's power
 * that a filter of resolution bandwidth B (−3 dB width, noise bandwidth 1.0645·B) reports when tuned
 * {@code detuning} away from the line: 1 at the centre of a line much narrower than B, and the power spectral
 * density times the noise bandwidth for a line much wider than B.
 */
public final class VoigtProfile {
    private static final double LN2_4 = 4 * Math.log(2);
    /** Noise bandwidth of a Gaussian filter over its −3 dB bandwidth. */
    public static final double GAUSSIAN_NOISE_BANDWIDTH = Math.sqrt(Math.PI / LN2_4);

    private final double eta;
    private final double lorentzPeak;
    private final double lorentzK;
    private final double gaussPeak;
    private final double gaussK;
    private final double gaussReach;

    /**
     * @param linewidth full width at half maximum of the line, Hz
     * @param rbw −3 dB resolution bandwidth of the Gaussian filter, Hz
     */
    public VoigtProfile(double linewidth, double rbw) {
        double l = linewidth;
        double g = rbw;
        double fv = Math.pow(Math.pow(g, 5) + 2.69269 * Math.pow(g, 4) * l + 2.42843 * g * g * g * l * l
                + 4.47163 * g * g * l * l * l + 0.07842 * g * Math.pow(l, 4) + Math.pow(l, 5), 0.2);
        double r = l / fv;
        eta = Math.min(1, Math.max(0, 1.36603 * r - 0.47719 * r * r + 0.11116 * r * r * r));
        double enbw = GAUSSIAN_NOISE_BANDWIDTH * rbw;
        lorentzPeak = eta * enbw * 2 / (Math.PI * fv);
        lorentzK = 4 / (fv * fv);
        gaussPeak = (1 - eta) * enbw * Math.sqrt(LN2_4 / Math.PI) / fv;
        gaussK = LN2_4 / (fv * fv);
        gaussReach = 40 / gaussK; // beyond this squared detuning the Gaussian part is below e^-40
    }

    /** Fraction of the line's power reported at {@code detuning} Hz from its centre. */
    public double measuredFraction(double detuning) {
        double x2 = detuning * detuning;
        double v = lorentzPeak / (1 + lorentzK * x2);
        if (x2 < gaussReach) {
            v += gaussPeak * Math.exp(-gaussK * x2);
        }
        return v;
    }
}
