package io.spinloop.autodiff;

/**
 * The kept entries of a masked weight matrix, in compressed-column and compressed-row order, with the
 * products of a layer over <em>feature-major</em> activations: one array per feature holding it for the
 * whole batch, {@code a[k][r]}, so that every inner loop runs along the batch (which the JIT vectorizes)
 * and only kept entries are multiplied — half the work of a dense product at density 0.5. Masked entries
 * are never read and never receive gradient.
 *
 * <p>The weight matrix is stored as {@link Parameter} stores it: inputs x outputs, row-major, entry (k, o)
 * at {@code k * outputs + o}. Kernels work on <em>packed</em> values, the kept entries in column order
 * ({@link #gather}), so a training step gathers them once and every time step reuses them.
 */
public final class SparseWeights {
    private final int inputs;
    private final int outputs;
    /** Entries of output column o are colStart[o] .. colStart[o + 1] - 1, packed index = entry index. */
    private final int[] colStart;
    /** Input row of each packed entry. */
    private final int[] colRow;
    /** Position of each packed entry in the dense inputs x outputs array. */
    private final int[] colPos;
    /** Entries of input row k are rowStart[k] .. rowStart[k + 1] - 1 in row order. */
    private final int[] rowStart;
    /** Output column of each row-order entry. */
    private final int[] rowCol;
    /** Packed index of each row-order entry. */
    private final int[] rowEntry;

    private SparseWeights(int inputs, int outputs, double[] mask) {
        if (inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("weight shape must be positive, got " + inputs + "x" + outputs);
        }
        if (mask != null && mask.length != inputs * outputs) {
            throw new IllegalArgumentException("mask has " + mask.length + " entries, weights " + inputs * outputs);
        }
        this.inputs = inputs;
        this.outputs = outputs;
        int kept = 0;
        for (int i = 0; i < inputs * outputs; i++) {
            if (mask == null || mask[i] != 0.0) {
                kept++;
            }
        }
        colStart = new int[outputs + 1];
        colRow = new int[kept];
        colPos = new int[kept];
        int p = 0;
        for (int o = 0; o < outputs; o++) {
            colStart[o] = p;
            for (int k = 0; k < inputs; k++) {
                int pos = k * outputs + o;
                if (mask == null || mask[pos] != 0.0) {
                    colRow[p] = k;
                    colPos[p] = pos;
                    p++;
                }
            }
        }
        colStart[outputs] = p;
        rowStart = new int[inputs + 1];
        for (int q = 0; q < kept; q++) {
            rowStart[colRow[q] + 1]++;
        }
        for (int k = 0; k < inputs; k++) {
            rowStart[k + 1] += rowStart[k];
        }
        rowCol = new int[kept];
        rowEntry = new int[kept];
        int[] fill = rowStart.clone();
        for (int o = 0; o < outputs; o++) {
            for (int q = colStart[o]; q < colStart[o + 1]; q++) {
                int slot = fill[colRow[q]]++;
                rowCol[slot] = o;
                rowEntry[slot] = q;
            }
        }
    }

    /** The kept entries of an inputs x outputs matrix: where {@code mask} is non-zero, or all of them if it is null. */
    public static SparseWeights of(int inputs, int outputs, double[] mask) {
        return new SparseWeights(inputs, outputs, mask);
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    /** Number of kept entries, the length of packed value and gradient arrays. */
    public int kept() {
        return colRow.length;
    }

    /** packed[p] = scale * dense[position of entry p]. */
    public void gather(double[] dense, double scale, double[] packed) {
        for (int p = 0; p < colPos.length; p++) {
            packed[p] = scale * dense[colPos[p]];
        }
    }

    /** dense[position of entry p] += scale * packed[p]; masked positions are left as they are. */
    public void scatterAdd(double[] packed, double scale, double[] dense) {
        for (int p = 0; p < colPos.length; p++) {
            dense[colPos[p]] += scale * packed[p];
        }
    }

    /**
     * y += x W over feature-major activations: {@code y[o][r] += Σ_k W[k,o] x[k][r]} for the kept (k, o)
     * and r in [0, batch). x has {@link #inputs()} rows, y {@link #outputs()}.
     */
    public void multiplyAdd(double[] packed, double[][] x, int batch, double[][] y) {
        for (int o = 0; o < outputs; o++) {
            double[] yo = y[o];
            int p = colStart[o];
            int end = colStart[o + 1];
            // Four entries per pass over the batch: a quarter of the loads and stores of y.
            for (; p + 3 < end; p += 4) {
                axpy4(packed[p], packed[p + 1], packed[p + 2], packed[p + 3], x[colRow[p]], x[colRow[p + 1]],
                        x[colRow[p + 2]], x[colRow[p + 3]], yo, batch);
            }
            switch (end - p) {
                case 3 -> axpy3(packed[p], packed[p + 1], packed[p + 2], x[colRow[p]], x[colRow[p + 1]], x[colRow[p + 2]],
                        yo, batch);
                case 2 -> axpy2(packed[p], packed[p + 1], x[colRow[p]], x[colRow[p + 1]], yo, batch);
                case 1 -> axpy(packed[p], x[colRow[p]], yo, batch);
                default -> {
                }
            }
        }
    }

    /**
     * gx += gy W^T over feature-major activations, the input gradient of {@link #multiplyAdd}:
     * {@code gx[k][r] += Σ_o W[k,o] gy[o][r]} for the kept (k, o).
     */
    public void multiplyTransposedAdd(double[] packed, double[][] gy, int batch, double[][] gx) {
        for (int k = 0; k < inputs; k++) {
            double[] xk = gx[k];
            int q = rowStart[k];
            int end = rowStart[k + 1];
            for (; q + 3 < end; q += 4) {
                axpy4(packed[rowEntry[q]], packed[rowEntry[q + 1]], packed[rowEntry[q + 2]], packed[rowEntry[q + 3]],
                        gy[rowCol[q]], gy[rowCol[q + 1]], gy[rowCol[q + 2]], gy[rowCol[q + 3]], xk, batch);
            }
            switch (end - q) {
                case 3 -> axpy3(packed[rowEntry[q]], packed[rowEntry[q + 1]], packed[rowEntry[q + 2]], gy[rowCol[q]],
                        gy[rowCol[q + 1]], gy[rowCol[q + 2]], xk, batch);
                case 2 -> axpy2(packed[rowEntry[q]], packed[rowEntry[q + 1]], gy[rowCol[q]], gy[rowCol[q + 1]], xk, batch);
                case 1 -> axpy(packed[rowEntry[q]], gy[rowCol[q]], xk, batch);
                default -> {
                }
            }
        }
    }

    /**
     * gPacked += the weight gradient of {@link #multiplyAdd} for the kept entries:
     * {@code gPacked[p] += Σ_r x[k][r] gy[o][r]} for entry p = (k, o).
     */
    /**
     * Which weight-gradient kernel this JVM runs: "vector" (Vector API, when started with
     * {@code --add-modules jdk.incubator.vector}) or "scalar".
     */
    public static String weightGradientKernel() {
        return WeightGradientKernel.SELECTED.name();
    }

    public void accumulateWeightGradient(double[][] x, double[][] gy, int batch, double[] gPacked) {
        WeightGradientKernel.SELECTED.accumulate(outputs, colStart, colRow, x, gy, batch, gPacked);
    }

    // ---- float32 (issue 17): the same products over float rows, twice the lanes per vector ----

    /** packed[p] = (float) (scale * dense[position of entry p]). */
    public void gather(double[] dense, double scale, float[] packed) {
        for (int p = 0; p < colPos.length; p++) {
            packed[p] = (float) (scale * dense[colPos[p]]);
        }
    }

    /**
     * {@link #multiplyAdd(double[], double[][], int, double[][])} in float ({@link #floatKernel()}), over rows that
     * are ranges of flat arrays: input k's lanes at {@code x[xOff + k·xStride ..]}, output o's at
     * {@code y[yOff + o·yStride ..]}, {@code lanes} of each.
     */
    public void multiplyAdd(float[] packed, float[] x, int xOff, int xStride, float[] y, int yOff, int yStride,
            int lanes) {
        multiplyAdd(FloatProductKernel.SELECTED, packed, x, xOff, xStride, y, yOff, yStride, lanes);
    }

    /** {@link #multiplyTransposedAdd(double[], double[][], int, double[][])} in float, rows as ranges of flat arrays. */
    public void multiplyTransposedAdd(float[] packed, float[] gy, int gyOff, int gyStride, float[] gx, int gxOff,
            int gxStride, int lanes) {
        multiplyTransposedAdd(FloatProductKernel.SELECTED, packed, gy, gyOff, gyStride, gx, gxOff, gxStride, lanes);
    }

    /**
     * The weight gradient of the float {@code multiplyAdd}, summed over the lanes into double:
     * {@code gPacked[p] += Σ_r x[xOff + k·xStride + r]·g[gOff + o·gStride + r]} for r in [0, length) and entry
     * p = (k, o). Made for a whole pass at once: rows holding every step's lanes one after the other, the offsets
     * pairing each step's output gradient with an input stored a step earlier.
     */
    public void accumulateWeightGradient(float[] x, int xOff, int xStride, float[] g, int gOff, int gStride,
            int length, double[] gPacked) {
        accumulateWeightGradient(FloatProductKernel.SELECTED, x, xOff, xStride, g, gOff, gStride, length, gPacked);
    }

    /** {@code sums[o] += Σ_r g[gOff + o·gStride + r]} for r in [0, length) and o below {@code count}. */
    public static void sumRows(float[] g, int gOff, int gStride, int count, int length, double[] sums) {
        FloatProductKernel.SELECTED.sumRows(count, g, gOff, gStride, length, sums);
    }

    // The float products through a given kernel (tests run both).
    void multiplyAdd(FloatProductKernel kernel, float[] packed, float[] x, int xOff, int xStride, float[] y, int yOff,
            int yStride, int lanes) {
        kernel.multiplyAdd(inputs, outputs, colStart, colRow, packed, x, xOff, xStride, y, yOff, yStride, lanes);
    }

    void multiplyTransposedAdd(FloatProductKernel kernel, float[] packed, float[] gy, int gyOff, int gyStride,
            float[] gx, int gxOff, int gxStride, int lanes) {
        kernel.multiplyTransposedAdd(inputs, outputs, rowStart, rowCol, rowEntry, packed, gy, gyOff, gyStride, gx,
                gxOff, gxStride, lanes);
    }

    void accumulateWeightGradient(FloatProductKernel kernel, float[] x, int xOff, int xStride, float[] g, int gOff,
            int gStride, int length, double[] gPacked) {
        kernel.accumulateWeightGradient(outputs, colStart, colRow, x, xOff, xStride, g, gOff, gStride, length,
                gPacked);
    }

    /**
     * Which float kernel this JVM runs: "vector" (Vector API, register-blocked, when started with
     * {@code --add-modules jdk.incubator.vector}) or "plain".
     */
    public static String floatKernel() {
        return FloatProductKernel.SELECTED.name();
    }

    // All accesses at the same index r: only then does the JIT vectorize (with distinct offsets into
    // arrays that might be the same one it cannot rule out a dependence).
    private static void axpy(double w, double[] x, double[] y, int n) {
        for (int r = 0; r < n; r++) {
            y[r] += w * x[r];
        }
    }

    private static void axpy2(double w0, double w1, double[] x0, double[] x1, double[] y, int n) {
        for (int r = 0; r < n; r++) {
            y[r] += w0 * x0[r] + w1 * x1[r];
        }
    }

    private static void axpy3(double w0, double w1, double w2, double[] x0, double[] x1, double[] x2, double[] y, int n) {
        for (int r = 0; r < n; r++) {
            y[r] += w0 * x0[r] + w1 * x1[r] + w2 * x2[r];
        }
    }

    /** Σ a[r] b[r] over four interleaved partial sums (one running sum would wait on each add). */
    static double dot(double[] a, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int r = 0;
        for (; r + 3 < n; r += 4) {
            s0 += a[r] * b[r];
            s1 += a[r + 1] * b[r + 1];
            s2 += a[r + 2] * b[r + 2];
            s3 += a[r + 3] * b[r + 3];
        }
        for (; r < n; r++) {
            s0 += a[r] * b[r];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void axpy4(double w0, double w1, double w2, double w3, double[] x0, double[] x1, double[] x2,
            double[] x3, double[] y, int n) {
        for (int r = 0; r < n; r++) {
            y[r] += w0 * x0[r] + w1 * x1[r] + w2 * x2[r] + w3 * x3[r];
        }
    }
}
