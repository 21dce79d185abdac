package io.spinloop.training.chip;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The weights of a {@link QuasiStaticNetwork}, on the host: input {@code in[j][k]}, recurrent {@code rec[j][i]}
 * (all zero for the feed-forward topology), bias {@code bias[j]}, linear readout {@code out[c][t][j]} and
 * {@code outBias[c]}. Flattened in that order for the optimizer and checkpoints.
 *
 * <p>The readout has one of two shapes. A forecast ({@code readoutSteps == 0}) has one output read from every
 * step's activations with the same weights {@code out[j]}: one prediction per step. A sequence classifier
 * ({@code readoutSteps == T}) has {@code outputs} logits, each a weighted sum of the activations of all T steps
 * (the host holds the readings of a whole sequence, which is the memory quasi-static neurons lack).
 */
public final class NetworkWeights {
    final int neurons;
    final int inputs;
    final boolean recurrent;
    final int outputs;
    final int readoutSteps;
    final double[] values;

    NetworkWeights(int neurons, int inputs, boolean recurrent) {
        this(neurons, inputs, recurrent, 1, 0);
    }

    NetworkWeights(int neurons, int inputs, boolean recurrent, int outputs, int readoutSteps) {
        this.neurons = neurons;
        this.inputs = inputs;
        this.recurrent = recurrent;
        this.outputs = outputs;
        this.readoutSteps = readoutSteps;
        this.values = new double[neurons * inputs + neurons * neurons + neurons
                + outputs * Math.max(1, readoutSteps) * neurons + outputs];
    }

    /**
     * Weights of a sequence classifier: {@code classes} logits read from the activations of all {@code steps}
     * steps. Input, recurrent and bias weights start as {@link #random} draws them; the readout starts at zero.
     */
    public static NetworkWeights classifier(int neurons, int inputs, boolean recurrent, int classes, int steps,
                                            double inputScale, double recurrentScale, long seed) {
        if (classes < 2 || steps < 1) {
            throw new IllegalArgumentException("a classifier needs 2 or more classes and 1 or more steps, got "
                    + classes + " and " + steps);
        }
        NetworkWeights w = new NetworkWeights(neurons, inputs, recurrent, classes, steps);
        w.randomHidden(inputScale, recurrentScale, seed);
        return w;
    }

    /**
     * Random start: input weights uniform in ±{@code inputScale}/√inputs, recurrent ones (if any) scaled to
     * {@code recurrentScale}/√neurons, biases uniform in ±0.5 (neurons start spread over their windows).
     */
    public static NetworkWeights random(int neurons, int inputs, boolean recurrent, double inputScale,
                                        double recurrentScale, long seed) {
        NetworkWeights w = new NetworkWeights(neurons, inputs, recurrent);
        w.randomHidden(inputScale, recurrentScale, seed);
        return w;
    }

    private void randomHidden(double inputScale, double recurrentScale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int j = 0; j < neurons; j++) {
            for (int k = 0; k < inputs; k++) {
                values[inIndex(j, k)] = inputScale * (2 * r.nextDouble() - 1) / Math.sqrt(inputs);
            }
            if (recurrent) {
                for (int i = 0; i < neurons; i++) {
                    values[recIndex(j, i)] = recurrentScale * (2 * r.nextDouble() - 1) / Math.sqrt(neurons);
                }
            }
            values[biasIndex(j)] = 0.5 * (2 * r.nextDouble() - 1);
        }
    }

    /** Weights of the given shape with values {@code flat} (the order of {@link #flat()}), e.g. read from a file. */
    public static NetworkWeights of(int neurons, int inputs, boolean recurrent, double[] flat) {
        if (neurons < 1 || inputs < 1) {
            throw new IllegalArgumentException("weights need 1 or more neurons and inputs, got " + neurons + " and "
                    + inputs);
        }
        NetworkWeights w = new NetworkWeights(neurons, inputs, recurrent);
        w.set(flat);
        return w;
    }

    /** Classifier weights ({@link #classifier}'s shape) with values {@code flat}, e.g. read from a file. */
    public static NetworkWeights classifierOf(int neurons, int inputs, boolean recurrent, int classes, int steps,
                                              double[] flat) {
        if (neurons < 1 || inputs < 1 || classes < 2 || steps < 1) {
            throw new IllegalArgumentException("classifier weights need 1 or more neurons, inputs and steps and 2 or "
                    + "more classes, got " + neurons + ", " + inputs + ", " + steps + " and " + classes);
        }
        NetworkWeights w = new NetworkWeights(neurons, inputs, recurrent, classes, steps);
        w.set(flat);
        return w;
    }

    public NetworkWeights copy() {
        NetworkWeights c = new NetworkWeights(neurons, inputs, recurrent, outputs, readoutSteps);
        System.arraycopy(values, 0, c.values, 0, values.length);
        return c;
    }

    /** These weights with every input, recurrent and bias weight multiplied by {@code factor} (tests, studies). */
    public NetworkWeights scaledDrive(double factor) {
        NetworkWeights c = copy();
        for (int i = 0; i < neurons * inputs + neurons * neurons + neurons; i++) {
            c.values[i] *= factor;
        }
        return c;
    }

    public int neurons() {
        return neurons;
    }

    public int inputs() {
        return inputs;
    }

    public boolean recurrent() {
        return recurrent;
    }

    /** Outputs of the readout: 1 for a forecast, the number of classes for a classifier. */
    public int outputs() {
        return outputs;
    }

    /** Steps the readout reads at once: 0 for a forecast (one output per step), T for a sequence classifier. */
    public int readoutSteps() {
        return readoutSteps;
    }

    public boolean isClassifier() {
        return readoutSteps > 0;
    }

    public double[] flat() {
        return values.clone();
    }

    public void set(double[] flat) {
        if (flat.length != values.length) {
            throw new IllegalArgumentException("expected " + values.length + " weights, got " + flat.length);
        }
        System.arraycopy(flat, 0, values, 0, flat.length);
    }

    int inIndex(int j, int k) {
        return j * inputs + k;
    }

    int recIndex(int j, int i) {
        return neurons * inputs + j * neurons + i;
    }

    int biasIndex(int j) {
        return neurons * inputs + neurons * neurons + j;
    }

    int outIndex(int j) {
        return neurons * inputs + neurons * neurons + neurons + j;
    }

    int outBiasIndex() {
        return values.length - 1;
    }

    /** Classifier readout weight of class c on neuron j's activation at step t. */
    int outIndex(int c, int t, int j) {
        return neurons * inputs + neurons * neurons + neurons + (c * readoutSteps + t) * neurons + j;
    }

    int outBiasIndex(int c) {
        return values.length - outputs + c;
    }

    /** Sets the forecast readout (e.g. from a ridge fit on the hidden activations). */
    public void setReadout(double[] out, double bias) {
        if (isClassifier()) {
            throw new IllegalStateException("a classifier's readout is set with setClassReadout");
        }
        for (int j = 0; j < neurons; j++) {
            values[outIndex(j)] = out[j];
        }
        values[outBiasIndex()] = bias;
    }

    /** Sets class c's readout: {@code out[t·neurons + j]} on neuron j at step t, and its bias. */
    public void setClassReadout(int c, double[] out, double bias) {
        if (!isClassifier() || out.length != readoutSteps * neurons) {
            throw new IllegalArgumentException("class readout of " + out.length + " weights for " + this);
        }
        System.arraycopy(out, 0, values, outIndex(c, 0, 0), out.length);
        values[outBiasIndex(c)] = bias;
    }

    @Override
    public String toString() {
        return "NetworkWeights[" + neurons + " neurons, " + inputs + " inputs, recurrent=" + recurrent
                + (isClassifier() ? ", " + outputs + " classes over " + readoutSteps + " steps" : "") + ", |w|="
                + Math.sqrt(Arrays.stream(values).map(v -> v * v).sum()) + "]";
    }
}
