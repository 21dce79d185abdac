package io.spinloop.twin.physics;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The fixed coupling weights w of seed 002 eq. 8: a random n x n matrix (Gaussian entries, no
 * self-coupling) scaled to spectral radius 1, so that the coupling magnitude A_cp alone sets the
 * spectral radius of the coupling (the seed's "CM"), as in reservoir computing.
 */
public final class CouplingMatrix {
    private CouplingMatrix() {
    }

    /** A seeded random coupling matrix, row-major n x n ({@code w[i*n + k]} couples m_k,x into H_i). */
    public static double[] random(int n, Random rng) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one oscillator, got " + n);
        }
        double[] w = new double[n * n];
        if (n == 1) {
            return w;
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                if (i != k) {
                    w[i * n + k] = rng.nextGaussian();
                }
            }
        }
        double rho = spectralRadius(w, n);
        for (int i = 0; i < w.length; i++) {
            w[i] /= rho;
        }
        return w;
    }

    /** The largest eigenvalue modulus of the row-major n x n matrix {@code w}. */
    public static double spectralRadius(double[] w, int n) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(new DMatrixRMaj(n, n, true, w))) {
            throw new ArithmeticException("eigen-decomposition of the " + n + "x" + n + " coupling matrix failed");
        }
        double rho = 0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            rho = Math.max(rho, eig.getEigenvalue(i).getMagnitude());
        }
        return rho;
    }
}
