package io.spinloop.emulator.physics;

import java.util.SplittableRandom;

/**
 * The statistics of an oscillator's normalized power at one time and steady current: coefficients of the
 * stationary density exp(−(αp + βp²/2)/D), its mean and spread, the relaxation rate of fluctuations, the line
 * frequency and width. Immutable.
 */
public final class OperatingPoint {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    final Stno device;
    final double time;
    final double current;
    /** Linear coefficient Γ_G − σI of the restoring rate, s⁻¹. */
    final double alpha;
    /** Quadratic coefficient Γ_G Q + σI, s⁻¹. */
    final double beta;
    /** Mean of p. */
    final double mean;
    /** Standard deviation of p. */
    final double sd;
    /** Scale √(D/β) of the Gaussian factor of the density. */
    final double scale;
    /** Relaxation rate of fluctuations of p, s⁻¹. */
    final double rate;
    final double thresholdCurrent;
    final double freeFrequency;
    final boolean dead;
    /** Γ_G, N/2π and D in force here (the device's own, or scaled by the applied field). */
    final double gammaG;
    final double shiftHz;
    final double noise;

    OperatingPoint(Stno device, double time, double current, double thresholdCurrent, double freeFrequency,
                   boolean dead) {
        this(device, time, current, thresholdCurrent, freeFrequency, dead, device.gammaG(),
                device.nominal().frequencyShiftHz(), device.noiseStrength());
    }

    OperatingPoint(Stno device, double time, double current, double thresholdCurrent, double freeFrequency,
                   boolean dead, double gammaG, double shiftHz, double noise) {
        this.gammaG = gammaG;
        this.shiftHz = shiftHz;
        this.noise = noise;
        this.device = device;
        this.time = time;
        this.current = current;
        this.thresholdCurrent = thresholdCurrent;
        this.freeFrequency = freeFrequency;
        this.dead = dead;
        double g = gammaG;
        double sigmaI = g * current / thresholdCurrent;
        double d = noise;
        alpha = g - sigmaI;
        beta = g * device.damping() + sigmaI;
        if (beta > 0) {
            double mu = -alpha / beta;
            double s = Math.sqrt(d / beta);
            double a = -mu / s;
            scale = s;
            if (a > 8) {
                mean = s * (1 / a - 2 / (a * a * a)); // Mills-ratio asymptote: ≈ D/α below threshold
                sd = mean; // nearly exponential
            } else {
                double tail = 0.5 * erfc(a / Math.sqrt(2));
                double lambda = Math.exp(-0.5 * a * a) / SQRT_2PI / tail;
                mean = mu + s * lambda;
                sd = s * Math.sqrt(Math.max(1e-12, 1 + a * lambda - lambda * lambda));
            }
            rate = 2 * Math.max(Math.abs(alpha + 2 * beta * mean), 2 * beta * s);
        } else {
            mean = d / alpha; // far below threshold (reverse current): exponential density
            sd = mean;
            scale = sd;
            rate = 2 * alpha;
        }
    }

    /** Mean of p; 0 for a dead device. */
    public double meanPower() {
        return dead ? 0 : mean;
    }

    public double current() {
        return current;
    }

    public boolean dead() {
        return dead;
    }

    /** The threshold current in force here (drift and field included), A. */
    public double thresholdCurrent() {
        return thresholdCurrent;
    }

    /** The free-running frequency in force here (drift and field included), Hz. */
    public double freeFrequency() {
        return freeFrequency;
    }

    /** Relaxation rate of the power fluctuations, s⁻¹. */
    public double relaxationRate() {
        return rate;
    }

    /** Line frequency for normalized power {@code p}, Hz. */
    public double frequency(double p) {
        return freeFrequency + shiftHz * p;
    }

    /** Full linewidth at half maximum, Hz, at the mean power. */
    public double linewidth() {
        double m = Math.max(mean, 1e-12);
        double nu = beta > 0 ? 2 * Math.PI * shiftHz / beta : 0;
        double weight = Stno.nonlinearWeight(current / thresholdCurrent - 1);
        double width = noise * (1 + nu * nu * weight) / (2 * Math.PI * m);
        return Math.min(width, 1e10);
    }

    /** Emitted RF power, watts, at normalized power {@code p}. */
    public double emittedPower(double p) {
        return dead ? 0 : device.emittedPower(current, p);
    }

    /** One exact draw from the stationary density of p on [0,1). */
    public double sampleStationary(SplittableRandom rng) {
        if (dead) {
            return 0;
        }
        double d = noise;
        if (beta > 0 && -alpha / beta > -scale) {
            while (true) { // Gaussian proposal, accepted inside [0,1): acceptance at least 16 %
                double p = -alpha / beta + scale * rng.nextGaussian();
                if (p >= 0 && p < 1) {
                    return p;
                }
            }
        }
        // Exponential proposal with the linear part, corrected by the quadratic part (both exact rejections).
        double lambda = beta > 0 ? alpha / d : (alpha + beta / 2) / d;
        for (int tries = 0; tries < 10_000; tries++) {
            double p = -Math.log(1 - rng.nextDouble()) / lambda;
            if (p >= 1) {
                continue;
            }
            double accept = beta > 0 ? Math.exp(-beta * p * p / (2 * d)) : Math.exp(beta / 2 * (p - p * p) / d);
            if (rng.nextDouble() < accept) {
                return p;
            }
        }
        return mean;
    }

    /** Complementary error function, fractional error below 1.2e-7 (Chebyshev fit, Numerical Recipes 6.2). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
