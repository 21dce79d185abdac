package io.spinloop.emulator.physics;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One emulated spin-torque nano-oscillator: "nature" for the emulated bench. Its normalized power p follows the
 * stochastic auto-oscillator equation of Slavin and Tiberkevich (seed 000, eq. 1–2),
 * <pre>dp = −2[Γ_G(1+Qp) − σI(1−p)] p dt + 2D dt + 2√(Dp) dW,</pre>
 * the Itô equation for p = |c|² of a complex amplitude driven by white thermal noise of strength D. Its stationary
 * density is exactly ∝ exp(−[(Γ_G−σI)p + (Γ_G Q+σI)p²/2]/D) on [0,1): a truncated Gaussian whose mode is seed
 * 003's p₀ = (I/I_th − 1)/(I/I_th + Q). The frequency is f = f₀ + (N/2π)p; the linewidth is the phase-diffusion
 * width D/(2πp) broadened by the nonlinear shift, (1+ν²) with ν = N/(Γ_G Q+σI) (Kim, Tiberkevich and Slavin,
 * PRL 100, 017207); the emitted power is K·I²·p. D and K are set from the nominal device so that at 2·I_th the
 * line is {@link DeviceParameters#linewidthAtTwiceThresholdHz()} wide and carries
 * {@link DeviceParameters#powerAtTwiceThresholdDbm()}.
 *
 * <p>Instruments observe the device at bench times in the quasi-static way a real bench does: when the time
 * since the last change of current and since the previous observation are both many relaxation times, p is drawn
 * afresh from the stationary density (exact, and cheap for millisecond readings); otherwise the nonlinear equation
 * is integrated from the previous observation, or from the stationary state before the last step (stochastic
 * Heun on the complex amplitude), so nanosecond transients and fluctuations follow the equation itself wherever
 * an instrument could resolve them.
 */
public final class Stno {
    private static final double TWO_PI = 2 * Math.PI;
    /** Periods of the slow drift components, seconds. */
    private static final double[] DRIFT_PERIODS = {97, 631, 3607};

    private final String name;
    private final DeviceParameters nominal;
    private final double thresholdCurrent;
    private final double frequency;
    private final double damping;
    private final double gammaG;
    private final double shiftRad;
    private final double noise;
    private final double powerScale;
    private final double[] driftPhases = new double[2 * DRIFT_PERIODS.length];
    private final List<CurrentTimeline> drives = new CopyOnWriteArrayList<>();
    private volatile double deathTime = Double.POSITIVE_INFINITY;
    /** The applied field and its effect, or null: no field instruments, the device exactly as its parameters say. */
    private volatile FieldExposure field;

    /**
     * Draws a device around {@code nominal} with its spread, from {@code seed}: the same seed and name give the
     * same device.
     */
    public Stno(String name, DeviceParameters nominal, long seed) {
        this.name = name;
        this.nominal = nominal;
        SplittableRandom rng = new SplittableRandom(seed);
        this.thresholdCurrent = nominal.thresholdCurrentA() * (1 + nominal.thresholdSpread() * clippedGaussian(rng));
        this.frequency = nominal.frequencyHz() * (1 + nominal.frequencySpread() * clippedGaussian(rng));
        this.damping = nominal.nonlinearDamping() * Math.max(0.05, 1 + nominal.dampingSpread() * clippedGaussian(rng));
        for (int i = 0; i < driftPhases.length; i++) {
            driftPhases[i] = TWO_PI * rng.nextDouble();
        }
        this.gammaG = 1 / nominal.relaxationTimeS();
        this.shiftRad = TWO_PI * nominal.frequencyShiftHz();
        // Calibrate thermal noise and power scale on the nominal device at twice its threshold.
        double q = nominal.nonlinearDamping();
        double pRef = 1 / (2 + q);
        double beta = gammaG * (q + 2);
        double nu = shiftRad / beta;
        double theta = nonlinearWeight(1);
        this.noise = nominal.linewidthAtTwiceThresholdHz() * TWO_PI * pRef / (1 + nu * nu * theta);
        double iRef = 2 * nominal.thresholdCurrentA();
        this.powerScale = 1e-3 * Math.pow(10, nominal.powerAtTwiceThresholdDbm() / 10) / (iRef * iRef * pRef);
    }

    private static double clippedGaussian(SplittableRandom rng) {
        return Math.max(-3, Math.min(3, rng.nextGaussian()));
    }

    public String name() {
        return name;
    }

    public DeviceParameters nominal() {
        return nominal;
    }

    /** This device's own threshold current (drawn with the spread, before drift). */
    public double thresholdCurrent() {
        return thresholdCurrent;
    }

    /** This device's own free-running frequency (drawn with the spread, before drift). */
    public double frequency() {
        return frequency;
    }

    /** This device's own nonlinear damping Q (drawn with the spread). */
    public double damping() {
        return damping;
    }

    /** Thermal noise strength D, s⁻¹. */
    public double noiseStrength() {
        return noise;
    }

    /** Wires a source's output to this device; a current beyond the damage current kills it. */
    public void connect(CurrentTimeline drive) {
        drives.add(drive);
        drive.addListener((t, value) -> {
            if (Math.abs(currentAt(t)) > nominal.damageCurrentA()) {
                kill(t);
            }
        });
    }

    /** The device stops oscillating for good from bench time {@code t}. */
    public synchronized void kill(double t) {
        if (t < deathTime) {
            deathTime = t;
        }
    }

    public boolean isDead(double t) {
        return t >= deathTime;
    }

    /** The total current through the device at {@code t}. */
    public double currentAt(double t) {
        double sum = 0;
        for (CurrentTimeline d : drives) {
            sum += d.valueAt(t);
        }
        return sum;
    }

    /** The time of the last change of current at or before {@code t} (negative infinity if none). */
    public double lastChangeAtOrBefore(double t) {
        double last = Double.NEGATIVE_INFINITY;
        for (CurrentTimeline d : drives) {
            last = Math.max(last, d.lastChangeAtOrBefore(t));
        }
        return last;
    }

    /** The time of the next change of current after {@code t} (positive infinity if none). */
    public double nextChangeAfter(double t) {
        double next = Double.POSITIVE_INFINITY;
        for (CurrentTimeline d : drives) {
            next = Math.min(next, d.nextChangeAfter(t));
        }
        return next;
    }

    private double driftSignal(double t, int component) {
        // Unit-RMS sum of three sinusoids: smooth, deterministic in t, so observation order does not matter.
        double s = 0;
        for (int i = 0; i < DRIFT_PERIODS.length; i++) {
            s += Math.sin(TWO_PI * t / DRIFT_PERIODS[i] + driftPhases[component * DRIFT_PERIODS.length + i]);
        }
        return s * Math.sqrt(2.0 / DRIFT_PERIODS.length);
    }

    /** The statistics of p at time {@code t} under a steady current {@code current}. */
    public OperatingPoint operatingPoint(double t, double current) {
        double drift = nominal.drift();
        double ith = thresholdCurrent * (drift == 0 ? 1 : 1 + drift * driftSignal(t, 0));
        double f0 = frequency * (drift == 0 ? 1 : 1 + drift * driftSignal(t, 1));
        FieldExposure h = field;
        if (h == null) {
            return new OperatingPoint(this, t, current, ith, f0, isDead(t));
        }
        double b = h.fieldAt(t);
        double g = h.dampingRatio(b);
        return new OperatingPoint(this, t, current, ith * g, f0 * h.frequencyRatio(b), isDead(t), gammaG * g,
                nominal.frequencyShiftHz() * h.shiftRatio(b), noise * g);
    }

    /**
     * Puts the device in an applied field (docs/field-physics.md): from now on f0, N, Γ_G, I_th and D follow
     * {@code fieldAt} (tesla, at bench time t) through {@code magnetic}; the device's own parameters hold at the
     * reference field, where the Kittel frequency of {@code magnetic} is the nominal f0.
     */
    public void exposeTo(MagneticParameters magnetic, java.util.function.DoubleUnaryOperator fieldAt) {
        field = new FieldExposure(magnetic, magnetic.referenceFieldT(nominal.frequencyHz()), fieldAt);
    }

    /** The reference field of a device in a field, tesla, or NaN for a device in none. */
    public double referenceFieldT() {
        FieldExposure h = field;
        return h == null ? Double.NaN : h.referenceT();
    }

    /** The applied field at {@code t}, tesla, or NaN for a device in none. */
    public double fieldAt(double t) {
        FieldExposure h = field;
        return h == null ? Double.NaN : h.fieldAt(t);
    }

    /** The emitted RF power, watts, for current {@code current} and normalized power {@code p}. */
    public double emittedPower(double current, double p) {
        return powerScale * current * current * p;
    }

    /** The DC resistance for normalized power {@code p}. */
    public double resistance(double p) {
        return nominal.resistanceOhm() * (1 + nominal.magnetoresistance() * p);
    }

    double gammaG() {
        return gammaG;
    }

    double shiftRad() {
        return shiftRad;
    }

    static double nonlinearWeight(double overdrive) {
        // Nonlinear broadening (1+ν²) holds well above threshold, where power fluctuations are damped by the
        // restoring force; near threshold the line is set by phase diffusion alone.
        double x = Math.max(0, overdrive);
        return x * x / (x * x + 0.01);
    }

    /**
     * Observes p at the given increasing bench times, each observation averaging over {@code window} seconds
     * (an instrument's integration time, e.g. 1/RBW). Fills {@code p[k]} and the current {@code current[k]}.
     */
    public void observe(double[] times, int n, double window, SplittableRandom rng, double[] p, double[] current) {
        double prevT = Double.NaN;
        double prevP = 0;
        OperatingPoint op = null;
        for (int k = 0; k < n; k++) {
            double t = times[k];
            double i = currentAt(t);
            current[k] = i;
            if (isDead(t)) {
                p[k] = 0;
                prevT = t;
                prevP = 0;
                continue;
            }
            if (op == null || op.current != i || Math.abs(t - op.time) > 1e-3) {
                op = operatingPoint(t, i);
            }
            double settle = 10 / op.rate;
            double lastChange = lastChangeAtOrBefore(t);
            // A look within a relaxation-settling time of now, or of the last step, is remembered by the device.
            boolean recentChange = t - lastChange <= settle;
            boolean recentLook = !Double.isNaN(prevT)
                    && (t - prevT <= settle || recentChange && lastChange - prevT <= settle);
            double value;
            if (recentLook) {
                // Follow the equation from the previous observation (through any steps in between): a linearised
                // shortcut would be a different process from the one the device is documented to obey.
                value = integrate(prevP, prevT, t, rng);
            } else if (recentChange) {
                // First look (or a look long after the previous one) shortly after a step: start from the state
                // before the step and follow it.
                double before = operatingPoint(lastChange, currentAt(Math.nextDown(lastChange))).sampleStationary(rng);
                value = integrate(before, lastChange, t, rng);
            } else {
                // Many relaxation times since both the last look and the last step: the stationary draw is exact.
                value = op.sampleStationary(rng);
                if (window > 0) {
                    double shrink = Math.sqrt(Math.min(1, 2 / (op.rate * window)));
                    value = op.mean + (value - op.mean) * shrink;
                }
            }
            value = Math.max(0, Math.min(0.999999, value));
            p[k] = value;
            prevT = t;
            prevP = value;
        }
    }

    /**
     * Integrates the power equation from t0 to t1 through the current's steps. The state is the complex amplitude c
     * with p = |c|²: dc = −(α + β|c|²) c dt + √D (dW₁ + i dW₂), whose Itô image is exactly the equation for p
     * above (the phase of c is arbitrary, so c starts real). Its noise is additive, so the stochastic Heun scheme
     * is second order in the drift and needs no reflection at p = 0. A sub-step is 0.02 of the faster of the
     * operating point's relaxation rate and the local one, 2|α + 2βp|: after a step down from high power the state
     * relaxes several times faster than the new operating point's fluctuations, and sub-steps sized by the latter
     * (with Euler–Maruyama on p, as before) made the decay too fast by a quarter of a standard deviation in 2 ns.
     */
    private double integrate(double p, double t0, double t1, SplittableRandom rng) {
        double x = Math.sqrt(Math.max(p, 0));
        double y = 0;
        double sqrtD = Math.sqrt(field == null ? noise : operatingPoint(t0, currentAt(t0)).noise);
        double t = t0;
        int guard = 0;
        while (t < t1 && guard++ < 1_000_000) {
            OperatingPoint op = operatingPoint(t, currentAt(t));
            double a = op.alpha;
            double b = op.beta;
            double r2 = x * x + y * y;
            double rate = Math.max(op.rate, 2 * Math.abs(a + 2 * b * r2));
            // A sub-step ends at the next change of current, so a step of the drive acts when it happens, not up to
            // a sub-step late.
            double dt = Math.min(Math.min(t1 - t, 0.02 / rate), Math.max(0, nextChangeAfter(t) - t));
            if (!(dt > 0)) {
                dt = Math.min(t1 - t, 0.02 / rate);
            }
            double sd = sqrtD * Math.sqrt(dt);
            double w1 = sd * rng.nextGaussian();
            double w2 = sd * rng.nextGaussian();
            double k0 = -(a + b * r2);
            double xe = x + k0 * x * dt + w1;
            double ye = y + k0 * y * dt + w2;
            double k1 = -(a + b * (xe * xe + ye * ye));
            x += 0.5 * (k0 * x + k1 * xe) * dt + w1;
            y += 0.5 * (k0 * y + k1 * ye) * dt + w2;
            double r = x * x + y * y;
            if (r >= 1) { // the density lives on [0, 1): hold |c| just inside
                double shrink = Math.sqrt(0.999999 / r);
                x *= shrink;
                y *= shrink;
            }
            t += dt;
        }
        return x * x + y * y;
    }
}
