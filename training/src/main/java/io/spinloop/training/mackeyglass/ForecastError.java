package io.spinloop.training.mackeyglass;

/**
 * How far a forecast is from the truth: MSE on the normalised series (zero mean, unit variance over the
 * training part) and NRMSE = RMSE / standard deviation of the targets being predicted.
 */
public record ForecastError(double mse, double nrmse) {

    public static ForecastError of(double[] predicted, double[] target) {
        if (predicted.length != target.length || target.length == 0) {
            throw new IllegalArgumentException("need as many predictions as targets (got " + predicted.length
                    + " and " + target.length + ")");
        }
        double se = 0;
        double mean = 0;
        for (double t : target) {
            mean += t;
        }
        mean /= target.length;
        double var = 0;
        for (int i = 0; i < target.length; i++) {
            double e = predicted[i] - target[i];
            se += e * e;
            var += (target[i] - mean) * (target[i] - mean);
        }
        double mse = se / target.length;
        var /= target.length;
        return new ForecastError(mse, Math.sqrt(mse / var));
    }
}
