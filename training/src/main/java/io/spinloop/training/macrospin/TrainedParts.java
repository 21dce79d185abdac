package io.spinloop.training.macrospin;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The six training configurations of seed 002 (Table II, Fig. 4a): which of the read-in weights,
 * the STOs' physical parameters (applied field per oscillator, current, damping) and the read-out
 * weights are trained; the others stay at their random initial values.
 */
public enum TrainedParts {
    /** (1) read-in, physical parameters and read-out: full tuning. */
    FULL(1, true, true, true),
    /** (2) read-in and read-out weights only. */
    IN_OUT(2, true, false, true),
    /** (3) read-in weights and physical parameters. */
    IN_PHYSICAL(3, true, true, false),
    /** (4) read-in weights only. */
    IN(4, true, false, false),
    /** (5) read-out weights and physical parameters. */
    OUT_PHYSICAL(5, false, true, true),
    /** (6) read-out weights only. */
    OUT(6, false, false, true);

    private final int seedNumber;
    private final boolean input;
    private final boolean physical;
    private final boolean output;

    TrainedParts(int seedNumber, boolean input, boolean physical, boolean output) {
        this.seedNumber = seedNumber;
        this.input = input;
        this.physical = physical;
        this.output = output;
    }

    /** The row number of the configuration in the seed's Table II. */
    public int seedNumber() {
        return seedNumber;
    }

    public boolean input() {
        return input;
    }

    public boolean physical() {
        return physical;
    }

    public boolean output() {
        return output;
    }

    /** "W_in + physical + W_out" style label. */
    public String label() {
        StringBuilder s = new StringBuilder();
        if (input) {
            s.append("W_in");
        }
        if (physical) {
            s.append(s.length() > 0 ? " + " : "").append("physical");
        }
        if (output) {
            s.append(s.length() > 0 ? " + " : "").append("W_out");
        }
        return s.toString();
    }

    /** The configuration with the seed's row number 1..6. */
    public static TrainedParts bySeedNumber(int n) {
        for (TrainedParts p : values()) {
            if (p.seedNumber == n) {
                return p;
            }
        }
        throw new IllegalArgumentException("seed 002 has training configurations 1..6, not " + n);
    }

    /** Parses "full", "in-out", ... or "1".."6". */
    public static TrainedParts parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (t.matches("[1-6]")) {
            return bySeedNumber(Integer.parseInt(t));
        }
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown training configuration '" + text + "'; known: 1..6 or "
                    + EnumSet.allOf(TrainedParts.class).toString().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }

    /** All six, in the seed's order. */
    public static Set<TrainedParts> all() {
        return EnumSet.allOf(TrainedParts.class);
    }
}
