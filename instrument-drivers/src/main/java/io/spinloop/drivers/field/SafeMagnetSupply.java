package io.spinloop.drivers.field;

import io.spinloop.drivers.Identity;
import io.spinloop.drivers.InstrumentException;
import io.spinloop.drivers.source.SafetyLimitException;
import io.spinloop.drivers.source.ShutdownSafety;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The only {@link MagnetSupply} callers can get: a Kepco BOP behind the {@link MagnetLimits}. Requests are checked
 * before anything is sent; every operation that talks to the supply runs in {@link #guarded}, which on any failure
 * ramps to 0 A at the rate limit and switches the output off before rethrowing. Every ramp starts from the level
 * read back from the supply and checks the protection flag after each step. Registered with the same shutdown hook
 * as the current sources ({@link ShutdownSafety}).
 */
final class SafeMagnetSupply implements MagnetSupply, ShutdownSafety.Stoppable {
    private static final double LIMIT_SLACK = 1e-9;

    private final KepcoBopDriver driver;
    private final MagnetLimits limits;
    private final String name;
    private final Identity identity;
    private final ReentrantLock lock = new ReentrantLock();
    private double level;
    private boolean outputOn;
    private long lastStepNanos;
    private boolean closed;
    private volatile boolean aborting;

    private SafeMagnetSupply(KepcoBopDriver driver, MagnetLimits limits) {
        this.driver = driver;
        this.limits = limits;
        this.name = driver.session().name();
        this.identity = driver.session().identity();
    }

    /**
     * Takes over a supply: one found with its output on is ramped to 0 A and switched off (a magnet left energised
     * by a killed run), then it is configured for current mode with its own limits set to ours, and registered
     * for the shutdown hook. On failure the session is closed.
     */
    static SafeMagnetSupply attach(KepcoBopDriver driver, MagnetLimits limits) {
        SafeMagnetSupply s = new SafeMagnetSupply(driver, limits);
        try {
            s.lock.lock();
            try {
                s.makeSafe();
                driver.configure(limits.maxVoltage(), limits.maxCurrent());
                s.level = 0;
                s.lastStepNanos = System.nanoTime();
            } finally {
                s.lock.unlock();
            }
        } catch (RuntimeException e) {
            driver.session().close();
            throw e;
        }
        ShutdownSafety.register(s);
        return s;
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
    public MagnetLimits limits() {
        return limits;
    }

    private String label() {
        return driver.session().label();
    }

    @Override
    public void outputOn() {
        guarded(() -> {
            if (outputOn && driver.outputState()) {
                return null;
            }
            if (driver.outputState()) {
                level = driver.level();
                outputOn = true;
                ramp(0.0); // found on behind our back: come down before going on
                return null;
            }
            if (!driver.sourcesCurrent()) {
                driver.configure(limits.maxVoltage(), limits.maxCurrent());
            }
            driver.setLevel(0.0);
            level = 0.0;
            driver.setOutput(true);
            outputOn = true;
            lastStepNanos = System.nanoTime();
            return null;
        });
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
        if (!Double.isFinite(amps) || Math.abs(amps) > limits.maxCurrent() * (1 + LIMIT_SLACK)) {
            throw new SafetyLimitException(label() + ": magnet current of " + amps + " A refused; the limit is "
                    + limits.maxCurrent() + " A");
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(label() + " is closed");
            }
            if (!outputOn) {
                throw new IllegalStateException(label() + ": switch the output on before setting a magnet current");
            }
            guarded(() -> {
                level = driver.level(); // from where the supply really is
                ramp(amps);
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
            return level;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public double measuredCurrent() {
        return guarded(() -> {
            double i = driver.measuredCurrent();
            if (driver.tripped()) {
                throw tripped("while measuring");
            }
            return i;
        });
    }

    @Override
    public void rampToZero() {
        lock.lock();
        try {
            if (!closed) {
                makeSafe();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Steps from {@code level} to {@code target}: at most maxStep per step, maxStep/maxRampRate apart. */
    private void ramp(double target) {
        double from = level;
        int steps = (int) Math.ceil(Math.abs(target - from) / limits.maxStep() - 1e-9);
        if (steps <= 0) {
            return;
        }
        double stepSize = (target - from) / steps;
        long interval = (long) Math.ceil(Math.abs(stepSize) / limits.maxRampRate() * 1e9);
        boolean stoppable = target != 0.0;
        for (int k = 1; k <= steps; k++) {
            if (stoppable && aborting) {
                throw new InstrumentException(label() + ": magnet ramp to " + target + " A stopped at " + level
                        + " A (shutting down)");
            }
            double value = k == steps ? target : from + stepSize * k;
            sleepUntil(lastStepNanos + interval);
            driver.setLevel(value);
            level = value;
            lastStepNanos = System.nanoTime();
            if (stoppable && driver.tripped()) {
                throw tripped("ramping to " + target + " A, at " + value + " A");
            }
        }
    }

    private MagnetTripException tripped(String when) {
        return new MagnetTripException(label() + ": the supply's protection tripped " + when
                + " (over-temperature, voltage limit or an open coil); ramped to 0 A, output off");
    }

    private static void sleepUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        }
    }

    private <T> T guarded(Supplier<T> operation) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(label() + " is closed");
            }
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
     * Ramps to 0 A at the rate limit and switches the output off, reading where the supply really is first
     * (the session reconnects after a dropped link). If it cannot be read, ramps from the last level set.
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
                on = true;
            }
            if (on) {
                try {
                    ramp(0.0);
                } finally {
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

    @Override
    public void emergencyStop() {
        aborting = true;
        boolean locked = false;
        try {
            locked = lock.tryLock(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (!closed) {
                makeSafe();
            }
        } catch (RuntimeException e) {
            System.err.println("spinloop: could not ramp magnet " + label() + " to 0 A at shutdown: " + e.getMessage());
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
