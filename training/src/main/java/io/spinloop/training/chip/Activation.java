package io.spinloop.training.chip;

/**
 * What a bank of neurons returned for one time step of a batch: activations {@code h[b][j]} and the local
 * derivatives {@code slope[b][j] = dh/dI} (per A) the backward pass uses.
 */
public record Activation(double[][] h, double[][] slope) {
}
