package io.spinloop.twin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.autodiff.GradientCheck;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.ReduceOps;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeuralSdeTest {

    private static List<Tensor> with(NeuralSde sde, Tensor... inputs) {
        List<Tensor> ts = new ArrayList<>(List.of(inputs));
        for (Parameter p : sde.parameters().list()) {
            ts.add(p.value());
        }
        return ts;
    }

    @Test
    void stepGradientsMatchFiniteDifferencesWithLatentStatesAndWithoutDiffusion() {
        for (NeuralSdeArchitecture a : List.of(new NeuralSdeArchitecture(1, 5, 4, 1e-3, true),
                new NeuralSdeArchitecture(0, 6, 3, 1e-3, false))) {
            NeuralSde sde = new NeuralSde(a, 5);
            int n = a.stateSize();
            double[] xs = new double[3 * n];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = 0.3 * Math.sin(1.7 * i + 0.2);
            }
            Tensor x = Tensor.variable(3, n, xs);
            Tensor u = Tensor.variable(3, 1, -0.8, 0.1, 1.3);
            Tensor xi = Tensor.variable(3, n, xs.clone());
            GradientCheck.of(tape -> ReduceOps.sum(tape, sde.observe(tape, sde.step(tape, x, u, 0.7, xi), u)),
                    with(sde, x, u, xi)).assertWithin(1e-5);
        }
    }

    @Test
    void fusedTransitionLossAndGradientEqualTheTapeReference() {
        for (boolean diffusion : new boolean[] {true, false}) {
            NeuralSde sde = new NeuralSde(new NeuralSdeArchitecture(0, 7, 5, 1e-4, diffusion), 9);
            int n = 40;
            double[] prev = new double[n];
            double[] drive = new double[n];
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                prev[i] = Math.sin(i);
                drive[i] = Math.cos(0.3 * i);
                next[i] = 0.5 * prev[i] + 0.2 * drive[i] + 0.05 * Math.sin(7.1 * i);
            }
            Tape tape = new Tape();
            Tensor loss = io.spinloop.twin.fit.LikelihoodLossProbe.of(tape, sde, prev, drive, next, 0, n, 1.0, 1.0 / n);
            tape.backward(loss);
            NeuralSdeKernel k = new NeuralSdeKernel(sde);
            double fused = k.transitionLoss(prev, drive, next, null, 0, n, 1.0, 1.0 / n, true);
            assertKernelMatchesTape(sde, tape, loss, k, fused);
        }
    }

    @Test
    void stepGradientsMatchFiniteDifferencesWithDriveHistory() {
        for (NeuralSdeArchitecture a : List.of(new NeuralSdeArchitecture(0, 5, 4, 1e-3, true, 1),
                new NeuralSdeArchitecture(1, 4, 3, 1e-3, true, 2), new NeuralSdeArchitecture(0, 4, 3, 1e-3, false, 3))) {
            NeuralSde sde = new NeuralSde(a, 7);
            int n = a.stateSize();
            double[] xs = new double[3 * n];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = 0.4 * Math.cos(1.3 * i + 0.1);
            }
            Tensor x = Tensor.variable(3, n, xs);
            Tensor u = Tensor.variable(3, 1, 0.6, -1.2, 0.2);
            double[] z = new double[3 * a.dynamicSize()];
            for (int i = 0; i < z.length; i++) {
                z[i] = Math.sin(2.3 * i);
            }
            Tensor xi = Tensor.variable(3, a.dynamicSize(), z);
            assertEquals(a.dynamicSize(), sde.noiseSize() == 0 ? a.dynamicSize() : sde.noiseSize());
            // Two steps, so the gradient also runs through the shifted history; the whole state enters the sum.
            GradientCheck.of(tape -> {
                Tensor x1 = sde.step(tape, x, u, 0.7, a.diffusion() ? xi : null);
                return ReduceOps.sum(tape, sde.step(tape, x1, u, 0.7, a.diffusion() ? xi : null));
            }, with(sde, x, u, xi)).assertWithin(1e-5);
        }
    }

    @Test
    void driveHistoryShiftsByOneStepAndStartsAtTheFirstDrive() {
        NeuralSde sde = new NeuralSde(NeuralSdeArchitecture.standard().withDriveHistory(2), 3);
        sde.setRestState(-1.5);
        Tape tape = new Tape();
        Tensor x = sde.initialState(tape, Tensor.constant(1, 1, 0.7));
        assertEquals(-1.5, x.data()[0]);
        assertEquals(0.7, x.data()[1]);
        assertEquals(0.7, x.data()[2]);
        x = sde.step(tape, x, Tensor.constant(1, 1, 0.2), 1.0, Tensor.constant(1, 1, 0.3));
        x = sde.step(tape, x, Tensor.constant(1, 1, -0.4), 1.0, Tensor.constant(1, 1, 0.3));
        assertEquals(-0.4, x.data()[1], "u_{t-1}");
        assertEquals(0.2, x.data()[2], "u_{t-2}");
        assertEquals(3, x.cols());
        assertEquals(1, sde.noiseSize());
        assertEquals(1, sde.observe(tape, x, Tensor.constant(1, 1, 0.0)).cols());
    }

    @Test
    void fusedTransitionLossWithDriveHistoryEqualsTheTapeReference() {
        for (boolean diffusion : new boolean[] {true, false}) {
            int hist = 2;
            NeuralSde sde = new NeuralSde(new NeuralSdeArchitecture(0, 6, 5, 1e-4, diffusion, hist), 11);
            int n = 30;
            double[] prev = new double[n];
            double[] drive = new double[n];
            double[] history = new double[n * hist];
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                prev[i] = Math.sin(i);
                drive[i] = Math.cos(0.3 * i);
                history[i * hist] = Math.cos(0.3 * i - 0.3);
                history[i * hist + 1] = Math.sin(0.9 * i);
                next[i] = 0.5 * prev[i] * (1 + history[i * hist]) + 0.2 * drive[i] + 0.05 * Math.sin(7.1 * i);
            }
            Tape tape = new Tape();
            Tensor loss = io.spinloop.twin.fit.LikelihoodLossProbe.of(tape, sde, prev, drive, history, next, 0, n, 0.8, 1.0 / n);
            tape.backward(loss);
            NeuralSdeKernel k = new NeuralSdeKernel(sde);
            double fused = k.transitionLoss(prev, drive, history, next, null, 0, n, 0.8, 1.0 / n, true);
            assertKernelMatchesTape(sde, tape, loss, k, fused);
        }
    }

    @Test
    void fusedSamplingWithDriveHistoryEqualsTheTapeStep() {
        NeuralSde sde = new NeuralSde(NeuralSdeArchitecture.standard().withDriveHistory(2), 4);
        double[] x = {0.1, 0.5, -0.2, -0.4, 1.0, 1.1, 1.2, -1.3, 0.0};
        double[] u = {0.5, -1.0, 0.0};
        double[] xi = {0.3, -1.1, 2.0};
        double[] out = new double[9];
        new NeuralSdeKernel(sde).step(x, u, 1.0, xi, out, 3);
        Tensor ref = sde.step(new Tape(), Tensor.constant(3, 3, x), Tensor.constant(3, 1, u), 1.0, Tensor.constant(3, 1, xi));
        for (int i = 0; i < 9; i++) {
            // The kernel's FastMath.tanh is within 2e-10 of the tape's Math.tanh per activation; through two layers and
            // the step that leaves ~1e-11 here, so the old 1e-13 (bit-for-bit sums) became 1e-9.
            assertEquals(ref.data()[i], out[i], 1e-9, "element " + i);
        }
    }

    @Test
    void fusedSamplingEqualsTheTapeStep() {
        NeuralSde sde = new NeuralSde(NeuralSdeArchitecture.standard(), 4);
        double[] x = {0.1, -0.4, 1.2};
        double[] u = {0.5, -1.0, 0.0};
        double[] xi = {0.3, -1.1, 2.0};
        double[] out = new double[3];
        new NeuralSdeKernel(sde).step(x, u, 1.0, xi, out, 3);
        Tensor ref = sde.step(new Tape(), Tensor.constant(3, 1, x), Tensor.constant(3, 1, u), 1.0, Tensor.constant(3, 1, xi));
        for (int i = 0; i < 3; i++) {
            // The kernel's FastMath.tanh is within 2e-10 of the tape's Math.tanh per activation; through two layers and
            // the step that leaves ~1e-11 here, so the old 1e-13 (bit-for-bit sums) became 1e-9.
            assertEquals(ref.data()[i], out[i], 1e-9);
        }
    }

    /** The fused kernel's loss and per-parameter gradients against the tape's. */
    private static void assertKernelMatchesTape(NeuralSde sde, Tape tape, Tensor loss, NeuralSdeKernel k, double fused) {
        // FastMath.tanh (kernel) against Math.tanh (tape): 2e-10 per activation, summed over the rows; was 1e-12.
        assertEquals(loss.item(), fused, 1e-9 * Math.max(1, Math.abs(fused)));
        List<Parameter> ps = sde.parameters().list();
        for (int i = 0; i < ps.size(); i++) {
            double[] ref = tape.gradient(ps.get(i).value());
            for (int e = 0; e < ref.length; e++) {
                // Same reason: the activations (and the 1 - y² the backward uses) differ by <= 2e-10; was 1e-10 absolute.
                assertEquals(ref[e], k.gradients()[i][e], 1e-8 * Math.max(1, Math.abs(ref[e])), ps.get(i).name() + "[" + e + "]");
            }
        }
    }
}
