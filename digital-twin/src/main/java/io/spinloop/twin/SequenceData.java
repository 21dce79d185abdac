package io.spinloop.twin;

import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SequenceSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Drive sequences and the power measured in each repeat: what a twin is fitted on and judged against.
 * Shapes are those of a measurement file's {@code /sequences}: {@code timeS} (T), {@code driveA} (S x T),
 * {@code powerW} (S x R x T). {@code source} says where the data came from (file paths), for provenance.
 */
public record SequenceData(String source, double[] timeS, double[][] driveA, double[][][] powerW) {

    public SequenceData {
        int t = timeS.length;
        if (t < 2) {
            throw new IllegalArgumentException(source + ": /sequences/time_s: need at least 2 time steps, got " + t);
        }
        if (driveA.length == 0 || driveA.length != powerW.length) {
            throw new IllegalArgumentException(source + ": /sequences: drive_A has " + driveA.length
                    + " sequences, power_W " + powerW.length);
        }
        int r = powerW[0].length;
        for (int s = 0; s < driveA.length; s++) {
            if (driveA[s].length != t) {
                throw new IllegalArgumentException(source + ": /sequences/drive_A: sequence " + s + " has "
                        + driveA[s].length + " steps, time_s has " + t);
            }
            if (powerW[s].length != r || r == 0) {
                throw new IllegalArgumentException(source + ": /sequences/power_W: sequence " + s + " has "
                        + powerW[s].length + " repeats, sequence 0 has " + r);
            }
            for (int k = 0; k < r; k++) {
                if (powerW[s][k].length != t) {
                    throw new IllegalArgumentException(source + ": /sequences/power_W: sequence " + s + " repeat "
                            + k + " has " + powerW[s][k].length + " steps, time_s has " + t);
                }
                requireFinite(source, "/sequences/power_W", powerW[s][k], s, k);
            }
            requireFinite(source, "/sequences/drive_A", driveA[s], s, -1);
        }
        requireFinite(source, "/sequences/time_s", timeS, -1, -1);
        double dt = timeS[1] - timeS[0];
        for (int i = 1; i < t; i++) {
            double d = timeS[i] - timeS[i - 1];
            if (!(d > 0) || Math.abs(d - dt) > 1e-6 * dt) {
                throw new IllegalArgumentException(source + ": /sequences/time_s: steps must be uniform and increasing; "
                        + "step " + i + " is " + d + " s, step 1 is " + dt + " s");
            }
        }
    }

    private static void requireFinite(String source, String dataset, double[] v, int s, int r) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(source + ": " + dataset + ": value " + v[i] + " at "
                        + (s >= 0 ? "sequence " + s + ", " : "") + (r >= 0 ? "repeat " + r + ", " : "") + "step " + i);
            }
        }
    }

    /** The {@code /sequences} of a measurement file, validated by the store (errors name file and dataset). */
    public static SequenceData read(Path file) throws IOException {
        SequenceSet set = MeasurementFile.open(file).requireSequences();
        return new SequenceData(file.toString(), set.timeS(), set.driveA(), set.powerW());
    }

    /** The sequences of several files, concatenated; their time grids and repeat counts must agree. */
    public static SequenceData read(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no measurement file given");
        }
        SequenceData all = read(files.get(0));
        for (int i = 1; i < files.size(); i++) {
            all = all.concat(read(files.get(i)));
        }
        return all;
    }

    /** This data followed by {@code other}'s sequences. */
    public SequenceData concat(SequenceData other) {
        if (other.steps() != steps() || other.repeats() != repeats()
                || Math.abs(other.sampleInterval() - sampleInterval()) > 1e-6 * sampleInterval()) {
            throw new IllegalArgumentException(other.source + ": /sequences: " + other.steps() + " steps x "
                    + other.repeats() + " repeats at " + other.sampleInterval() + " s do not match " + source + " ("
                    + steps() + " x " + repeats() + " at " + sampleInterval() + " s)");
        }
        int n = sequences() + other.sequences();
        double[][] d = new double[n][];
        double[][][] p = new double[n][][];
        System.arraycopy(driveA, 0, d, 0, sequences());
        System.arraycopy(other.driveA, 0, d, sequences(), other.sequences());
        System.arraycopy(powerW, 0, p, 0, sequences());
        System.arraycopy(other.powerW, 0, p, sequences(), other.sequences());
        return new SequenceData(source + "," + other.source, timeS, d, p);
    }

    public int sequences() {
        return driveA.length;
    }

    public int repeats() {
        return powerW[0].length;
    }

    public int steps() {
        return timeS.length;
    }

    /** Seconds between two measured points. */
    public double sampleInterval() {
        return timeS[1] - timeS[0];
    }

    /** The sequences at {@code indices}, in that order. */
    public SequenceData subset(int[] indices) {
        double[][] d = new double[indices.length][];
        double[][][] p = new double[indices.length][][];
        for (int i = 0; i < indices.length; i++) {
            d[i] = driveA[indices[i]];
            p[i] = powerW[indices[i]];
        }
        return new SequenceData(source, timeS, d, p);
    }

    /** The repeats [from, to) of every sequence (e.g. two halves for the measured-versus-measured floor). */
    public SequenceData repeats(int from, int to) {
        double[][][] p = new double[sequences()][][];
        for (int s = 0; s < p.length; s++) {
            p[s] = java.util.Arrays.copyOfRange(powerW[s], from, to);
        }
        return new SequenceData(source, timeS, driveA, p);
    }

    /** A seeded split by sequence: [training, held out], with at least one sequence in each. */
    public SequenceData[] split(double heldOutFraction, long seed) {
        int n = sequences();
        if (n < 2) {
            throw new IllegalArgumentException(source + ": /sequences: need at least 2 sequences to hold some out, got " + n);
        }
        int held = Math.max(1, Math.min(n - 1, (int) Math.round(n * heldOutFraction)));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (i < held ? test : train).add(order[i]);
        }
        train.sort(null);
        test.sort(null);
        return new SequenceData[] {subset(train.stream().mapToInt(Integer::intValue).toArray()),
            subset(test.stream().mapToInt(Integer::intValue).toArray())};
    }
}
