package io.spinloop.training.mackeyglass;

/**
 * The Mackey-Glass delay equation {@code dx/dt = β x(t−τ)/(1 + x(t−τ)^n) − γ x} with β = 0.2, γ = 0.1, n = 10,
 * τ = 17 (the chaotic regime used by the reservoir papers and seed 004).
 *
 * <p>Integrated by fourth-order Runge-Kutta with step {@code h = 0.1} (τ is a whole number of steps, so the
 * delayed value is read from the history, the midpoint value by averaging neighbours), from the constant
 * history x = 1.2, and sampled every {@code sampling} time units after a transient of 1000 time units.
 */
public final class MackeyGlass {
    public static final double BETA = 0.2;
    public static final double GAMMA = 0.1;
    public static final int EXPONENT = 10;
    public static final double DELAY = 17.0;
    private static final double H = 0.1;
    private static final double TRANSIENT = 1000.0;

    private MackeyGlass() {
    }

    /** {@code length} samples spaced {@code sampling} time units apart. */
    public static double[] series(int length, double sampling) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        int every = (int) Math.round(sampling / H);
        if (every < 1 || Math.abs(every * H - sampling) > 1e-9) {
            throw new IllegalArgumentException("sampling must be a positive multiple of " + H + ", got " + sampling);
        }
        int lag = (int) Math.round(DELAY / H);
        int skip = (int) Math.round(TRANSIENT / H);
        int total = skip + (length - 1) * every + 1;
        double[] x = new double[lag + total];
        java.util.Arrays.fill(x, 0, lag + 1, 1.2);
        for (int i = lag; i < lag + total - 1; i++) {
            double d0 = x[i - lag];
            double d1 = x[i - lag + 1];
            double dm = 0.5 * (d0 + d1);
            double v = x[i];
            double k1 = rhs(v, d0);
            double k2 = rhs(v + 0.5 * H * k1, dm);
            double k3 = rhs(v + 0.5 * H * k2, dm);
            double k4 = rhs(v + H * k3, d1);
            x[i + 1] = v + H / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        double[] out = new double[length];
        for (int s = 0; s < length; s++) {
            out[s] = x[lag + skip + s * every];
        }
        return out;
    }

    static double rhs(double x, double delayed) {
        return BETA * delayed / (1 + Math.pow(delayed, EXPONENT)) - GAMMA * x;
    }
}
