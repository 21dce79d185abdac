package io.spinloop.lab.sequence;

import java.util.Random;

/**
 * Drive-current sequences for a digital twin to learn from. Even-numbered sequences hold random levels
 * for random times (the twin sees the whole drive range and many transitions); odd-numbered ones are
 * steps up and down from a base level with growing amplitude (the twin sees clean step responses).
 * Every sequence starts and ends at the middle of the range and changes by at most {@code maxStepA}
 * between consecutive points, so the source's safety limits never refuse it.
 *
 * @param minA     smallest current, A
 * @param maxA     largest current, A
 * @param maxStepA largest change between consecutive points, A (the device's ramp step, and the ramp
 *                 rate times the dwell, whichever is smaller)
 */
public record DriveSequences(double minA, double maxA, double maxStepA) {

    public DriveSequences {
        if (!(minA < maxA) || !(maxStepA > 0)) {
            throw new IllegalArgumentException("need minA < maxA and a positive step, got " + minA + ", " + maxA
                    + ", " + maxStepA);
        }
    }

    /** The middle of the range, where every sequence starts and ends. */
    public double midA() {
        return (minA + maxA) / 2;
    }

    /** {@code count} sequences of {@code length} points, reproducible from {@code seed}. */
    public double[][] generate(int count, int length, long seed) {
        Random rnd = new Random(seed);
        double[][] out = new double[count][];
        for (int s = 0; s < count; s++) {
            out[s] = s % 2 == 0 ? randomLevels(length, rnd) : steps(length, s / 2, count / 2 + count % 2);
        }
        return out;
    }

    private double[] randomLevels(int length, Random rnd) {
        double[] target = new double[length];
        int i = 0;
        double level = midA();
        while (i < length) {
            int hold = 2 + rnd.nextInt(Math.max(2, length / 8));
            for (int k = 0; k < hold && i < length; k++) {
                target[i++] = level;
            }
            level = minA + (maxA - minA) * rnd.nextDouble();
        }
        return slewLimited(target);
    }

    private double[] steps(int length, int which, int of) {
        double[] target = new double[length];
        double base = minA + 0.25 * (maxA - minA);
        double amplitude = (maxA - base) * (which + 1) / of;
        int period = Math.max(4, length / 4);
        for (int i = 0; i < length; i++) {
            int phase = i / period;
            target[i] = switch (phase % 4) {
                case 1 -> base + amplitude;
                case 3 -> base + amplitude / 2;
                default -> base;
            };
        }
        return slewLimited(target);
    }

    /**
     * Follows {@code target} without ever moving more than maxStepA per point, starting from the middle
     * and bending the tail back to the middle.
     */
    private double[] slewLimited(double[] target) {
        int n = target.length;
        double[] out = new double[n];
        double prev = midA();
        for (int i = 0; i < n; i++) {
            // Points left before the end, and the distance that must still be travelled back to the middle.
            int left = n - 1 - i;
            double goal = target[i];
            double backReach = left * maxStepA;
            goal = Math.max(goal, midA() - backReach);
            goal = Math.min(goal, midA() + backReach);
            double step = Math.max(-maxStepA, Math.min(maxStepA, goal - prev));
            prev = Math.max(minA, Math.min(maxA, prev + step));
            out[i] = prev;
        }
        return out;
    }
}
