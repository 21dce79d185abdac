package io.spinloop.training.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The epoch history of a run as a numeric table (one row per epoch), the form a checkpoint stores it in.
 * Columns are named so that a reader (this one, h5py) finds them by name, and a table written before a column
 * was added reads with that column as NaN.
 */
final class EpochTable {
    static final String[] COLUMNS = {"epoch", "learning_rate", "train_loss", "train_accuracy", "test_loss",
        "test_accuracy", "seconds", "validation_loss", "validation_accuracy"};
    /** The first columns every table has; the validation columns came later and may be absent. */
    private static final int REQUIRED = 7;

    private EpochTable() {
    }

    static double[][] rows(List<EpochMetrics> history) {
        double[][] t = new double[history.size()][];
        for (int i = 0; i < t.length; i++) {
            EpochMetrics m = history.get(i);
            t[i] = new double[] {m.epoch(), m.learningRate(), m.trainLoss(), m.trainAccuracy(), m.testLoss(),
                m.testAccuracy(), m.seconds(), m.validationLoss(), m.validationAccuracy()};
        }
        return t;
    }

    static List<EpochMetrics> metrics(double[][] table, String[] columns, String where) {
        int[] at = new int[COLUMNS.length];
        List<String> names = Arrays.asList(columns);
        for (int c = 0; c < COLUMNS.length; c++) {
            at[c] = names.indexOf(COLUMNS[c]);
        }
        for (int c = 0; c < REQUIRED; c++) {
            if (at[c] < 0) {
                throw new IllegalStateException(where + " lacks column '" + COLUMNS[c] + "'");
            }
        }
        List<EpochMetrics> out = new ArrayList<>(table.length);
        for (double[] r : table) {
            out.add(new EpochMetrics((int) r[at[0]], r[at[1]], r[at[2]], r[at[3]], r[at[4]], r[at[5]], r[at[6]],
                    at[7] < 0 ? Double.NaN : r[at[7]], at[8] < 0 ? Double.NaN : r[at[8]]));
        }
        return out;
    }
}
