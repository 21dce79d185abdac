package io.spinloop.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records ops as they run forward and plays them back in reverse to compute gradients.
 *
 * <p>A tape is meant to be <em>replayed</em>: {@link #reset()} forgets the recorded ops but keeps the
 * buffers it handed out, and the next forward pass that allocates tensors of the same sizes in the same
 * order (the usual case: the same model over the next batch, hundreds of time steps each) gets those
 * buffers back, so a training loop allocates nothing in steady state.
 *
 * <p>Gradients of leaves (parameters, inputs made with {@link Tensor#variable}) are accumulated in this
 * tape; read them with {@link #gradient(Tensor)} or add them into parameters with
 * {@link Parameters#accumulate(Tape)}. A tape is not thread-safe: use one per worker thread.
 */
public final class Tape {
    private final List<Tensor[]> outputs = new ArrayList<>();
    private final List<Backward> steps = new ArrayList<>();
    private final Map<Tensor, double[]> leafGrads = new IdentityHashMap<>();

    private final List<double[]> valuePool = new ArrayList<>();
    private int valueCursor;
    private final List<double[]> gradPool = new ArrayList<>();
    private int gradCursor;
    private final List<double[]> scratchPool = new ArrayList<>();
    private int scratchCursor;
    private final List<ScratchRows> rowsPool = new ArrayList<>();
    private int rowsCursor;
    private final List<FloatScratchRows> floatRowsPool = new ArrayList<>();
    private int floatRowsCursor;
    private final List<float[]> floatBlockPool = new ArrayList<>();
    private int floatBlockCursor;

    /** A pooled block of rows and the length they were made with (so a reuse need not touch each row). */
    private record ScratchRows(double[][] rows, int length) {
    }

    /** {@link ScratchRows} in single precision, for float32 kernels. */
    private record FloatScratchRows(float[][] rows, int length) {
    }

    /** A new tensor owned by this tape, filled with zeros, for an op's output. */
    public Tensor newTensor(int rows, int cols, boolean requiresGrad) {
        double[] buf = take(valuePool, valueCursor++, rows * cols);
        return new Tensor(rows, cols, buf, requiresGrad, this);
    }

    /** A new tensor owned by this tape whose gradient flows if any of {@code inputs} needs one. */
    public Tensor newTensor(int rows, int cols, Tensor... inputs) {
        return newTensor(rows, cols, anyRequiresGrad(inputs));
    }

    /**
     * A work buffer of at least {@code n} elements for a fused op to keep what its backward step needs
     * (per-step states, Jacobians) or to use as a running sum. Like tensors it is handed back on replay,
     * but it is <em>not cleared</em> (a replay with a smaller batch reuses the larger buffer as it is): the
     * op must write every element before it reads it.
     */
    public double[] scratch(int n) {
        int index = scratchCursor++;
        if (index < scratchPool.size()) {
            double[] b = scratchPool.get(index);
            if (b.length >= n) {
                return b;
            }
            double[] fresh = new double[n];
            scratchPool.set(index, fresh);
            return fresh;
        }
        double[] fresh = new double[n];
        scratchPool.add(fresh);
        return fresh;
    }

    /**
     * {@code count} work buffers of at least {@code length} elements each, as one array of rows, pooled and
     * not cleared like {@link #scratch}: for ops that keep one array per feature.
     */
    public double[][] scratchRows(int count, int length) {
        int index = rowsCursor++;
        if (index < rowsPool.size()) {
            ScratchRows r = rowsPool.get(index);
            if (r.rows.length == count && r.length >= length) {
                return r.rows;
            }
            ScratchRows fresh = new ScratchRows(new double[count][length], length);
            rowsPool.set(index, fresh);
            return fresh.rows;
        }
        ScratchRows fresh = new ScratchRows(new double[count][length], length);
        rowsPool.add(fresh);
        return fresh.rows;
    }

    /**
     * {@link #scratchRows} in single precision (float32 kernels): {@code count} pooled rows of at least {@code length}
     * floats, not cleared.
     */
    public float[][] scratchFloatRows(int count, int length) {
        int index = floatRowsCursor++;
        if (index < floatRowsPool.size()) {
            FloatScratchRows r = floatRowsPool.get(index);
            if (r.rows.length == count && r.length >= length) {
                return r.rows;
            }
        }
        FloatScratchRows fresh = new FloatScratchRows(new float[count][length], length);
        if (index < floatRowsPool.size()) {
            floatRowsPool.set(index, fresh);
        } else {
            floatRowsPool.add(fresh);
        }
        return fresh.rows;
    }

    /**
     * A pooled float array with at least {@code n} elements from {@link CacheLineBlocks#ORIGIN} on, that index on a
     * cache-line boundary (see {@link CacheLineBlocks}); not cleared.
     */
    public float[] scratchFloatBlock(int n) {
        int index = floatBlockCursor++;
        if (index < floatBlockPool.size()) {
            float[] b = floatBlockPool.get(index);
            if (b.length >= CacheLineBlocks.ORIGIN + n) {
                return b;
            }
            float[] fresh = CacheLineBlocks.allocate(n);
            floatBlockPool.set(index, fresh);
            return fresh;
        }
        float[] fresh = CacheLineBlocks.allocate(n);
        floatBlockPool.add(fresh);
        return fresh;
    }

    /** One pooled row of at least {@code n} floats, not cleared ({@link #scratchFloatRows} with one row). */
    public float[] scratchFloat(int n) {
        return scratchFloatRows(1, n)[0];
    }

    static boolean anyRequiresGrad(Tensor... ts) {
        for (Tensor t : ts) {
            if (t != null && t.requiresGrad) {
                return true;
            }
        }
        return false;
    }

    private static double[] take(List<double[]> pool, int index, int n) {
        if (index < pool.size()) {
            double[] b = pool.get(index);
            if (b.length == n) {
                Arrays.fill(b, 0.0);
                return b;
            }
            double[] fresh = new double[n];
            pool.set(index, fresh);
            return fresh;
        }
        double[] fresh = new double[n];
        pool.add(fresh);
        return fresh;
    }

    /**
     * Records the backward step of an op whose result is {@code output}. The step is skipped during
     * {@link #backward} when no gradient reached {@code output}, and not recorded at all when
     * {@code output} needs no gradient.
     */
    public void record(Tensor output, Backward backward) {
        record(new Tensor[] {output}, backward);
    }

    /**
     * Records the backward step of an op with several results (a fused cell returning, say, a new state
     * and a new output). The step runs if a gradient reached any of them; in it, {@link #grad(Tensor)}
     * of an output nothing reached is a buffer of zeros.
     */
    public void record(Tensor[] outputs, Backward backward) {
        boolean needed = false;
        for (Tensor output : outputs) {
            if (output.owner != this) {
                throw new IllegalArgumentException("an op's output must be a tensor made by this tape");
            }
            needed |= output.requiresGrad;
        }
        if (!needed) {
            return;
        }
        this.outputs.add(outputs.clone());
        steps.add(backward);
    }

    /**
     * The gradient buffer of {@code t} for ops' backward steps to add into, allocated (zeros) on first
     * use; null when {@code t} needs no gradient, so callers can skip that work.
     */
    public double[] grad(Tensor t) {
        if (!t.requiresGrad) {
            return null;
        }
        if (t.owner == this) {
            if (t.grad == null) {
                t.grad = take(gradPool, gradCursor++, t.size());
            }
            return t.grad;
        }
        if (t.owner != null) {
            throw new IllegalArgumentException("tensor " + t + " belongs to another tape");
        }
        return leafGrads.computeIfAbsent(t, k -> new double[k.size()]);
    }

    /** The gradient of {@code t} if one has been propagated into it, else null (no allocation). */
    double[] gradIfPresent(Tensor t) {
        return t.owner == this ? t.grad : leafGrads.get(t);
    }

    /**
     * Back-propagates from {@code loss}: seeds d(sum of loss elements)/d(loss) = 1 and runs the
     * recorded steps in reverse order. Gradients add up if called more than once.
     */
    public void backward(Tensor loss) {
        if (loss.owner != this) {
            throw new IllegalArgumentException("loss " + loss + " was not computed on this tape");
        }
        if (!loss.requiresGrad) {
            throw new IllegalStateException("loss does not depend on any variable: nothing to differentiate");
        }
        double[] g = grad(loss);
        for (int i = 0; i < g.length; i++) {
            g[i] += 1.0;
        }
        for (int i = steps.size() - 1; i >= 0; i--) {
            for (Tensor out : outputs.get(i)) {
                if (out.grad != null) {
                    steps.get(i).run();
                    break;
                }
            }
        }
    }

    /** The gradient accumulated for a leaf (parameter value or variable input), or null if none reached it. */
    public double[] gradient(Tensor leaf) {
        return leafGrads.get(leaf);
    }

    /** Number of ops recorded since the last reset. */
    public int size() {
        return steps.size();
    }

    /**
     * Forgets recorded ops and leaf gradients; keeps the buffers for the next pass. Tensors made by this
     * tape before the reset must not be used afterwards: their buffers will be handed out again.
     */
    public void reset() {
        for (Tensor[] ts : outputs) {
            for (Tensor t : ts) {
                t.grad = null;
            }
        }
        outputs.clear();
        steps.clear();
        leafGrads.clear();
        valueCursor = 0;
        gradCursor = 0;
        scratchCursor = 0;
        rowsCursor = 0;
        floatRowsCursor = 0;
        floatBlockCursor = 0;
    }
}
