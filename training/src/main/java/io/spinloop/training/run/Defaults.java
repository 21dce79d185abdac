package io.spinloop.training.run;

/**
 * Default hyper-parameters per model. Start: the seed's Optuna values (τ = 14.12 ns, lr0 = 0.149,
 * decay = 8.077, S = 0.5); replaced by what {@code spinloop tune} found when it did better here (see README).
 */
final class Defaults {
    static final int EPOCHS = 60;

    private Defaults() {
    }

    static double tau(ModelKind m) {
        return 14.12;
    }

    static double lr0(ModelKind m) {
        return 0.149;
    }

    static double decay(ModelKind m) {
        return 8.077;
    }

    static double amplification(ModelKind m) {
        return 0.5;
    }

    static double initScale(ModelKind m) {
        return 1.0;
    }
}
