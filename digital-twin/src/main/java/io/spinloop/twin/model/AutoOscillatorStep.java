package io.spinloop.twin.model;

/**
 * One step of the auto-oscillator power equation (seed 000 eq. 1, DESIGN.md "Physics"), for one
 * trajectory, with its partial derivatives: the scalar kernel under {@link AutoOscillator}.
 *
 * <p>Deterministic part: with the drive I held over the step, {@code dp/dt = 2p(a - b p)} with
 * {@code a = Γ(I/I_th - 1)}, {@code b = Γ(Q + I/I_th)} (σ = Γ/I_th) is a logistic equation, solved exactly:
 * {@code p' = p e^{z} / (1 + 2b dt p (e^{z}-1)/z)}, z = 2a dt. Exact means any dt is stable: the same model
 * serves nanosecond dynamics and millisecond (quasi-static) list sweeps, where it lands on the stationary
 * {@code p0 = (I/I_th - 1)/(I/I_th + Q)} (seed 003 eq. 3).
 *
 * <p>Stochastic part: the thermal noise of the Itô equation for p = |c|² of a complex amplitude under white
 * noise of strength D, diffusion {@code 2 sqrt(D p)} (ε = {@value #EPSILON} keeps the sub-threshold device
 * fluctuating), integrated over the step as an Ornstein-Uhlenbeck process with the local relaxation rate
 * {@code λ = max(2|a|, 2b(p' + ε))}: variance {@code 4D(p'+ε)(1 - e^{-2λ dt})/(2λ)}, which is
 * {@code 4D(p'+ε) dt} for short steps and, above threshold, the stationary variance D/b of the exact
 * stationary density for long ones. The Itô drift term 2D of the same equation is added to the mean, integrated
 * over the step with that relaxation rate.
 */
public final class AutoOscillatorStep extends StepKernel {
    /** Sub-threshold power floor of the diffusion, in units of normalised power. */
    public static final double EPSILON = 1e-3;
    public static final double P_MIN = 1e-12;

    public static final int P = 0;
    public static final int CURRENT = 1;
    public static final int GAMMA = 2;
    public static final int THRESHOLD = 3;
    public static final int Q = 4;
    public static final int NOISE = 5;

    @Override
    public void evaluate() {
        // Exactly zero power would be a fixed point (and 0/0 for long steps); thermal noise never leaves the
        // device there, so the state is floored at a negligible seed.
        double pc = p > P_MIN ? p : P_MIN;
        double dpc = p > P_MIN ? 1 : 0;
        double r = current / threshold;
        double drI = 1 / threshold;
        double drTh = -current / (threshold * threshold);
        double a = gamma * (r - 1);
        double b = gamma * (q + r);
        double z = 2 * a * dt;
        double c = 2 * b * dt;
        double m = Math.abs(z);
        double s = Math.exp(-m);
        double g = g(m, s);
        double gp = gPrime(m, s);
        // mean = N / D; partials with respect to pc, z and c.
        double dmPc;
        double dmZ;
        double dmC;
        if (z >= 0) {
            double d = s + c * pc * g;
            mean = pc / d;
            // dD/dm = -s + c pc g'(m); dm/dz = 1
            double dDdz = -s + c * pc * gp;
            dmPc = 1 / d - pc * (c * g) / (d * d);
            dmZ = -pc * dDdz / (d * d);
            dmC = -pc * (pc * g) / (d * d);
        } else {
            double d = 1 + c * pc * g;
            double n = pc * s;
            mean = n / d;
            // dm/dz = -1: dN/dz = pc s, dD/dz = -c pc g'(m)
            double dNdz = pc * s;
            double dDdz = -c * pc * gp;
            dmPc = s / d - n * (c * g) / (d * d);
            dmZ = dNdz / d - n * dDdz / (d * d);
            dmC = -n * (pc * g) / (d * d);
        }
        // Chain to the primitive inputs: z = 2 dt a, c = 2 dt b.
        double daGamma = r - 1;
        double daR = gamma;
        double dbGamma = q + r;
        double dbR = gamma;
        double dbQ = gamma;
        double dmA = dmZ * 2 * dt;
        double dmB = dmC * 2 * dt;
        double dmR = dmA * daR + dmB * dbR;
        dMean[P] = dmPc * dpc;
        dMean[CURRENT] = dmR * drI;
        dMean[THRESHOLD] = dmR * drTh;
        dMean[GAMMA] = dmA * daGamma + dmB * dbGamma;
        dMean[Q] = dmB * dbQ;
        dMean[NOISE] = 0;

        // Noise: std = sqrt(4 D qq V), qq = mean + eps, V = dt g(2 lambda dt).
        double qq = mean + EPSILON;
        double lamA = 2 * Math.abs(a);
        double lamB = 2 * b * qq;
        double lambda;
        double[] dLambda = new double[6];
        if (lamA >= lamB) {
            lambda = lamA;
            double sgn = Math.signum(a);
            // d lambda = 2 sign(a) da
            dLambda[GAMMA] = 2 * sgn * daGamma;
            dLambda[CURRENT] = 2 * sgn * daR * drI;
            dLambda[THRESHOLD] = 2 * sgn * daR * drTh;
        } else {
            lambda = lamB;
            // d lambda = 2 (db qq + b dmean)
            for (int i = 0; i < 6; i++) {
                dLambda[i] = 2 * b * dMean[i];
            }
            dLambda[GAMMA] += 2 * dbGamma * qq;
            dLambda[CURRENT] += 2 * dbR * drI * qq;
            dLambda[THRESHOLD] += 2 * dbR * drTh * qq;
            dLambda[Q] += 2 * dbQ * qq;
        }
        double w = 2 * lambda * dt;
        double sw = Math.exp(-w);
        double v = dt * g(w, sw);
        double dVdLambda = dt * gPrime(w, sw) * 2 * dt;
        double root = Math.sqrt(4 * qq * v);
        std = Math.sqrt(noise) * root;
        for (int i = 0; i < 6; i++) {
            double dv = dVdLambda * dLambda[i];
            dStd[i] = std * 0.5 * (dMean[i] / qq + dv / v);
        }
        dStd[NOISE] = std / (2 * noise);

        // The Itô drift 2D of p = |c|² under additive noise on c, integrated with the same relaxation:
        // 2D dt g(λ dt), i.e. 2D dt for short steps. Half a noise standard deviation per step at ns sampling,
        // negligible (D/a) in the quasi-static limit.
        double shift = 2 * noise * v;
        mean += shift;
        for (int i = 0; i < 6; i++) {
            dMean[i] += 2 * noise * dVdLambda * dLambda[i];
        }
        dMean[NOISE] += 2 * v;
    }

    /** (1 - e^{-m}) / m for m >= 0, given s = e^{-m}. */
    static double g(double m, double s) {
        if (m < 1e-4) {
            return 1 - m / 2 + m * m / 6;
        }
        return (1 - s) / m;
    }

    /** d/dm of (1 - e^{-m}) / m, given s = e^{-m}. */
    static double gPrime(double m, double s) {
        if (m < 1e-4) {
            return -0.5 + m / 3 - m * m / 8;
        }
        return (s * m - 1 + s) / (m * m);
    }
}
