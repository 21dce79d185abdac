package io.spinloop.twin.sysid;

/**
 * One identified physical parameter.
 *
 * @param name          parameter name (as in the model and twin files)
 * @param value         the estimate
 * @param standardError Laplace standard error (from the inverse Hessian of the negative log-likelihood in the
 *                      bounded parameterisation, mapped to physical units); NaN when not available
 * @param lower         lower bound of the search
 * @param upper         upper bound of the search
 * @param fitted        false when the parameter was held fixed (e.g. not identifiable from the data's regime)
 */
public record Estimate(String name, double value, double standardError, double lower, double upper, boolean fitted) {

    /** Relative standard error, |se / value|. */
    public double relativeError() {
        return Math.abs(standardError / value);
    }

    @Override
    public String toString() {
        return fitted
                ? String.format("%s = %.5g ± %.2g (%.2f %%)", name, value, standardError, 100 * relativeError())
                : String.format("%s = %.5g (held fixed)", name, value);
    }
}
