package io.spinloop.training.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spinloop.autodiff.GradientCheck;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.neuron.CtrnnNeuron;
import io.spinloop.training.neuron.Integrator;
import io.spinloop.training.neuron.NeuronModel;
import io.spinloop.training.neuron.OscillatorNeuron;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultilayerNetworkTest {

    @Test
    void seedNetworkHas96NeuronsAnd2896Synapses() {
        MultilayerNetwork net = new MultilayerNetwork(NetworkConfig.seedDefault(), OscillatorNeuron.exact(14.12), 7);
        assertEquals(96, net.neuronCount());
        assertEquals(2896, net.synapseCount());
    }

    /** The fused layer cell and the whole unrolled network against central differences, for every neuron kind. */
    @Test
    void gradientsOfTheUnrolledNetworkMatchFiniteDifferences() {
        NeuronModel[] models = {OscillatorNeuron.exact(5), new OscillatorNeuron(5, Integrator.RK4, 2),
            CtrnnNeuron.exact(5), new CtrnnNeuron(5, Integrator.RK4, 2)};
        for (NeuronModel m : models) {
            // A large f_cut so that the high-pass filter matters within the few steps checked.
            NetworkConfig c = new NetworkConfig(2, 4, 1, 3, 0.5, 0.75, 3.0, 1.0, 30.0, 1.0);
            MultilayerNetwork net = new MultilayerNetwork(c, m, 11);
            Random rng = new Random(5);
            // Non-zero biases so that every path is exercised.
            for (Parameter p : net.parameters().list()) {
                if (p.name().endsWith("bias")) {
                    double[] v = new double[p.value().size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = 0.05 * rng.nextGaussian();
                    }
                    p.set(v);
                }
            }
            double[][] seq = new double[5][7];
            for (double[] s : seq) {
                for (int i = 0; i < s.length; i++) {
                    s[i] = rng.nextDouble();
                }
            }
            int[] labels = {0, 1, 2, 1, 0};
            List<Tensor> values = new ArrayList<>();
            for (Parameter p : net.parameters().list()) {
                values.add(p.value());
            }
            GradientCheck gc = GradientCheck.of(t -> net.loss(t, seq, labels, 0, 5, 1.0), values);
            gc.assertWithin(1e-5);
        }
    }

    @Test
    void densityOutsideUnitIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NetworkConfig(3, 32, 1, 10, 0.0, 0.5, 0.5, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new NetworkConfig(3, 32, 1, 10, 0.5, 1.01, 0.5, 1, 1, 1));
    }
}
