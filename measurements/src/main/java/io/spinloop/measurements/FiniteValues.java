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

    /**
     * The index of element {@code flat} of a row-major array of shape {@code dims}, as a person reads it:
     * element 1010 of a 2×1×1000 array is {@code [1, 0, 10]}. Any rank; rank 0 or 1 gives {@code [flat]}.
     */
    static String index(long flat, int[] dims) {
        if (dims == null || dims.length <= 1) {
            return "[" + flat + "]";
        }
        long[] at = new long[dims.length];
        long rest = flat;
        for (int k = dims.length - 1; k > 0; k--) {
            int n = Math.max(1, dims[k]);
            at[k] = rest % n;
            rest /= n;
        }
        at[0] = rest;
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < at.length; k++) {
            b.append(k == 0 ? "" : ", ").append(at[k]);
        }
        return b.append(']').toString();
    }
}
