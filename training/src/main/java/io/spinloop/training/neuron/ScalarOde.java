package io.spinloop.training.neuron;

/** dx/dt = f(x, I) for one neuron, with the partial derivatives a classic integrator's backward needs. */
interface ScalarOde {
    double f(double x, double drive);

    double dfdx(double x, double drive);

    double dfdDrive(double x, double drive);
}
