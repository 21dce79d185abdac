package io.spinloop.training.mackeyglass;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A linear readout {@code y = w·f + c} fitted in closed form by ridge regression: the reservoir-computing
 * baseline (features = fixed, untrained states; only the readout learns).
 */
public final class RidgeReadout {
    private final double[] weights;
    private final double bias;

    private RidgeReadout(double[] weights, double bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /** Fits to rows {@code features[i]} and {@code targets[i]} with ridge penalty {@code lambda} (bias not penalised). */
    public static RidgeReadout fit(double[][] features, double[] targets, double lambda) {
        return fitEach(features, new double[][] {targets}, lambda)[0];
    }

    /**
     * One readout per target vector {@code targets[k]} (e.g. one per class of one-hot labels), on the same features:
     * the normal equations are built and factorised once for all of them.
     */
    public static RidgeReadout[] fitEach(double[][] features, double[][] targets, double lambda) {
        int n = features.length;
        int f = features[0].length;
        int outputs = targets.length;
        // Normal equations (A^T A + n λ I') W = A^T B, with the bias column last and unpenalised.
        DMatrixRMaj ata = new DMatrixRMaj(f + 1, f + 1);
        DMatrixRMaj atb = new DMatrixRMaj(f + 1, outputs);
        double[] row = new double[f + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(features[i], 0, row, 0, f);
            row[f] = 1.0;
            for (int j = 0; j <= f; j++) {
                for (int k = 0; k < outputs; k++) {
                    atb.add(j, k, row[j] * targets[k][i]);
                }
                for (int k = 0; k <= f; k++) {
                    ata.add(j, k, row[j] * row[k]);
                }
            }
        }
        for (int j = 0; j < f; j++) {
            ata.add(j, j, lambda * n);
        }
        DMatrixRMaj w = new DMatrixRMaj(f + 1, outputs);
        if (!CommonOps_DDRM.solve(ata, atb, w)) {
            throw new IllegalArgumentException("ridge readout: singular normal equations; raise lambda above " + lambda);
        }
        RidgeReadout[] out = new RidgeReadout[outputs];
        for (int k = 0; k < outputs; k++) {
            double[] weights = new double[f];
            for (int j = 0; j < f; j++) {
                weights[j] = w.get(j, k);
            }
            out[k] = new RidgeReadout(weights, w.get(f, k));
        }
        return out;
    }

    public double predict(double[] feature) {
        double y = bias;
        for (int j = 0; j < weights.length; j++) {
            y += weights[j] * feature[j];
        }
        return y;
    }

    public double[] weights() {
        return weights.clone();
    }

    public double bias() {
        return bias;
    }
}
