package io.spinloop.training.neuron;

/**
 * Classic fourth-order Runge–Kutta with a fixed number of sub-steps per input interval, and its exact
 * discrete adjoint (the gradient of the computed step, not of the ODE), so gradients match finite differences.
 */
final class Rk4Scheme {
    private final ScalarOde ode;
    private final int substeps;

    Rk4Scheme(ScalarOde ode, int substeps) {
        if (substeps < 1) {
            throw new IllegalArgumentException("sub-steps must be at least 1, got " + substeps);
        }
        this.ode = ode;
        this.substeps = substeps;
    }

    int substeps() {
        return substeps;
    }

    double step(double dt, double x, double drive) {
        double h = dt / substeps;
        for (int s = 0; s < substeps; s++) {
            x = rk4(h, x, drive);
        }
        return x;
    }

    private double rk4(double h, double x, double drive) {
        double k1 = ode.f(x, drive);
        double k2 = ode.f(x + 0.5 * h * k1, drive);
        double k3 = ode.f(x + 0.5 * h * k2, drive);
        double k4 = ode.f(x + h * k3, drive);
        return x + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
    }

    /** Returns {∂x'/∂x · g, ∂x'/∂I · g} for the whole interval, recomputing the sub-step states. */
    void backward(double dt, double x0, double drive, double g, double[] out) {
        double h = dt / substeps;
        double[] xs = new double[substeps];
        double x = x0;
        for (int s = 0; s < substeps; s++) {
            xs[s] = x;
            x = rk4(h, x, drive);
        }
        double gx = g;
        double gI = 0.0;
        for (int s = substeps - 1; s >= 0; s--) {
            double a1 = xs[s];
            double k1 = ode.f(a1, drive);
            double a2 = a1 + 0.5 * h * k1;
            double k2 = ode.f(a2, drive);
            double a3 = a1 + 0.5 * h * k2;
            double k3 = ode.f(a3, drive);
            double a4 = a1 + h * k3;
            double gk1 = h / 6.0 * gx;
            double gk2 = h / 3.0 * gx;
            double gk3 = h / 3.0 * gx;
            double gk4 = h / 6.0 * gx;
            double gxs = gx;
            double ga4 = gk4 * ode.dfdx(a4, drive);
            gI += gk4 * ode.dfdDrive(a4, drive);
            gxs += ga4;
            gk3 += h * ga4;
            double ga3 = gk3 * ode.dfdx(a3, drive);
            gI += gk3 * ode.dfdDrive(a3, drive);
            gxs += ga3;
            gk2 += 0.5 * h * ga3;
            double ga2 = gk2 * ode.dfdx(a2, drive);
            gI += gk2 * ode.dfdDrive(a2, drive);
            gxs += ga2;
            gk1 += 0.5 * h * ga2;
            gxs += gk1 * ode.dfdx(a1, drive);
            gI += gk1 * ode.dfdDrive(a1, drive);
            gx = gxs;
        }
        out[0] = gx;
        out[1] = gI;
    }
}
