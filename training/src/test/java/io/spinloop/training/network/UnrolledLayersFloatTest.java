package io.spinloop.training.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.neuron.CtrnnNeuron;
import io.spinloop.training.neuron.Integrator;
import io.spinloop.training.neuron.NeuronModel;
import io.spinloop.training.neuron.OscillatorNeuron;
import io.spinloop.twin.model.KernelPrecision;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 pass against the double one (whose gradients {@code MultilayerNetworkTest} checks by finite
 * differences): the same network from the same seed gives the same loss and gradients to float accuracy, for every
 * neuron kind and for batches below, at and above the lane block (the padding must contribute nothing).
 */
class UnrolledLayersFloatTest {

    private static double[][] sequences(int rows, int length, long seed) {
        Random rng = new Random(seed);
        double[][] seq = new double[rows][length];
        for (double[] s : seq) {
            for (int i = 0; i < s.length; i++) {
                s[i] = rng.nextDouble();
            }
        }
        return seq;
    }

    @Test
    void lossAndGradientsMatchTheDoublePassToFloatAccuracy() {
        NeuronModel[] models = {OscillatorNeuron.exact(4.2), CtrnnNeuron.exact(5.2),
            new OscillatorNeuron(4.2, Integrator.RK4, 2)};
        for (NeuronModel m : models) {
            // The seed's layer sizes (3 x 32, densities 0.5) over 24 steps, a large f_cut so the filter matters.
            NetworkConfig c = new NetworkConfig(3, 32, 1, 10, 0.5, 0.5, 0.9, 1.0, 30.0, 0.64);
            MultilayerNetwork d = new MultilayerNetwork(c, m, 5, KernelPrecision.FLOAT64);
            MultilayerNetwork f = new MultilayerNetwork(c, m, 5, KernelPrecision.FLOAT32);
            double[][] seq = sequences(40, 24, 9);
            int[] labels = new int[40];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i % 10;
            }
            for (int[] fb : new int[][] {{0, 7}, {3, 16}, {0, 37}}) {
                Tape td = new Tape();
                Tensor ld = d.loss(td, seq, labels, fb[0], fb[1], 1.0);
                td.backward(ld);
                Tape tf = new Tape();
                Tensor lf = f.loss(tf, seq, labels, fb[0], fb[1], 1.0);
                tf.backward(lf);
                String what = m.describe() + " batch " + fb[1];
                assertEquals(ld.item(), lf.item(), 1e-5 * Math.abs(ld.item()), what + " loss");
                double totalNorm = 0;
                double totalDiff = 0;
                for (Parameter p : d.parameters().list()) {
                    double[] gd = td.gradient(p.value());
                    double[] gf = tf.gradient(f.parameters().get(p.name()).value());
                    double norm = 0;
                    double diff = 0;
                    for (int i = 0; i < gd.length; i++) {
                        norm += gd[i] * gd[i];
                        diff += (gd[i] - gf[i]) * (gd[i] - gf[i]);
                        if (p.mask() != null && p.mask()[i] == 0) {
                            assertEquals(0.0, gf[i], 0.0, what + " " + p.name() + " masked entry " + i);
                        }
                    }
                    // Float rounding over 24 steps of 3 layers (measured up to 3e-4 on the smallest gradients).
                    assertTrue(Math.sqrt(diff) <= 1e-3 * Math.sqrt(norm) + 1e-12,
                            what + " " + p.name() + ": |g32 - g64| = " + Math.sqrt(diff) + ", |g64| = "
                                    + Math.sqrt(norm));
                    totalNorm += norm;
                    totalDiff += diff;
                }
                // Measured 3e-7 to 9e-7 of the whole gradient.
                assertTrue(Math.sqrt(totalDiff) <= 1e-5 * Math.sqrt(totalNorm), what + " whole gradient: |g32 - g64| = "
                        + Math.sqrt(totalDiff) + ", |g64| = " + Math.sqrt(totalNorm));
            }
        }
    }

    /** Scratch rows reused (not cleared) across batches of other sizes give what a fresh tape gives. */
    @Test
    void replaysOverDifferentBatchSizesMatchFreshTapes() {
        for (NeuronModel m : new NeuronModel[] {OscillatorNeuron.exact(5), CtrnnNeuron.exact(5)}) {
            NetworkConfig c = new NetworkConfig(2, 6, 2, 3, 0.5, 0.5, 1.0, 1.0, 30.0, 1.0);
            MultilayerNetwork net = new MultilayerNetwork(c, m, 4, KernelPrecision.FLOAT32);
            double[][] seq = sequences(40, 10, 8);
            int[] labels = new int[40];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i % 3;
            }
            Tape shared = new Tape();
            for (int[] fb : new int[][] {{0, 33}, {2, 4}, {5, 17}, {0, 33}}) {
                shared.reset();
                Tensor lossShared = net.loss(shared, seq, labels, fb[0], fb[1], 1.0);
                shared.backward(lossShared);
                Tape fresh = new Tape();
                Tensor lossFresh = net.loss(fresh, seq, labels, fb[0], fb[1], 1.0);
                fresh.backward(lossFresh);
                assertEquals(lossFresh.item(), lossShared.item(), 0.0, m.describe());
                for (Parameter p : net.parameters().list()) {
                    assertArrayEquals(fresh.gradient(p.value()), shared.gradient(p.value()), 0.0,
                            m.describe() + " " + p.name() + " batch " + fb[1]);
                }
            }
        }
    }
}
