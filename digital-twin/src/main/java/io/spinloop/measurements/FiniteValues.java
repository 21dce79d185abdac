package io.spinloop.measurements;

/** Refuses NaN and infinities in measured arrays before they reach the journal. */
final class FiniteValues {
    private FiniteValues() {
    }

    static void requireFinite(String what, double[] values) {
        if (values == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + values[i] + " is not a finite number");
            }
        }
    }

    static void requireFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " = " + value + " is not a finite number");
        }
    }

    /** NaN means "not determined" (no line below threshold); infinities are always an error. */
    static void requireFiniteOrNaN(String what, double value) {
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " = " + value + " is infinite (use NaN for 'no line found')");
        }
    }
}
