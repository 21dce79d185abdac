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
    /**
     * Pins the wiring to seed 000 eq. 2–5 and 6–8 on a hand-computed two-layer chain of one neuron each:
     * I = S(W_in u + W_int y + b) + b_fixed with b_fixed = 2γ outside S, x = 1/2 (oscillator) or 0 (CTRNN)
     * at the start, layer 0 driven by the raw input, layer 1 by layer 0's new output, the oscillator's output
     * the high-pass filtered power (y = 0 at the start) and the readout on the last layer's output.
     */
    @Test
    void forwardPassFollowsTheSeedEquationsStepByStep() {
        double tau = 4.0;
        double gamma = 1 / tau;
        double s = 0.7;
        double dt = 1.3;
        double fCut = 20.0;
        double alpha = Math.exp(-2 * Math.PI * fCut * 1e-3 * dt);
        double[] u = {0.8, 0.1, 0.45};
        double[] wIn = {1.2, -0.9};
        double[] wInt = {0.6, -1.1};
        double[] b = {0.05, -0.2};
        double[] readW = {1.5, -0.5};
        double[] readB = {0.1, 0.3};
        for (boolean oscillator : new boolean[] {true, false}) {
            NeuronModel m = oscillator ? OscillatorNeuron.exact(tau) : CtrnnNeuron.exact(tau);
            NetworkConfig c = new NetworkConfig(2, 1, 1, 2, 1.0, 1.0, s, dt, fCut, 1.0);
            MultilayerNetwork net = new MultilayerNetwork(c, m, 3);
            for (int k = 0; k < 2; k++) {
                net.parameters().get("layer" + k + ".w_in").set(new double[] {wIn[k]});
                net.parameters().get("layer" + k + ".w_intra").set(new double[] {wInt[k]});
                net.parameters().get("layer" + k + ".bias").set(new double[] {b[k]});
            }
            net.parameters().get("readout.w").set(readW);
            net.parameters().get("readout.bias").set(readB);

            double[] x = oscillator ? new double[] {0.5, 0.5} : new double[] {0, 0};
            double[] y = oscillator ? new double[] {0, 0} : new double[] {0, 0};
            for (double pixel : u) {
                double in = pixel;
                for (int k = 0; k < 2; k++) {
                    double drive = s * (wIn[k] * in + wInt[k] * y[k] + b[k]) + (oscillator ? 2 * gamma : 0);
                    double xNew;
                    if (oscillator) {
                        // Logistic equation dx/dt = (I − γ) x − I x², solved with I held over dt.
                        double a = drive - gamma;
                        double e = Math.exp(a * dt);
                        xNew = x[k] * e / (1 + drive * x[k] * (e - 1) / a);
                        y[k] = alpha * (y[k] + xNew - x[k]);
                    } else {
                        double e = Math.exp(-gamma * dt);
                        xNew = x[k] * e + drive * (1 - e) / gamma;
                        y[k] = Math.tanh(xNew);
                    }
                    x[k] = xNew;
                    in = y[k];
                }
            }
            Tensor logits = net.logits(new io.spinloop.autodiff.Tape(), new double[][] {u}, 0, 1);
            for (int j = 0; j < 2; j++) {
                // The CTRNN's outputs go through FastMath.tanh (within 2e-10 per output; measured 1.8e-11 on the
                // logits here), the oscillator's step through FastMath.expNegAbs (an ulp or so).
                assertEquals(readW[j] * y[1] + readB[j], logits.data()[j], oscillator ? 1e-12 : 1e-9, m.describe() + " logit " + j);
            }
        }
    }

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

    /**
     * One tape replayed over batches of different sizes (its scratch buffers are reused, larger ones for
     * smaller batches, and not cleared) gives the same loss and gradients as a fresh tape each time.
     */
    @Test
    void replaysOverDifferentBatchSizesMatchFreshTapes() {
        for (NeuronModel m : new NeuronModel[] {OscillatorNeuron.exact(5), CtrnnNeuron.exact(5)}) {
            NetworkConfig c = new NetworkConfig(2, 6, 2, 3, 0.5, 0.5, 1.0, 1.0, 30.0, 1.0);
            MultilayerNetwork net = new MultilayerNetwork(c, m, 4);
            Random rng = new Random(8);
            double[][] seq = new double[9][10];
            for (double[] s : seq) {
                for (int i = 0; i < s.length; i++) {
                    s[i] = rng.nextDouble();
                }
            }
            int[] labels = {0, 1, 2, 1, 0, 2, 2, 1, 0};
            io.spinloop.autodiff.Tape shared = new io.spinloop.autodiff.Tape();
            int[][] batches = {{0, 9}, {2, 4}, {5, 1}, {0, 9}};
            for (int[] fb : batches) {
                shared.reset();
                Tensor lossShared = net.loss(shared, seq, labels, fb[0], fb[1], 1.0);
                shared.backward(lossShared);
                io.spinloop.autodiff.Tape fresh = new io.spinloop.autodiff.Tape();
                Tensor lossFresh = net.loss(fresh, seq, labels, fb[0], fb[1], 1.0);
                fresh.backward(lossFresh);
                assertEquals(lossFresh.item(), lossShared.item(), 0.0, m.describe());
                for (Parameter p : net.parameters().list()) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(fresh.gradient(p.value()),
                            shared.gradient(p.value()), 0.0, m.describe() + " " + p.name() + " batch " + fb[1]);
                }
            }
        }
    }

    @Test
    void tanhThroughTheExponentialMatchesMathTanh() {
        for (int i = -200000; i <= 200000; i++) {
            double v = i * 1e-4;
            assertEquals(Math.tanh(v), UnrolledLayers.tanh(v), 2.3e-16, "tanh(" + v + ")");
        }
        assertEquals(1.0, UnrolledLayers.tanh(800.0));
        assertEquals(-1.0, UnrolledLayers.tanh(-800.0));
        assertEquals(0.0, UnrolledLayers.tanh(0.0));
    }

    @Test
    void densityOutsideUnitIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NetworkConfig(3, 32, 1, 10, 0.0, 0.5, 0.5, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new NetworkConfig(3, 32, 1, 10, 0.5, 1.01, 0.5, 1, 1, 1));
    }
}
