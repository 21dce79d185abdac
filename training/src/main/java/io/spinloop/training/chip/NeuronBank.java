package io.spinloop.training.chip;

/**
 * The neurons of a network, wherever they run: on twin models ({@link TwinNeurons}) or on the bench's devices
 * ({@link ChipNeurons}). The network computes drive currents on the host and asks the bank what the neurons
 * did with them.
 */
public interface NeuronBank {

    /** Activations of one time step: {@code drivesA[b][j]} is neuron j's drive (A) for batch row b. */
    Activation evaluate(double[][] drivesA);

    /**
     * Activations of every time step at once ({@code drivesA[t][b][j]}), for feed-forward topologies whose drives
     * are all known in advance: a bench plays them as one sequence of list sweeps.
     */
    default Activation[] evaluateAll(double[][][] drivesA) {
        Activation[] out = new Activation[drivesA.length];
        for (int t = 0; t < drivesA.length; t++) {
            out[t] = evaluate(drivesA[t]);
        }
        return out;
    }
}
