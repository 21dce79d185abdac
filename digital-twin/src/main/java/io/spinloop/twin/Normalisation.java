package io.spinloop.twin;

/**
 * How a twin maps physical drive and power to the units its model works in: {@code u = (I - driveOffset) /
 * driveScale}, model time step = measured sample interval / {@code timeUnit}, and the power either linearly,
 * {@code y = (P - powerOffset) / powerScale} (offset and scale in W), or, with {@code logPower}, in decibels,
 * {@code y = (10 log10(max(P, powerFloorW) / 1 W) - powerOffset) / powerScale} (offset and scale in dB re 1 W).
 * Physical models use the identity with {@code timeUnit} = 1 s; the neural SDE uses the training data's statistics
 * and its sample interval as time unit.
 *
 * <p>Log power is for readings that span decades (a spectrum analyzer's zero span over a 15 dB window): in W the
 * bottom of the range is a few percent of the scale, so a small error of the model there is several dB. Measured
 * values at or below {@code powerFloorW} (zero, or noise below the instrument's floor) are read as the floor, which
 * is also the power of a device at rest.
 */
public record Normalisation(double driveOffset, double driveScale, double powerOffset, double powerScale,
        double timeUnitS, boolean logPower, double powerFloorW) {

    /** Lowest floor of log power {@link #logPowerOf} uses, as a share of the largest measured power: 30 dB below it. */
    public static final double LOG_FLOOR_FRACTION = 1e-3;

    public Normalisation {
        // Each value out of range is named with its value (not the whole record): a twin file's reader passes this on.
        java.util.List<String> bad = new java.util.ArrayList<>();
        positive(bad, "drive scale", driveScale);
        positive(bad, "power scale", powerScale);
        positive(bad, "time unit", timeUnitS);
        if (!Double.isFinite(driveOffset)) {
            bad.add("drive offset " + driveOffset + ": must be finite");
        }
        if (!Double.isFinite(powerOffset)) {
            bad.add("power offset " + powerOffset + ": must be finite");
        }
        if (logPower ? !(powerFloorW > 0 && Double.isFinite(powerFloorW)) : powerFloorW != 0) {
            bad.add("power floor " + powerFloorW + ": " + (logPower ? "log power needs a positive finite floor"
                    : "linear power has none (0)"));
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("normalisation: " + String.join("; ", bad));
        }
    }

    private static void positive(java.util.List<String> bad, String name, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            bad.add(name + " " + v + ": must be a positive number");
        }
    }

    /** Linear power. */
    public Normalisation(double driveOffset, double driveScale, double powerOffset, double powerScale, double timeUnitS) {
        this(driveOffset, driveScale, powerOffset, powerScale, timeUnitS, false, 0);
    }

    /** SI units throughout (physical models). */
    public static Normalisation identity() {
        return new Normalisation(0, 1, 0, 1, 1);
    }

    /** Mean and standard deviation of the drive and of the power (W), time in sample intervals. */
    public static Normalisation of(SequenceData data) {
        double[] d = driveMoments(data);
        double[] p = moments(data, Double.NaN);
        return new Normalisation(d[0], d[1], p[0], p[1], data.sampleInterval());
    }

    /**
     * Mean and standard deviation of the drive and of the power in dB re 1 W; time in sample intervals. The floor is
     * the smallest positive reading, but at least {@link #LOG_FLOOR_FRACTION} of the largest: so a device at rest (the
     * twin's initial state) reads as the lowest reading seen, a jump the drift can learn, rather than decades below
     * every measurement (the first transition of each sequence would then dominate the likelihood).
     */
    public static Normalisation logPowerOf(SequenceData data) {
        double max = Double.NEGATIVE_INFINITY;
        double minPositive = Double.POSITIVE_INFINITY;
        for (double[][] seq : data.powerW()) {
            for (double[] rep : seq) {
                for (double v : rep) {
                    max = Math.max(max, v);
                    if (v > 0) {
                        minPositive = Math.min(minPositive, v);
                    }
                }
            }
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException(data.source() + ": /sequences/power_W: log power needs positive "
                    + "readings, the largest is " + max);
        }
        double floor = Math.max(minPositive, LOG_FLOOR_FRACTION * max);
        double[] d = driveMoments(data);
        double[] p = moments(data, floor);
        return new Normalisation(d[0], d[1], p[0], p[1], data.sampleInterval(), true, floor);
    }

    private static double[] driveMoments(SequenceData data) {
        double s = 0;
        double s2 = 0;
        long n = 0;
        for (double[] seq : data.driveA()) {
            for (double v : seq) {
                s += v;
                s2 += v * v;
                n++;
            }
        }
        return meanAndScale(s, s2, n);
    }

    /** Moments of the power in W (floor NaN) or in dB re 1 W above {@code floorW}. */
    private static double[] moments(SequenceData data, double floorW) {
        double s = 0;
        double s2 = 0;
        long n = 0;
        for (double[][] seq : data.powerW()) {
            for (double[] rep : seq) {
                for (double v : rep) {
                    double x = Double.isNaN(floorW) ? v : decibels(v, floorW);
                    s += x;
                    s2 += x * x;
                    n++;
                }
            }
        }
        return meanAndScale(s, s2, n);
    }

    private static double[] meanAndScale(double s, double s2, long n) {
        double m = s / n;
        double v = Math.max(0, s2 / n - m * m);
        // A constant drive or power would give scale 0; fall back to the magnitude, then to 1.
        return new double[] {m, v > 0 ? Math.sqrt(v) : (m != 0 ? Math.abs(m) : 1)};
    }

    private static double decibels(double powerW, double floorW) {
        return 10 * Math.log10(Math.max(powerW, floorW));
    }

    public double drive(double currentA) {
        return (currentA - driveOffset) / driveScale;
    }

    public double power(double powerW) {
        double x = logPower ? decibels(powerW, powerFloorW) : powerW;
        return (x - powerOffset) / powerScale;
    }

    public double powerW(double normalised) {
        double x = normalised * powerScale + powerOffset;
        return logPower ? Math.pow(10, x / 10) : x;
    }

    /** The model's time step for a measured sample interval. */
    public double modelStep(double sampleIntervalS) {
        return sampleIntervalS / timeUnitS;
    }
}
