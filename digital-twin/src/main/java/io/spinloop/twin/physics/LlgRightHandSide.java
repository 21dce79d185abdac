package io.spinloop.twin.physics;

/**
 * dm/dt of seed 002 eq. 1-2 for a batch of macrospins, and its vector-Jacobian product: the kernel that
 * {@link CoupledMacrospins} integrates (RK4, Heun) and differentiates.
 *
 * <p>Eq. 1 is implicit in dm/dt (the Gilbert term). Its explicit Landau-Lifshitz form (the seed's
 * eq. 10-11) is {@code f = -gamma/(1+alpha^2) [m x b + alpha m x (m x b)]} with
 * {@code b = H + H_s p x m}, {@code H = H_coupling e_x + (H_appl + (H_K - 4 pi M) m_z) e_z + h_thermal},
 * {@code H_s = beta j / (1 + lambda m.p)}, and the pinned-layer direction {@code p = e_x}.
 *
 * <p>Layout: a state row holds n oscillators as (m_x, m_y, m_z) triples; rows are the batch. Arrays are
 * flat and batch-major so that the hot loops run without objects.
 */
final class LlgRightHandSide {
    private final double gamma;
    private final double anisotropy;
    private final double torquePerAmpere;
    private final double lambda;

    LlgRightHandSide(MacrospinParameters p) {
        this.gamma = p.gyromagneticRatio();
        this.anisotropy = p.effectiveAnisotropyField();
        this.torquePerAmpere = p.spinTorqueFieldPerAmpere();
        this.lambda = p.torqueAsymmetry();
    }

    /**
     * f(m) into {@code f}.
     *
     * @param m rows x 3n states
     * @param coupling rows x n coupling fields along x (Oe), or null
     * @param thermal rows x 3n thermal field (Oe), or null
     * @param applied n applied fields along z (Oe)
     * @param current the current (A) of each row (length rows) or of all rows (length 1), shared by the oscillators
     * @param alpha the Gilbert damping, shared
     */
    void evaluate(double[] m, double[] coupling, double[] thermal, double[] applied, double[] current, double alpha,
            int rows, int n, double[] f) {
        double c = gamma / (1 + alpha * alpha);
        for (int r = 0; r < rows; r++) {
            double beta = torquePerAmpere * current[current.length == 1 ? 0 : r];
            for (int i = 0; i < n; i++) {
                int o = (r * n + i) * 3;
                double mx = m[o];
                double my = m[o + 1];
                double mz = m[o + 2];
                double hs = beta / (1 + lambda * mx);
                double bx = (coupling == null ? 0 : coupling[r * n + i]);
                double by = -hs * mz;
                double bz = applied[i] + anisotropy * mz + hs * my;
                if (thermal != null) {
                    bx += thermal[o];
                    by += thermal[o + 1];
                    bz += thermal[o + 2];
                }
                double ux = my * bz - mz * by;
                double uy = mz * bx - mx * bz;
                double uz = mx * by - my * bx;
                double vx = my * uz - mz * uy;
                double vy = mz * ux - mx * uz;
                double vz = mx * uy - my * ux;
                f[o] = -c * (ux + alpha * vx);
                f[o + 1] = -c * (uy + alpha * vy);
                f[o + 2] = -c * (uz + alpha * vz);
            }
        }
    }

    /**
     * Adds g^T df/d(.) into the gradient buffers (each may be null when not needed). {@code gCurrent} (shaped
     * like {@code current}) receives d/d(current), {@code gAlpha[0]} d/d(alpha); {@code gThermal} the
     * gradient of the thermal field.
     */
    void vectorJacobian(double[] m, double[] coupling, double[] thermal, double[] applied, double[] current,
            double alpha, int rows, int n, double[] g,
            double[] gm, double[] gCoupling, double[] gThermal, double[] gApplied, double[] gCurrent, double[] gAlpha) {
        double c1 = 1 / (1 + alpha * alpha);
        double c = gamma * c1;
        double dcDalpha = -2 * alpha * c1 * c1 * gamma;
        double gAlphaSum = 0;
        for (int r = 0; r < rows; r++) {
            int ci = current.length == 1 ? 0 : r;
            double beta = torquePerAmpere * current[ci];
            double gCurrentRow = 0;
            for (int i = 0; i < n; i++) {
                int o = (r * n + i) * 3;
                double mx = m[o];
                double my = m[o + 1];
                double mz = m[o + 2];
                double den = 1 + lambda * mx;
                double hs = beta / den;
                double bx = (coupling == null ? 0 : coupling[r * n + i]);
                double by = -hs * mz;
                double bz = applied[i] + anisotropy * mz + hs * my;
                if (thermal != null) {
                    bx += thermal[o];
                    by += thermal[o + 1];
                    bz += thermal[o + 2];
                }
                double ux = my * bz - mz * by;
                double uy = mz * bx - mx * bz;
                double uz = mx * by - my * bx;
                double vx = my * uz - mz * uy;
                double vy = mz * ux - mx * uz;
                double vz = mx * uy - my * ux;
                double gx = g[o];
                double gy = g[o + 1];
                double gz = g[o + 2];
                // f = -c (u + alpha v)
                gAlphaSum += -(dcDalpha * ((ux + alpha * vx) * gx + (uy + alpha * vy) * gy + (uz + alpha * vz) * gz)
                        + c * (vx * gx + vy * gy + vz * gz));
                double gux = -c * gx;
                double guy = -c * gy;
                double guz = -c * gz;
                double gvx = -c * alpha * gx;
                double gvy = -c * alpha * gy;
                double gvz = -c * alpha * gz;
                // v = m x u: dm += u x gv, du += gv x m
                double gmx = uy * gvz - uz * gvy;
                double gmy = uz * gvx - ux * gvz;
                double gmz = ux * gvy - uy * gvx;
                gux += gvy * mz - gvz * my;
                guy += gvz * mx - gvx * mz;
                guz += gvx * my - gvy * mx;
                // u = m x b: dm += b x gu, db = gu x m
                gmx += by * guz - bz * guy;
                gmy += bz * gux - bx * guz;
                gmz += bx * guy - by * gux;
                double gbx = guy * mz - guz * my;
                double gby = guz * mx - gux * mz;
                double gbz = gux * my - guy * mx;
                // b = H + hs (0, -m_z, m_y)
                double ghs = -gby * mz + gbz * my;
                gmy += hs * gbz;
                gmz -= hs * gby;
                gCurrentRow += ghs * torquePerAmpere / den;
                gmx -= ghs * hs * lambda / den;
                gmz += anisotropy * gbz;
                if (gApplied != null) {
                    gApplied[i] += gbz;
                }
                if (gCoupling != null) {
                    gCoupling[r * n + i] += gbx;
                }
                if (gThermal != null) {
                    gThermal[o] += gbx;
                    gThermal[o + 1] += gby;
                    gThermal[o + 2] += gbz;
                }
                if (gm != null) {
                    gm[o] += gmx;
                    gm[o + 1] += gmy;
                    gm[o + 2] += gmz;
                }
            }
            gCurrent[ci] += gCurrentRow;
        }
        gAlpha[0] += gAlphaSum;
    }
}
