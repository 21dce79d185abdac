package io.spinloop.lab.field;

import io.spinloop.drivers.field.Gaussmeter;
import io.spinloop.drivers.field.MagnetSupply;
import io.spinloop.lab.LabException;
import io.spinloop.lab.RunProgress;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Sets the field at a device in closed loop: the calibration gives the first current, then the gaussmeter's
 * averaged reading corrects it (I += (B_target − B)/slope) until it is within tolerance. The magnet supply's own
 * rules sit below: every change is ramped at its rate limit, and it goes to 0 A with its output off on any failure
 * of its own. This class adds the same for everything else: a gaussmeter that stops answering, a field that does not
 * settle or cannot be reached, an interrupted wait — the magnet is ramped to 0 A and switched off before the
 * exception reaches the caller.
 *
 * <pre>{@code
 * try (FieldController field = FieldControllers.open(bench, "stno-a")) {
 *     FieldPoint p = field.setField(0.030);   // tesla
 *     double now = field.readField();
 * }                                           // close ramps to 0 A
 * }</pre>
 * Thread-safe (one setting at a time).
 */
public final class FieldController implements AutoCloseable {
    private final MagnetSupply magnet;
    private final Gaussmeter gaussmeter;
    private final FieldCalibration calibration;
    private final FieldSettings settings;
    private double current;

    public FieldController(MagnetSupply magnet, Gaussmeter gaussmeter, FieldCalibration calibration,
                           FieldSettings settings) {
        this.magnet = magnet;
        this.gaussmeter = gaussmeter;
        this.calibration = calibration;
        this.settings = settings;
    }

    public FieldCalibration calibration() {
        return calibration;
    }

    public FieldSettings settings() {
        return settings;
    }

    /** The supply and the gaussmeter by role ({@code magnet}, {@code gaussmeter}), for a run's stored identities. */
    public java.util.Map<String, io.spinloop.drivers.Instrument> instrumentsByRole() {
        java.util.Map<String, io.spinloop.drivers.Instrument> m = new java.util.LinkedHashMap<>();
        m.put("magnet", magnet);
        m.put("gaussmeter", gaussmeter);
        return m;
    }

    /** The weakest field the supply's current limit reaches through the calibration, T. */
    public double minField() {
        return Math.min(fieldAt(-limit()), fieldAt(limit()));
    }

    /** The strongest field the supply's current limit reaches through the calibration, T. */
    public double maxField() {
        return Math.max(fieldAt(-limit()), fieldAt(limit()));
    }

    private double limit() {
        return magnet.limits().maxCurrent();
    }

    private double fieldAt(double amps) {
        return calibration.offsetT() + calibration.teslaPerAmp() * amps;
    }

    /**
     * Sets the field to {@code tesla} and returns the point reached.
     *
     * @throws FieldOutOfRangeException before touching the magnet when the target is beyond what its current limit
     *                                  gives through the calibration
     */
    public synchronized FieldPoint setField(double tesla) {
        if (!Double.isFinite(tesla) || tesla < minField() - settings.toleranceT()
                || tesla > maxField() + settings.toleranceT()) {
            throw new FieldOutOfRangeException(String.format(Locale.ROOT, "%s: a field of %s refused; with its"
                            + " current limit of %.4g A the magnet reaches %s to %s", magnet.name(), tesla(tesla), limit(),
                    tesla(minField()), tesla(maxField())));
        }
        return safely(() -> {
            if (!magnet.isOutputOn()) {
                magnet.outputOn();
            }
            double amps = clip(calibration.currentFor(tesla));
            magnet.setCurrent(amps);
            current = amps;
            for (int c = 0; ; c++) {
                pause();
                double b = averagedReading();
                double error = tesla - b;
                if (Math.abs(error) <= settings.toleranceT()) {
                    return new FieldPoint(tesla, b, amps, c);
                }
                if (c == settings.corrections()) {
                    throw new FieldNotSettledException(String.format(Locale.ROOT, "%s: the field did not settle at %s"
                                    + " within %s after %d corrections (last reading %s at %.5g A); ramped to 0 A",
                            gaussmeter.name(), tesla(tesla), tesla(settings.toleranceT()), c, tesla(b), amps));
                }
                double next = amps + error / calibration.teslaPerAmp();
                if (Math.abs(next) > limit()) {
                    throw new FieldOutOfRangeException(String.format(Locale.ROOT, "%s: reaching %s needs %.5g A,"
                            + " beyond the magnet's limit of %.4g A (the calibration is off, or remanence pushes"
                            + " back); ramped to 0 A", magnet.name(), tesla(tesla), next, limit()));
                }
                amps = next;
                magnet.setCurrent(amps);
                current = amps;
            }
        });
    }

    /** One averaged gaussmeter reading, T. If the gaussmeter fails, the magnet is ramped to 0 A first. */
    public synchronized double readField() {
        return safely(this::averagedReading);
    }

    /** The magnet current this controller last set, A. */
    public synchronized double current() {
        return current;
    }

    /**
     * A live view's field panel: {@code setT} and {@code measuredT} as the caller last asked and read, with the
     * magnet as this process last set it (no query).
     */
    public synchronized RunProgress.FieldPanel panel(double setT, double measuredT) {
        return new RunProgress.FieldPanel(magnet.name(), setT, measuredT, current, magnet.isOutputOn());
    }

    /** Ramps the magnet to 0 A at its rate limit and switches its output off. */
    public synchronized void rampToZero() {
        magnet.rampToZero();
        current = 0;
    }

    private double averagedReading() {
        double sum = 0;
        for (int k = 0; k < settings.readings(); k++) {
            sum += gaussmeter.readField();
        }
        return sum / settings.readings();
    }

    private double clip(double amps) {
        return Math.max(-limit(), Math.min(limit(), amps));
    }

    private void pause() {
        try {
            Thread.sleep(settings.settle().toMillis(), settings.settle().toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(magnet.name() + ": interrupted while the field settled; ramped to 0 A", e);
        }
    }

    /** Runs a step of field control; on any failure ramps the magnet to 0 A, output off, then rethrows. */
    private <T> T safely(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException | Error e) {
            try {
                magnet.rampToZero();
                current = 0;
            } catch (RuntimeException unsafe) {
                e.addSuppressed(unsafe);
            }
            throw e;
        }
    }

    private static String tesla(double t) {
        return String.format(Locale.ROOT, "%.4g mT", t * 1e3);
    }

    /** Ramps the magnet to 0 A, then closes the supply and the gaussmeter. */
    @Override
    public synchronized void close() {
        try {
            magnet.close();
        } finally {
            gaussmeter.close();
        }
    }
}
