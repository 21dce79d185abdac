package io.spinloop.drivers.source;

import io.spinloop.drivers.InstrumentException;
import io.spinloop.drivers.Identity;
import io.spinloop.drivers.scpi.TrafficLog;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The only {@link CurrentSource} callers can get: a raw driver behind the safety rules of {@link SafetyLimits}.
 * Validation happens before anything is sent; every operation that talks to the instrument runs in
 * {@link #guarded}, which on any failure ramps to 0 A and switches the output off before rethrowing.
 * Before every change of current it reads where the instrument really is ({@link #readBack}): another program,
 * or a hand on the front panel, may have moved it, and a ramp from a stale level would be a jump. What it finds
 * that this process did not leave there is said on the warnings channel.
 */
final class SafeCurrentSource implements CurrentSource, ShutdownSafety.Stoppable {
    /** Relative slack when comparing a request to a limit, so 3 mA is allowed under a 3 mA limit. */
    private static final double LIMIT_SLACK = 1e-9;
    /** A reading at or above this is SCPI's 9.91e37 "not a number": the function was not measured. */
    private static final double NOT_MEASURED = 9.9e37;

    private final SourceMeterDriver driver;
    private final SafetyLimits limits;
    private final String name;
    private final Identity identity;
    /** Where the source says what it found that this process did not expect (the CLI prints it on stderr). */
    private final Consumer<String> warnings;
    private final ReentrantLock lock = new ReentrantLock();
    /** Last level we know the instrument holds, in A. */
    private double level;
    private boolean outputOn;
    private long lastStepNanos;
    private boolean closed;
    /** Set by the shutdown hook: ramps in progress stop and the source is made safe. */
    private volatile boolean aborting;
    /** The session's connection number when we last read the instrument's state. */
    private int connection;

    /** Released once this source has closed its share of the session (a channel's claim), or null. */
    private java.io.Closeable releasedOnClose;

    private SafeCurrentSource(SourceMeterDriver driver, SafetyLimits limits, Consumer<String> warnings) {
        this.driver = driver;
        this.limits = limits;
        this.warnings = warnings;
        this.name = driver.name();
        this.identity = driver.session().identity();
    }

    static SafeCurrentSource attach(SourceMeterDriver driver, SafetyLimits limits) {
        return attach(driver, limits, CurrentSources.WARNINGS_ON_STDERR);
    }

    /**
     * Takes over a source: reads its state; a source found with its output on is ramped to 0 A and switched off,
     * and {@code warnings} told so with the level found; sets it up for current sourcing, lowers the compliance to
     * the limit if needed, and registers it for the shutdown hook.
     */
    static SafeCurrentSource attach(SourceMeterDriver driver, SafetyLimits limits, Consumer<String> warnings) {
        return attach(driver, limits, warnings, null);
    }

    /**
     * As {@link #attach(SourceMeterDriver, SafetyLimits, Consumer)}, releasing {@code releasedOnClose} (a channel's
     * claim, when the unit's session is shared with its other channel) after this source's share of the session is
     * closed, or when taking over fails.
     */
    static SafeCurrentSource attach(SourceMeterDriver driver, SafetyLimits limits, Consumer<String> warnings,
                                    java.io.Closeable releasedOnClose) {
        SafeCurrentSource s = new SafeCurrentSource(driver, limits, warnings);
        s.releasedOnClose = releasedOnClose;
        s.takeOver();
        ShutdownSafety.register(s);
        return s;
    }

    private void takeOver() {
        lock.lock();
        try {
            readAndPrepare();
            if (outputOn && Math.abs(level) > limits.maxCurrent() * (1 + LIMIT_SLACK)) {
                makeSafe();
                throw new SafetyLimitException(label() + " was sourcing " + level + " A, beyond its limit of "
                        + limits.maxCurrent() + " A; it has been ramped to 0 A and switched off");
            }
            if (outputOn) {
                // Someone left it on (another program, a run killed with -9, the front panel): start from a known
                // state, and say so, since the device had current through it that this run did not put there.
                warnings.accept(name + ": found output ON at " + amps(level) + "; "
                        + (level == 0 ? "switching it off" : "ramping to 0 A") + " before starting");
                makeSafe();
                readAndPrepare();
            }
        } catch (RuntimeException e) {
            driver.session().close();
            release();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        java.io.Closeable r = releasedOnClose;
        releasedOnClose = null;
        if (r != null) {
            try {
                r.close();
            } catch (java.io.IOException | RuntimeException ignored) {
                // a claim is never left held by a failed release (the OS drops it with the process)
            }
        }
    }

    /**
     * Reads the instrument's state and prepares it for current sourcing without a step: with the output off
     * it is configured from scratch at 0 A; with the output on only the reading format is touched. The
     * compliance is lowered to the limit if needed (lowering a limit is always safe).
     */
    private void readAndPrepare() {
        connection = driver.session().connectionNumber();
        outputOn = driver.outputState();
        if (outputOn && !driver.sourcesCurrent()) {
            throw new InstrumentException(label() + " is sourcing voltage with its output on; spinloop will not"
                    + " take it over (switching function would jump the current). Turn its output off first.");
        }
        if (!outputOn) {
            driver.configureCurrentSource();
            driver.setLevel(0.0);
            level = 0.0;
        } else {
            driver.configureReadings();
            level = driver.level();
        }
        if (driver.compliance() > limits.maxComplianceVoltage()) {
            driver.setCompliance(limits.maxComplianceVoltage());
        }
        lastStepNanos = System.nanoTime();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public SafetyLimits limits() {
        return limits;
    }

    @Override
    public void setTrafficLog(TrafficLog log) {
        driver.session().setTrafficLog(log);
    }

    private String label() {
        return driver.label();
    }

    @Override
    public void outputOn() {
        guarded(() -> {
            if (outputOn) {
                return null;
            }
            if (driver.outputState()) {
                // Switched on behind our back: setting 0 A now would be a jump from wherever it is.
                double found = driver.level();
                warnings.accept(name + ": found output ON at " + amps(found) + " though this process had switched"
                        + " it off (is another program driving it?); ramping to 0 A before going on");
                level = found;
                outputOn = true;
                ramp(0.0, limits.maxRampRate(), false);
                return null;
            }
            // Output off means no current; make sure the level is 0 A so switching on is not a step.
            driver.setLevel(0.0);
            level = 0.0;
            driver.setOutput(true);
            outputOn = true;
            lastStepNanos = System.nanoTime();
            return null;
        });
    }

    @Override
    public void outputOff() {
        guarded(() -> {
            if (outputOn) {
                if (!readBack(false)) {
                    return null; // already off: nothing flows
                }
                // Not stopped by a shutdown in progress: ramping to 0 A is what the shutdown hook would do.
                ramp(0.0, limits.maxRampRate(), false);
                driver.setOutput(false);
                outputOn = false;
            }
            return null;
        });
    }

    @Override
    public SourceState readState() {
        return guarded(() -> new SourceState(driver.outputState(), driver.level()));
    }

    @Override
    public boolean isOutputOn() {
        lock.lock();
        try {
            return outputOn;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setCurrent(double amps) {
        rampTo(amps, limits.maxRampRate());
    }

    @Override
    public void rampTo(double amps, double ampsPerSecond) {
        checkCurrent(amps, "current");
        if (!(ampsPerSecond > 0) || ampsPerSecond > limits.maxRampRate() * (1 + LIMIT_SLACK)) {
            throw new SafetyLimitException(label() + ": ramp rate " + ampsPerSecond + " A/s refused; the limit is "
                    + limits.maxRampRate() + " A/s");
        }
        lock.lock();
        try {
            requireOutputOn("set a current");
            guarded(() -> {
                readBack(true);
                ramp(amps, ampsPerSecond, true);
                return null;
            });
        } finally {
            lock.unlock();
        }
    }

    @Override
    public double current() {
        lock.lock();
        try {
            requireOpen();
            return level;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setComplianceVoltage(double volts) {
        if (!(volts > 0) || volts > limits.maxComplianceVoltage() * (1 + LIMIT_SLACK)) {
            throw new SafetyLimitException(label() + ": compliance " + volts + " V refused; the limit is "
                    + limits.maxComplianceVoltage() + " V");
        }
        guarded(() -> {
            driver.setCompliance(volts);
            return null;
        });
    }

    @Override
    public double complianceVoltage() {
        return guarded(driver::compliance);
    }

    @Override
    public SourceReading measure() {
        lock.lock();
        try {
            requireOutputOn("measure");
            requireVoltageReadback("measure");
            return guarded(() -> {
                SourceReading r = driver.measure();
                if (driver.complianceTripped()) {
                    throw tripped("while measuring");
                }
                return r;
            });
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean complianceTripped() {
        return guarded(driver::complianceTripped);
    }

    @Override
    public ListSweepResult runList(double[] currents, Duration dwell, boolean triggerOutput) {
        double dwellSeconds = dwell.toNanos() * 1e-9;
        lock.lock();
        try {
            requireOutputOn("run a list sweep");
            requireVoltageReadback("run a measured list sweep");
            checkList(currents, dwellSeconds);
            return guarded(() -> {
                double believed = level;
                readBack(true);
                if (level != believed) {
                    checkList(currents, dwellSeconds); // again, from where the source really is
                }
                double bias = level;
                ListSweepResult result;
                try {
                    result = driver.runList(currents.clone(), dwellSeconds, triggerOutput);
                } catch (ComplianceTripException seenByTheInstrument) {
                    // a trip the instrument recorded during a source-only list (the 2400's latched event, the B2900's
                    // output protection): guarded makes the source safe before the caller sees it, as for any trip
                    throw new ComplianceTripException(seenByTheInstrument.getMessage() + ". Ramped to 0 A, output off");
                }
                // Ask about compliance before touching the level again: an instrument may clear its trip flag
                // when the level changes, and a point pinned at the compliance voltage is a trip whatever the flag.
                double compliance = driver.compliance();
                int pinned = firstPointAtCompliance(result.voltage(), compliance);
                boolean trippedInList = pinned >= 0 || driver.complianceTripped();
                // Some models leave the last list value applied: bring the level back to the bias in one step,
                // which checkList bounded by maxStep.
                double after = driver.level();
                level = after;
                if (after != bias) {
                    driver.setLevel(bias);
                    level = bias;
                }
                lastStepNanos = System.nanoTime();
                if (pinned >= 0) {
                    throw tripped(String.format("during the list sweep, at point %d (%.4g A, %.4g V; compliance %.4g V)",
                            pinned, currents[pinned], result.voltage()[pinned], compliance));
                }
                if (trippedInList || driver.complianceTripped()) {
                    throw tripped("during the list sweep");
                }
                return result;
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first point whose measured voltage sits at the compliance limit (the source was limiting, not sourcing),
     * or -1.
     */
    static int firstPointAtCompliance(double[] volts, double complianceVolts) {
        double pinned = complianceVolts * (1 - 1e-3);
        for (int k = 0; k < volts.length; k++) {
            // 9.91e37 is SCPI's "not a number": a source-only point read no voltage; the trip flag speaks for it
            if (Math.abs(volts[k]) >= pinned && !(Math.abs(volts[k]) >= NOT_MEASURED)) {
                return k;
            }
        }
        return -1;
    }

    @Override
    public ListPointTiming listPointTiming(Duration dwell) {
        double dwellSeconds = dwell.toNanos() * 1e-9;
        requireVoltageReadback("time a measured list sweep");
        // a source-only list does not integrate: its shortest point is the delay alone
        return guarded(() -> new ListPointTiming(dwellSeconds, driver.measuresInLists() ? driver.nplc() : 0,
                driver.lineFrequency()));
    }

    @Override
    public void applyTiming(SourceTiming timing) {
        java.util.Objects.requireNonNull(timing, "timing");
        requireTimingSettings();
        driver.checkTiming(timing); // a setting the model does not have: refused before anything is sent
        lock.lock();
        try {
            requireOpen();
            guarded(() -> {
                driver.applyTiming(timing);
                SourceTiming found = driver.readTiming();
                if (!timing.matches(found)) {
                    throw new InstrumentException(label() + ": timing set to " + timing.describe() + " but the "
                            + "instrument reports " + found.describe());
                }
                return null;
            });
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SourceTiming timing() {
        requireTimingSettings();
        return guarded(driver::readTiming);
    }

    /** Refuses, before anything is sent (so nothing is made safe), a model without timing commands in spinloop. */
    private void requireTimingSettings() {
        if (!driver.hasTimingSettings()) {
            throw new UnsupportedOperationException(label() + ": spinloop has no timing settings for the "
                    + driver.model().displayName() + "; it keeps its own");
        }
    }

    private void checkList(double[] currents, double dwellSeconds) {
        if (currents.length == 0) {
            throw new IllegalArgumentException(label() + ": empty list sweep");
        }
        int max = driver.model().maxListPoints();
        if (currents.length > max) {
            throw new SafetyLimitException(label() + ": list of " + currents.length + " points refused; the "
                    + driver.model().displayName() + " takes at most " + max);
        }
        if (!(dwellSeconds > 0)) {
            throw new IllegalArgumentException(label() + ": list dwell must be positive, got " + dwellSeconds + " s");
        }
        double previous = level;
        for (int k = 0; k <= currents.length; k++) {
            double value = k < currents.length ? currents[k] : level; // the last step returns to the bias
            if (k < currents.length) {
                checkCurrent(value, "list point " + k);
            }
            double step = Math.abs(value - previous);
            if (step > limits.maxStep() * (1 + LIMIT_SLACK)) {
                String where = k == 0 ? "from the present " + level + " A to point 0"
                        : k == currents.length ? "from the last point back to " + level + " A"
                        : "from point " + (k - 1) + " to point " + k;
                throw new SafetyLimitException(label() + ": list step of " + step + " A " + where
                        + " refused; the step limit is " + limits.maxStep() + " A");
            }
            if (step / dwellSeconds > limits.maxRampRate() * (1 + LIMIT_SLACK)) {
                throw new SafetyLimitException(label() + ": list step of " + step + " A in " + dwellSeconds
                        + " s (" + step / dwellSeconds + " A/s) refused; the rate limit is "
                        + limits.maxRampRate() + " A/s");
            }
            previous = value;
        }
    }

    private void checkCurrent(double amps, String what) {
        if (!Double.isFinite(amps) || Math.abs(amps) > limits.maxCurrent() * (1 + LIMIT_SLACK)) {
            throw new SafetyLimitException(label() + ": " + what + " of " + amps + " A refused; the limit is "
                    + limits.maxCurrent() + " A");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(label() + " is closed");
        }
    }

    /** Refuses, before anything is sent, what a source that measures no voltage cannot do. */
    private void requireVoltageReadback(String what) {
        if (!driver.model().measuresVoltage()) {
            throw noVoltageReadback(label(), driver.model(), what);
        }
    }

    static MissingCapabilityException noVoltageReadback(String label, SourceModel model, String what) {
        return new MissingCapabilityException(label + ": cannot " + what + ": the " + model.displayName()
                + " measures no voltage (capability voltage-readback); use a SourceMeter for runs that read the"
                + " device voltage or play measured lists");
    }

    private void requireOutputOn(String what) {
        requireOpen();
        if (!outputOn) {
            throw new IllegalStateException(label() + ": output is off; call outputOn() before trying to " + what
                    + " (the output always starts at 0 A and ramps from there)");
        }
    }

    /**
     * Reads the output state and level from the instrument before a change of current, and ramps from there: if
     * the level is not what this process set last, something else moved it, and {@link #warnings} is told.
     *
     * @param outputMustBeOn throw if the output is found off (a run that believes current flows must not go on);
     *                       otherwise note it and return false
     * @return whether the output is on
     */
    private boolean readBack(boolean outputMustBeOn) {
        boolean on = driver.outputState();
        double real = driver.level();
        if (outputOn && !on) {
            outputOn = false;
            String what = label() + ": output found OFF, though this process had it ON at " + amps(level)
                    + " (another program, the front panel or a reset switched it off)";
            if (outputMustBeOn) {
                throw new InstrumentException(what + "; the run cannot go on with the current it believed flowing");
            }
            warnings.accept(what);
            level = real;
            return false;
        }
        // A reply carries the instrument's resolution and format, not our double: a small difference is not a move.
        double tolerance = Math.max(0.05 * limits.maxStep(), 1e-3 * Math.abs(level));
        if (Math.abs(real - level) > tolerance) {
            warnings.accept(name + ": found at " + amps(real) + ", not at the " + amps(level) + " this process set last"
                    + " (is another program driving it?); ramping from " + amps(real));
            level = real;
        }
        return on;
    }

    /** A level as a person reads it: {@code 1.087 mA}, {@code 0 A}. */
    static String amps(double a) {
        return a == 0 ? "0 A" : String.format(Locale.ROOT, "%.4g mA", a * 1e3);
    }

    /**
     * Ramps from the present level to {@code target}: steps of at most maxStep, no faster than {@code rate}.
     *
     * @param interruptible stop on thread interruption or shutdown (unless the ramp goes to 0 A, which is what a
     *                      shutdown does anyway) and check compliance at each step; false for the ramp that makes
     *                      things safe
     */
    private void ramp(double target, double rate, boolean interruptible) {
        double from = level;
        double delta = target - from;
        if (delta == 0) {
            return;
        }
        int steps = Math.max(1, (int) Math.ceil(Math.abs(delta) / limits.maxStep() - 1e-9));
        double stepSize = delta / steps;
        long interval = (long) Math.ceil(Math.abs(stepSize) / rate * 1e9);
        boolean stoppable = interruptible && target != 0.0;
        for (int k = 1; k <= steps; k++) {
            if (stoppable && (aborting || Thread.currentThread().isInterrupted())) {
                throw new InstrumentException(label() + ": ramp to " + target + " A stopped at " + level + " A ("
                        + (aborting ? "shutting down" : "thread interrupted") + ")");
            }
            double value = k == steps ? target : from + stepSize * k;
            sleepUntil(lastStepNanos + interval);
            driver.setLevel(value);
            level = value;
            lastStepNanos = System.nanoTime();
            if (interruptible && driver.complianceTripped()) {
                throw tripped("ramping to " + target + " A, at " + value + " A");
            }
        }
    }

    private ComplianceTripException tripped(String when) {
        return new ComplianceTripException(label() + ": voltage compliance reached " + when
                + "; the device is not getting the current asked for (open circuit, damaged device, or compliance too low)."
                + " Ramped to 0 A, output off");
    }

    /** Sleeps without being cut short by interrupts (a safety ramp must keep its pace). */
    private static void sleepUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                // parkNanos returns at once while the flag is set; spin politely until the deadline
                Thread.onSpinWait();
            }
        }
    }

    /** Runs an operation that talks to the instrument; on failure makes the source safe, then rethrows. */
    private <T> T guarded(Supplier<T> operation) {
        lock.lock();
        try {
            requireOpen();
            resyncAfterReconnect();
            return operation.get();
        } catch (RuntimeException | Error e) {
            try {
                makeSafe();
            } catch (RuntimeException safeFailure) {
                e.addSuppressed(safeFailure);
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * After the session reconnected (dropped link, power-cycled instrument), what we believe about the
     * instrument may be stale: read it again. A source that lost its output while we believed it on was
     * reset; that invalidates whatever the caller was measuring, so it is reported.
     */
    private void resyncAfterReconnect() {
        var session = driver.session();
        if (session.needsReconnect()) {
            session.reconnect();
        }
        if (session.connectionNumber() == connection) {
            return;
        }
        boolean believedOn = outputOn;
        readAndPrepare();
        if (believedOn && !outputOn) {
            throw new InstrumentException(label() + " was reset while its output was on (power cycle?): the output is"
                    + " now off; switch it on again to continue");
        }
    }

    /**
     * Ramps to 0 A and switches the output off, reconnecting first if the link was lost. Reads the real level
     * and output state from the instrument rather than trusting what we believe.
     */
    private void makeSafe() {
        boolean interrupted = Thread.interrupted();
        try {
            boolean on;
            try {
                on = driver.outputState();
                if (on) {
                    level = driver.level();
                }
            } catch (RuntimeException unreadable) {
                // Cannot tell; assume the worst and ramp from the last level we set.
                on = true;
            }
            if (on) {
                try {
                    ramp(0.0, limits.maxRampRate(), false);
                } finally {
                    // Even if a ramp step failed, switching off is better than leaving current flowing.
                    driver.setOutput(false);
                    outputOn = false;
                }
            } else {
                outputOn = false;
                if (level != 0.0) {
                    driver.setLevel(0.0);
                    level = 0.0;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** From now on ramps away from 0 A stop at the next step (a ramp to 0 A goes on: it is what shutdown does). */
    void beginShutdown() {
        aborting = true;
    }

    /** Called by the shutdown hook: stop any ramp in progress and make the source safe. */
    @Override
    public void emergencyStop() {
        beginShutdown();
        boolean locked = false;
        try {
            // Wait for a ramp in progress to notice the flag (it makes the source safe itself).
            locked = lock.tryLock(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (!closed) {
                makeSafe();
            }
        } catch (RuntimeException e) {
            System.err.println("spinloop: could not make " + label() + " safe at shutdown: " + e.getMessage());
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                makeSafe();
            } finally {
                closed = true;
                ShutdownSafety.unregister(this);
                driver.session().close();
                release();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return label() + " " + identity;
    }
}
