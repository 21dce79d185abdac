package io.spinloop.app.live;

/** Numbers as the page's JSON carries them: a value that is not finite (no line found: NaN) becomes null, a gap. */
final class FiniteNumbers {
    private FiniteNumbers() {
    }

    static Double of(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static Double[] of(double[] v) {
        Double[] out = new Double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = of(v[i]);
        }
        return out;
    }
}
