package io.spinloop.training.chip;

import io.spinloop.training.data.SequenceDataset;

/**
 * Sequential digits as a bench plays them: each 8×8 image is a sequence of its 8 rows, one row (8 pixels in
 * [0, 1]) per time step, and the class is read after the last. Seed 000 feeds one pixel per step to neurons with
 * their own dynamics; a bench neuron read quasi-statically has none, so each step gives it a whole row through
 * the input weights, and the host keeps the readings of all rows for the readout.
 *
 * @param inputs [image][row][pixel]
 * @param labels class of each image
 */
public record DigitRows(double[][][] inputs, int[] labels, int classes) {

    public DigitRows {
        if (inputs.length != labels.length || inputs.length == 0) {
            throw new IllegalArgumentException(inputs.length + " sequences for " + labels.length + " labels");
        }
    }

    /** The images of {@code data} (64 pixels each, row-major) cut into {@code rows} rows. */
    public static DigitRows of(SequenceDataset data, int rows) {
        int pixels = data.steps() * data.inputs();
        if (pixels % rows != 0) {
            throw new IllegalArgumentException(pixels + " pixels do not cut into " + rows + " rows");
        }
        int width = pixels / rows;
        double[][][] in = new double[data.size()][rows][width];
        for (int i = 0; i < data.size(); i++) {
            double[] s = data.sequences()[i];
            for (int t = 0; t < rows; t++) {
                System.arraycopy(s, t * width, in[i][t], 0, width);
            }
        }
        return new DigitRows(in, data.labels().clone(), data.classes());
    }

    public int size() {
        return inputs.length;
    }

    public int steps() {
        return inputs[0].length;
    }

    public int width() {
        return inputs[0][0].length;
    }

    /** The images at {@code idx}, sharing rows. */
    public DigitRows select(int[] idx) {
        double[][][] in = new double[idx.length][][];
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            in[i] = inputs[idx[i]];
            l[i] = labels[idx[i]];
        }
        return new DigitRows(in, l, classes);
    }
}
