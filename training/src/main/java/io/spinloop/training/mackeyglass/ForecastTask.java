package io.spinloop.training.mackeyglass;

/**
 * An n-step-ahead forecast of a normalised series, cut into windows a network reads one sample per time step:
 * at step t it sees {@code taps} delayed samples {@code (s_t, s_{t-1}, ..., s_{t-taps+1})} (the host-side delay
 * line of a time-multiplexed reservoir) and must output {@code s_{t+horizon}}.
 *
 * @param inputs   [window][step][tap] inputs
 * @param targets  [window][step] targets
 * @param sampling time units between samples
 * @param horizon  samples ahead
 */
public record ForecastTask(double[][][] inputs, double[][] targets, double sampling, int horizon) {

    /** Seed 004's task: Mackey-Glass sampled every {@code sampling} time units, {@code horizon} samples ahead. */
    public static Split mackeyGlass(int trainWindows, int testWindows, int steps, int taps, double sampling,
                                    int horizon) {
        int n = (trainWindows + testWindows) * steps + taps + horizon;
        double[] raw = MackeyGlass.series(n, sampling);
        int trainEnd = trainWindows * steps + taps + horizon;
        double mean = 0;
        for (int i = 0; i < trainEnd; i++) {
            mean += raw[i];
        }
        mean /= trainEnd;
        double var = 0;
        for (int i = 0; i < trainEnd; i++) {
            var += (raw[i] - mean) * (raw[i] - mean);
        }
        double sd = Math.sqrt(var / trainEnd);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = (raw[i] - mean) / sd;
        }
        ForecastTask train = windows(s, 0, trainWindows, steps, taps, sampling, horizon);
        ForecastTask test = windows(s, trainWindows * steps, testWindows, steps, taps, sampling, horizon);
        return new Split(train, test, mean, sd);
    }

    /** Training and test windows, and the training part's mean and standard deviation used to normalise. */
    public record Split(ForecastTask train, ForecastTask test, double mean, double sd) {
    }

    static ForecastTask windows(double[] s, int offset, int count, int steps, int taps, double sampling, int horizon) {
        double[][][] in = new double[count][steps][taps];
        double[][] out = new double[count][steps];
        for (int w = 0; w < count; w++) {
            for (int t = 0; t < steps; t++) {
                int now = offset + w * steps + t + taps - 1;
                for (int k = 0; k < taps; k++) {
                    in[w][t][k] = s[now - k];
                }
                out[w][t] = s[now + horizon];
            }
        }
        return new ForecastTask(in, out, sampling, horizon);
    }

    public int windows() {
        return inputs.length;
    }

    public int steps() {
        return inputs[0].length;
    }

    public int taps() {
        return inputs[0][0].length;
    }

    /** The windows at {@code idx}, sharing rows. */
    public ForecastTask select(int[] idx) {
        double[][][] in = new double[idx.length][][];
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            in[i] = inputs[idx[i]];
            out[i] = targets[idx[i]];
        }
        return new ForecastTask(in, out, sampling, horizon);
    }

    /** All targets, window after window. */
    public double[] flatTargets() {
        double[] f = new double[windows() * steps()];
        for (int w = 0; w < windows(); w++) {
            System.arraycopy(targets[w], 0, f, w * steps(), steps());
        }
        return f;
    }
}
