package io.spinloop.training.loop;

import io.spinloop.training.TrainingException;

/** Training produced a NaN or infinity; says where, so that the run stops instead of continuing on garbage. */
public final class TrainingDivergedException extends TrainingException {
    private final int epoch;
    private final String where;

    public TrainingDivergedException(int epoch, int batch, String what, String where) {
        super("training diverged in epoch " + epoch + ", batch " + batch + ": " + what + " " + where);
        this.epoch = epoch;
        this.where = where;
    }

    public int epoch() {
        return epoch;
    }

    /** The parameter element (or "loss") where the non-finite value appeared. */
    public String where() {
        return where;
    }
}
