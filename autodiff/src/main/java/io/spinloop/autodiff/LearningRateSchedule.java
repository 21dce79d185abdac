package io.spinloop.autodiff;

/** The learning rate as a function of the epoch (counted from 0). */
@FunctionalInterface
public interface LearningRateSchedule {
    double at(int epoch);

    static LearningRateSchedule constant(double lr) {
        checkPositive("lr", lr);
        return epoch -> lr;
    }

    /** The seed's decay: lr0 / (epoch / decay + 1). */
    static LearningRateSchedule inverseTime(double lr0, double decay) {
        checkPositive("lr0", lr0);
        checkPositive("decay", decay);
        return epoch -> lr0 / (epoch / decay + 1.0);
    }

    private static void checkPositive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be a positive number, got " + v);
        }
    }
}
