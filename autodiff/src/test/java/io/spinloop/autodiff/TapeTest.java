package io.spinloop.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TapeTest {

    /** A recurrent chain h_{t+1} = tanh(h_t w + x_t), summed over many steps. */
    private static Tensor unroll(Tape tape, Tensor w, double[][] xs) {
        Tensor h = Tensor.zeros(2, 3);
        Tensor total = null;
        for (double[] x : xs) {
            h = ElementwiseOps.tanh(tape, ElementwiseOps.add(tape, MatrixOps.matmul(tape, h, w), Tensor.constant(2, 3, x)));
            Tensor s = ReduceOps.sum(tape, h);
            total = total == null ? s : ElementwiseOps.add(tape, total, s);
        }
        return total;
    }

    @Test
    void replayReusesBuffersAndGivesIdenticalGradients() {
        double[] wd = {0.3, -0.2, 0.5, 0.1, 0.4, -0.6, -0.3, 0.2, 0.7};
        Tensor w = Tensor.variable(3, 3, wd);
        double[][] xs = new double[300][];
        java.util.Random rng = new java.util.Random(1);
        for (int t = 0; t < xs.length; t++) {
            xs[t] = new double[6];
            for (int i = 0; i < 6; i++) {
                xs[t][i] = rng.nextGaussian();
            }
        }
        Tape tape = new Tape();
        Tensor first = unroll(tape, w, xs);
        double v1 = first.item();
        double[] firstData = first.data();
        tape.backward(first);
        double[] g1 = tape.gradient(w).clone();
        int ops = tape.size();

        tape.reset();
        assertNull(tape.gradient(w));
        Tensor second = unroll(tape, w, xs);
        assertSame(firstData, second.data(), "replay must hand back the same buffers");
        assertEquals(v1, second.item());
        tape.backward(second);
        assertArrayEquals(g1, tape.gradient(w));
        assertEquals(ops, tape.size());

        // Against a fresh tape, and against finite differences over the long unroll.
        Tape fresh = new Tape();
        Tensor third = unroll(fresh, w, xs);
        fresh.backward(third);
        assertArrayEquals(g1, fresh.gradient(w));
        GradientCheck.of(t -> unroll(t, w, xs), java.util.List.of(w)).assertWithin(1e-6);
    }

    @Test
    void constantsGetNoGradientAndLossMustDependOnAVariable() {
        Tensor c = Tensor.constant(1, 2, 1.0, 2.0);
        Tape tape = new Tape();
        Tensor y = ElementwiseOps.square(tape, c);
        assertThrows(IllegalStateException.class, () -> tape.backward(y));
        assertNull(tape.gradient(c));
    }

    @Test
    void tensorsOfAnotherTapeAreRejected() {
        Tape a = new Tape();
        Tape b = new Tape();
        Tensor v = Tensor.variable(1, 1, 2.0);
        Tensor y = ElementwiseOps.square(a, v);
        assertThrows(IllegalArgumentException.class, () -> b.backward(y));
    }

    @Test
    void scratchBuffersComeBackAfterResetAndLargerOnesServeSmallerRequests() {
        Tape tape = new Tape();
        double[] a = tape.scratch(10);
        double[][] rows = tape.scratchRows(3, 8);
        double[] b = tape.scratch(4);
        a[9] = 7.0;
        tape.reset();
        // Same order, same or smaller sizes: the same buffers, not cleared.
        assertSame(a, tape.scratch(6));
        assertSame(rows, tape.scratchRows(3, 5));
        assertSame(b, tape.scratch(4));
        assertEquals(7.0, a[9]);
        tape.reset();
        // A larger request gets a new buffer of at least that size; a different row count new rows.
        assertEquals(true, tape.scratch(11).length >= 11);
        double[][] other = tape.scratchRows(2, 8);
        assertEquals(2, other.length);
        assertEquals(8, other[1].length);
    }
}
