package io.spinloop.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every op's analytic backward against central finite differences. */
class OpsGradientTest {
    private static final double TOL = 1e-6;
    private final Random rng = new Random(42);

    private Tensor var(int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian() * 0.7;
        }
        return Tensor.variable(rows, cols, d);
    }

    private Tensor positive(int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = 0.5 + rng.nextDouble();
        }
        return Tensor.variable(rows, cols, d);
    }

    /** A random weighting of the outputs, so that every output element's gradient matters differently. */
    private Function<Tape, Tensor> weighted(Function<Tape, Tensor> f) {
        Tensor probe = f.apply(new Tape());
        double[] w = new double[probe.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian();
        }
        Tensor wt = Tensor.constant(probe.rows(), probe.cols(), w);
        return tape -> ReduceOps.sum(tape, ElementwiseOps.mul(tape, f.apply(tape), wt));
    }

    private void check(Function<Tape, Tensor> f, Tensor... inputs) {
        GradientCheck.of(weighted(f), List.of(inputs)).assertWithin(TOL);
    }

    @Test
    void binaryOpsWithEveryBroadcast() {
        List<BiFunction<Tape, Tensor[], Tensor>> ops = List.of(
                (t, ab) -> ElementwiseOps.add(t, ab[0], ab[1]),
                (t, ab) -> ElementwiseOps.sub(t, ab[0], ab[1]),
                (t, ab) -> ElementwiseOps.mul(t, ab[0], ab[1]),
                (t, ab) -> ElementwiseOps.div(t, ab[0], ab[1]));
        int[][] shapes = {{4, 3}, {1, 3}, {4, 1}, {1, 1}};
        for (BiFunction<Tape, Tensor[], Tensor> op : ops) {
            for (int[] s : shapes) {
                Tensor a = var(4, 3);
                Tensor b = positive(s[0], s[1]);
                check(t -> op.apply(t, new Tensor[] {a, b}), a, b);
                Tensor a2 = positive(s[0], s[1]);
                Tensor b2 = positive(4, 3);
                check(t -> op.apply(t, new Tensor[] {a2, b2}), a2, b2);
            }
        }
    }

    @Test
    void unaryOps() {
        Tensor a = var(3, 4);
        check(t -> ElementwiseOps.neg(t, a), a);
        check(t -> ElementwiseOps.scale(t, a, 2.5), a);
        check(t -> ElementwiseOps.shift(t, a, -0.3), a);
        check(t -> ElementwiseOps.tanh(t, a), a);
        check(t -> ElementwiseOps.sigmoid(t, a), a);
        check(t -> ElementwiseOps.softplus(t, a), a);
        check(t -> ElementwiseOps.exp(t, a), a);
        check(t -> ElementwiseOps.square(t, a), a);
        check(t -> ElementwiseOps.sin(t, a), a);
        check(t -> ElementwiseOps.cos(t, a), a);
        Tensor p = positive(3, 4);
        check(t -> ElementwiseOps.log(t, p), p);
        check(t -> ElementwiseOps.sqrt(t, p), p);
        // relu away from its kink
        Tensor r = Tensor.variable(1, 4, -0.5, 0.3, 1.2, -2.0);
        check(t -> ElementwiseOps.relu(t, r), r);
    }

    @Test
    void matrixProducts() {
        Tensor x = var(5, 4);
        Tensor w = var(4, 3);
        Tensor b = var(1, 3);
        check(t -> MatrixOps.linear(t, x, w, b), x, w, b);
        check(t -> MatrixOps.matmul(t, x, w), x, w);
        double[] mask = {1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0};
        check(t -> MatrixOps.linear(t, x, w, b, mask), x, w, b);
    }

    @Test
    void maskedProductIgnoresAndFreezesMaskedWeights() {
        Tensor x = Tensor.constant(1, 2, 1.0, 2.0);
        Tensor w = Tensor.variable(2, 2, 1.0, 10.0, 100.0, 1000.0);
        double[] mask = {1, 0, 0, 1};
        Tape tape = new Tape();
        Tensor y = MatrixOps.linear(tape, x, w, null, mask);
        assertEquals(1.0, y.get(0, 0));
        assertEquals(2000.0, y.get(0, 1));
        tape.backward(ReduceOps.sum(tape, y));
        double[] g = tape.gradient(w);
        assertEquals(1.0, g[0]);
        assertEquals(0.0, g[1]);
        assertEquals(0.0, g[2]);
        assertEquals(2.0, g[3]);
    }

    @Test
    void shapesAndReductions() {
        Tensor a = var(3, 5);
        Tensor b = var(3, 2);
        check(t -> MatrixOps.columns(t, a, 1, 4), a);
        check(t -> MatrixOps.concatColumns(t, a, b), a, b);
        check(t -> ReduceOps.sum(t, a), a);
        check(t -> ReduceOps.mean(t, a), a);
        check(t -> ReduceOps.sumRows(t, a), a);
        check(t -> ReduceOps.sumColumns(t, a), a);
    }

    @Test
    void losses() {
        Tensor logits = var(4, 5);
        int[] labels = {0, 4, 2, 2};
        GradientCheck.of(t -> LossOps.softmaxCrossEntropy(t, logits, labels), List.of(logits)).assertWithin(TOL);
        check(t -> LossOps.logSoftmax(t, logits), logits);
        Tensor pred = var(4, 2);
        Tensor target = var(4, 2);
        GradientCheck.of(t -> LossOps.mse(t, pred, target), List.of(pred, target)).assertWithin(TOL);
    }

    @Test
    void crossEntropyMatchesLogSoftmaxNll() {
        Tensor logits = var(3, 4);
        int[] labels = {1, 3, 0};
        Tape tape = new Tape();
        double ce = LossOps.softmaxCrossEntropy(tape, logits, labels).item();
        Tensor ls = LossOps.logSoftmax(tape, logits);
        double nll = -(ls.get(0, 1) + ls.get(1, 3) + ls.get(2, 0)) / 3;
        assertEquals(nll, ce, 1e-12);
    }

    @Test
    void gradientCheckCatchesAWrongBackward() {
        Tensor a = var(2, 2);
        Function<Tape, Tensor> wrong = tape -> {
            Tensor y = tape.newTensor(2, 2, a);
            for (int i = 0; i < 4; i++) {
                y.data()[i] = a.data()[i] * a.data()[i];
            }
            tape.record(y, () -> {
                double[] ga = tape.grad(a);
                for (int i = 0; i < 4; i++) {
                    ga[i] += tape.grad(y)[i] * a.data()[i]; // should be 2a
                }
            });
            return ReduceOps.sum(tape, y);
        };
        assertThrows(AssertionError.class, () -> GradientCheck.of(wrong, List.of(a)).assertWithin(TOL));
    }

    @Test
    void badShapesAreRefused() {
        Tape tape = new Tape();
        assertThrows(IllegalArgumentException.class, () -> MatrixOps.matmul(tape, var(2, 3), var(2, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ElementwiseOps.add(tape, var(2, 3), var(3, 2)));
        assertTrue(e.getMessage().contains("2x3"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LossOps.softmaxCrossEntropy(tape, var(2, 3), new int[] {0, 3}));
    }
}
