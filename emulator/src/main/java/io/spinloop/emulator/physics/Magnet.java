package io.spinloop.emulator.physics;

/**
 * An electromagnet on a bipolar supply: the coil current follows the supply's programmed current with the time
 * constant L/R of the inductive load, and the gap field is k·I plus a little remanence of the yoke, modelled by a
 * play (backlash) operator on the current: the yoke's state s follows I at a distance of at most w, and adds
 * B_r·s/w (clipped to ±B_r). A virgin yoke reads 0 at 0 A; after a positive excursion beyond w it keeps +B_r.
 * Thread-safe; times are bench seconds.
 */
public final class Magnet {
    /**
     * @param teslaPerAmp   k, field per coil current
     * @param timeConstantS L/R of the coil
     * @param remanenceT    B_r, the field left at 0 A after a large excursion
     * @param playWidthA    w, the current excursion that saturates the remanence
     */
    public record Coil(double teslaPerAmp, double timeConstantS, double remanenceT, double playWidthA) {
        public Coil {
            if (!(teslaPerAmp > 0) || !(timeConstantS > 0) || !(remanenceT >= 0) || !(playWidthA > 0)
                    || Double.isInfinite(teslaPerAmp + timeConstantS + remanenceT + playWidthA)) {
                throw new IllegalArgumentException("magnet coil: teslaPerAmp, timeConstantS and playWidthA must be"
                        + " positive, remanenceT zero or positive, all finite");
            }
        }

        /** A small lab electromagnet: 50 mT/A, L/R = 20 ms, 0.5 mT remanence saturating over 0.5 A. */
        public static Coil defaults() {
            return new Coil(0.05, 0.020, 0.5e-3, 0.5);
        }
    }

    private final Coil coil;
    /** Start of the present segment: time, coil current then, the target it relaxes to, yoke state then. */
    private double t0;
    private double i0;
    private double target;
    private double play0;

    public Magnet(Coil coil) {
        this.coil = coil;
    }

    public Coil coil() {
        return coil;
    }

    /** From bench time {@code t} the supply drives {@code amps} (0 with its output off). */
    public synchronized void drive(double t, double amps) {
        double now = currentAt(t);
        play0 = playAt(now);
        i0 = now;
        t0 = t;
        target = amps;
    }

    /** The coil current at {@code t} (at or after the last change). */
    public synchronized double currentAt(double t) {
        double dt = Math.max(0, t - t0);
        return target + (i0 - target) * Math.exp(-dt / coil.timeConstantS());
    }

    /** The gap field at {@code t}, tesla. Exact between changes: the current is monotonic within a segment. */
    public synchronized double fieldAt(double t) {
        double i = currentAt(t);
        double s = Math.max(-1, Math.min(1, playAt(i) / coil.playWidthA()));
        return coil.teslaPerAmp() * i + coil.remanenceT() * s;
    }

    private double playAt(double current) {
        return Math.max(current - coil.playWidthA(), Math.min(current + coil.playWidthA(), play0));
    }
}
