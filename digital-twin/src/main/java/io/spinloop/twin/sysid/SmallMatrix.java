package io.spinloop.twin.sysid;

/** Inverse of a small symmetric matrix (Laplace covariances of a handful of parameters). */
final class SmallMatrix {
    private SmallMatrix() {
    }

    /** Gauss–Jordan inverse with partial pivoting; null when the matrix is singular to working precision. */
    static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = a[i][j];
                norm = Math.max(norm, Math.abs(a[i][j]));
            }
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            if (Math.abs(m[piv][c]) <= 1e-13 * norm) {
                return null;
            }
            double[] tmp = m[c];
            m[c] = m[piv];
            m[piv] = tmp;
            double d = m[c][c];
            for (int j = 0; j < 2 * n; j++) {
                m[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && m[r][c] != 0) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
