package io.spinloop.training.tune;

/** One searched hyper-parameter: a real range, sampled uniformly in value or in log(value). */
public record Dimension(String name, double low, double high, boolean log) {
    public Dimension {
        if (!(low < high) || (log && !(low > 0))) {
            throw new IllegalArgumentException("dimension " + name + ": need low < high (and low > 0 for log), got ["
                    + low + ", " + high + "]");
        }
    }

    /** Maps a value to [0, 1] (in log space if log). */
    double toUnit(double v) {
        return log ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low)) : (v - low) / (high - low);
    }

    double fromUnit(double u) {
        u = Math.max(0, Math.min(1, u));
        return log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
    }
}
