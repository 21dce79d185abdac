package io.spinloop.twin;

/**
 * How a twin maps physical drive and power to the units its model works in: {@code u = (I - driveOffset) /
 * driveScale}, {@code y = (P - powerOffset) / powerScale}, and model time step = measured sample interval
 * / {@code timeUnit}. Physical models use the identity with {@code timeUnit} = 1 s; the neural SDE uses the
 * training data's statistics and its sample interval as time unit.
 */
public record Normalisation(double driveOffset, double driveScale, double powerOffset, double powerScale,
        double timeUnitS) {

    public Normalisation {
        if (!(driveScale > 0 && powerScale > 0 && timeUnitS > 0) || !Double.isFinite(driveOffset)
                || !Double.isFinite(powerOffset)) {
            throw new IllegalArgumentException("normalisation scales must be positive and offsets finite: " + this);
        }
    }

    /** SI units throughout (physical models). */
    public static Normalisation identity() {
        return new Normalisation(0, 1, 0, 1, 1);
    }

    /** Mean and standard deviation of the drive and of the power, time in sample intervals. */
    public static Normalisation of(SequenceData data) {
        double sd = 0;
        double sd2 = 0;
        long nd = 0;
        double sp = 0;
        double sp2 = 0;
        long np = 0;
        for (int s = 0; s < data.sequences(); s++) {
            for (double v : data.driveA()[s]) {
                sd += v;
                sd2 += v * v;
                nd++;
            }
            for (double[] rep : data.powerW()[s]) {
                for (double v : rep) {
                    sp += v;
                    sp2 += v * v;
                    np++;
                }
            }
        }
        double md = sd / nd;
        double mp = sp / np;
        double vd = Math.max(0, sd2 / nd - md * md);
        double vp = Math.max(0, sp2 / np - mp * mp);
        // A constant drive or power would give scale 0; fall back to the magnitude, then to 1.
        double ds = vd > 0 ? Math.sqrt(vd) : (md != 0 ? Math.abs(md) : 1);
        double ps = vp > 0 ? Math.sqrt(vp) : (mp != 0 ? Math.abs(mp) : 1);
        return new Normalisation(md, ds, mp, ps, data.sampleInterval());
    }

    public double drive(double currentA) {
        return (currentA - driveOffset) / driveScale;
    }

    public double power(double powerW) {
        return (powerW - powerOffset) / powerScale;
    }

    public double powerW(double normalised) {
        return normalised * powerScale + powerOffset;
    }

    /** The model's time step for a measured sample interval. */
    public double modelStep(double sampleIntervalS) {
        return sampleIntervalS / timeUnitS;
    }
}
