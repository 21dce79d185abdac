package io.spinloop.twin.validate;

/**
 * A twin's distribution figures on held-out measurements next to the floor: the same figures between two
 * halves of the measured repeats, which no twin can beat on average. The twin is compared with one half
 * using as many simulated repeats as the other half has, so both rows have the same sampling noise.
 *
 * @param twin      twin (as many repeats as half A) versus measured half B
 * @param floor     measured half A versus measured half B
 * @param sequences held-out sequences judged
 * @param repeats   measured repeats per sequence
 * @param steps     steps per sequence
 */
public record ValidationReport(DistributionMetrics twin, DistributionMetrics floor, int sequences, int repeats,
        int steps) {

    public double meanRatio() {
        return twin.meanError() / floor.meanError();
    }

    public double spreadRatio() {
        return twin.spreadError() / floor.spreadError();
    }

    public double autocorrRatio() {
        return twin.autocorrError() / floor.autocorrError();
    }

    public double distanceRatio() {
        return twin.distance() / floor.distance();
    }

    /** The acceptance test of issue 5: mean, spread and distance within {@code factor} of the floor. */
    public boolean passes(double factor) {
        return meanRatio() <= factor && spreadRatio() <= factor && distanceRatio() <= factor;
    }

    /** One number to rank twins by: the sum of the four twin/floor ratios. */
    public double score() {
        return meanRatio() + spreadRatio() + autocorrRatio() + distanceRatio();
    }

    /** A small plain-text table: figure, twin, floor, ratio. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-22s %10s %10s %8s%n", "figure (units of sd P)", "twin", "floor", "ratio"));
        row(b, "mean-trajectory error", twin.meanError(), floor.meanError());
        row(b, "spread error", twin.spreadError(), floor.spreadError());
        row(b, "autocorrelation error", twin.autocorrError(), floor.autocorrError());
        row(b, "Wasserstein-1", twin.distance(), floor.distance());
        b.append(String.format("%-22s %10.3f %10.3f%n", "spread ratio (pooled)", twin.spreadRatio(), floor.spreadRatio()));
        row(b, "spread |log ratio|", twin.logSpreadError(), floor.logSpreadError());
        b.append(String.format("%d held-out sequences x %d repeats x %d steps; pass (<= 1.5x floor on mean, spread, "
                + "distance): %s%n", sequences, repeats, steps, passes(1.5) ? "yes" : "no"));
        return b.toString();
    }

    private static void row(StringBuilder b, String name, double t, double f) {
        b.append(String.format("%-22s %10.4f %10.4f %8.2f%n", name, t, f, t / f));
    }
}
