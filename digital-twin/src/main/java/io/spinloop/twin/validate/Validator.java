package io.spinloop.twin.validate;

import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.SequenceData;

/** Judges a twin on measured sequences against the measured-versus-measured floor. */
public final class Validator {
    private Validator() {
    }

    /**
     * Splits the measured repeats into halves A (first ⌊R/2⌋) and B (the rest); the floor compares A with B,
     * the twin (⌊R/2⌋ sampled repeats, noise seed {@code seed}) is compared with B. Units: the standard
     * deviation of the measured power.
     */
    public static ValidationReport validate(DigitalTwin twin, SequenceData measured, long seed) {
        int r = measured.repeats();
        if (r < 4) {
            throw new IllegalArgumentException(measured.source() + ": /sequences/power_W: need at least 4 repeats per "
                    + "sequence to compare two halves of the repeats, got " + r);
        }
        int half = r / 2;
        SequenceData a = measured.repeats(0, half);
        SequenceData b = measured.repeats(half, r);
        double scale = powerSpread(measured);
        double[][][] sim = twin.sample(measured.driveA(), half, seed, true);
        DistributionMetrics floor = DistributionMetrics.compare(a.powerW(), b.powerW(), scale);
        DistributionMetrics tw = DistributionMetrics.compare(sim, b.powerW(), scale);
        return new ValidationReport(tw, floor, measured.sequences(), r, measured.steps());
    }

    /** Standard deviation of all measured power values (the unit of the figures). */
    public static double powerSpread(SequenceData d) {
        double s = 0;
        double s2 = 0;
        long n = 0;
        for (double[][] seq : d.powerW()) {
            for (double[] rep : seq) {
                for (double v : rep) {
                    s += v;
                    s2 += v * v;
                    n++;
                }
            }
        }
        double m = s / n;
        double var = s2 / n - m * m;
        return var > 0 ? Math.sqrt(var) : 1;
    }
}
