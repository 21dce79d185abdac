package io.spinloop.training.chip;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The weights of a {@link QuasiStaticNetwork}, on the host: input {@code in[j][k]}, recurrent {@code rec[j][i]}
 * (all zero for the feed-forward topology), bias {@code bias[j]}, linear readout {@code out[j]} and
 * {@code outBias}. Flattened in that order for the optimizer and checkpoints.
 */
public final class NetworkWeights {
    final int neurons;
    final int inputs;
    final boolean recurrent;
    final double[] values;

    NetworkWeights(int neurons, int inputs, boolean recurrent) {
        this.neurons = neurons;
        this.inputs = inputs;
        this.recurrent = recurrent;
        this.values = new double[neurons * inputs + neurons * neurons + neurons + neurons + 1];
    }

    /**
     * Random start: input weights uniform in ±{@code inputScale}/√inputs, recurrent ones (if any) scaled to
     * {@code recurrentScale}/√neurons, biases uniform in ±0.5 (neurons start spread over their windows).
     */
    public static NetworkWeights random(int neurons, int inputs, boolean recurrent, double inputScale,
                                        double recurrentScale, long seed) {
        NetworkWeights w = new NetworkWeights(neurons, inputs, recurrent);
        SplittableRandom r = new SplittableRandom(seed);
        for (int j = 0; j < neurons; j++) {
            for (int k = 0; k < inputs; k++) {
                w.values[w.inIndex(j, k)] = inputScale * (2 * r.nextDouble() - 1) / Math.sqrt(inputs);
            }
            if (recurrent) {
                for (int i = 0; i < neurons; i++) {
                    w.values[w.recIndex(j, i)] = recurrentScale * (2 * r.nextDouble() - 1) / Math.sqrt(neurons);
                }
            }
            w.values[w.biasIndex(j)] = 0.5 * (2 * r.nextDouble() - 1);
        }
        return w;
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

    public NetworkWeights copy() {
        NetworkWeights c = new NetworkWeights(neurons, inputs, recurrent);
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

    /** Sets the readout (e.g. from a ridge fit on the hidden activations). */
    public void setReadout(double[] out, double bias) {
        for (int j = 0; j < neurons; j++) {
            values[outIndex(j)] = out[j];
        }
        values[outBiasIndex()] = bias;
    }

    @Override
    public String toString() {
        return "NetworkWeights[" + neurons + " neurons, " + inputs + " inputs, recurrent=" + recurrent + ", |w|="
                + Math.sqrt(Arrays.stream(values).map(v -> v * v).sum()) + "]";
    }
}
