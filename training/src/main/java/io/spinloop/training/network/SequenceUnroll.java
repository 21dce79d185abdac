package io.spinloop.training.network;

import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;

/**
 * The layers of a {@link MultilayerNetwork} run over whole input sequences as one tape op with a hand-written BPTT
 * backward: {@link UnrolledLayers} in double precision, {@link UnrolledLayersFloat} in single.
 */
interface SequenceUnroll {
    /**
     * Runs {@code batch} sequences (rows of {@code sequences} from {@code firstRow}, each {@code steps * inputs}
     * values, time-major) through the layers; returns the last layer's output after the last step (batch x n).
     */
    Tensor lastOutput(Tape tape, double[][] sequences, int firstRow, int batch, Tensor[] wIn, Tensor[] wIntra,
            Tensor[] bias);

    /** The op's inputs, whose gradients its backward fills: each layer's w_in, w_intra and bias, layer by layer. */
    static Tensor[] inputs(Tensor[] wIn, Tensor[] wIntra, Tensor[] bias) {
        Tensor[] params = new Tensor[3 * wIn.length];
        for (int k = 0; k < wIn.length; k++) {
            params[3 * k] = wIn[k];
            params[3 * k + 1] = wIntra[k];
            params[3 * k + 2] = bias[k];
        }
        return params;
    }
}
