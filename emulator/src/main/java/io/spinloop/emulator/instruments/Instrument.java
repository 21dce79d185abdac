package io.spinloop.emulator.instruments;

import io.spinloop.emulator.scpi.Call;
import io.spinloop.emulator.scpi.CommandTree;
import io.spinloop.emulator.scpi.ErrorQueue;
import io.spinloop.emulator.scpi.ErrorReporter;
import io.spinloop.emulator.scpi.MessageAbortedException;
import io.spinloop.emulator.scpi.MessageInterpreter;
import io.spinloop.emulator.scpi.Response;
import io.spinloop.emulator.scpi.ScpiError;
import io.spinloop.emulator.scpi.StatusRegisters;
import io.spinloop.emulator.scpi.Unit;
import io.spinloop.emulator.time.Timing;
import io.spinloop.emulator.time.VirtualClock;
import java.util.SplittableRandom;

/**
 * An emulated instrument: its command tree, error queue, IEEE 488.2 status registers and pending-operation
 * bookkeeping, with the common commands and the {@code SYSTem:ERRor} subsystem every model shares. Messages from
 * all connections execute one at a time under the instrument's monitor, like a real instrument's single parser.
 *
 * <p>Operations that take time (sweeps) have an end time on the bench clock. Anything that must see them done
 * ({@code *OPC?}, {@code *WAI}, a reading) waits for that time — a jump of the clock in virtual timing, a wait in
 * real time — and status queries ({@code *ESR?}, {@code *STB?}) complete whatever is due.
 */
public abstract class Instrument implements ErrorReporter {
    /** No operation pending. */
    protected static final double NONE = Double.NEGATIVE_INFINITY;
    /** An operation pending whose end is not known yet (a sweep waiting for its trigger). */
    protected static final double UNTIL_TRIGGERED = Double.POSITIVE_INFINITY;

    protected final String name;
    protected final VirtualClock clock;
    protected final SplittableRandom rng;
    protected final StatusRegisters status = new StatusRegisters();
    protected final ErrorQueue errors;
    protected final int serialNumber;
    private final CommandTree commands = new CommandTree();
    private boolean opcArmed;

    protected Instrument(String name, VirtualClock clock, long seed, int errorQueueCapacity, int serialNumber) {
        this.name = name;
        this.clock = clock;
        this.rng = new SplittableRandom(seed);
        this.errors = new ErrorQueue(errorQueueCapacity);
        this.serialNumber = serialNumber;
        registerCommon(commands);
    }

    public String name() {
        return name;
    }

    /** The {@code *IDN?} reply. */
    public abstract String identity();

    /** Restores the settings {@code *RST} defines (the output of a source turns off). */
    protected abstract void resetSettings();

    /** Whether {@code SYST:ERR?} writes a plus sign on non-negative codes ({@code +0,"No error"}, Keysight). */
    protected boolean signedErrorCodes() {
        return false;
    }

    /**
     * Whether the model keeps a SCPI error queue ({@code SYSTem:ERRor}). One that does not (a Lake Shore gaussmeter)
     * leaves {@code SYST:ERR?} unanswered, as any unknown query, and reports errors only in its event status bits.
     * Called while the common commands are registered, before the subclass is constructed: answer a constant.
     */
    protected boolean hasErrorQueue() {
        return true;
    }

    /** End time of the pending operations: {@link #NONE}, a bench time, or {@link #UNTIL_TRIGGERED}. */
    protected double operationEnd() {
        return NONE;
    }

    /** Finishes the pending operations, whose end time has been reached. */
    protected void completeOperations() {
    }

    /** Reaction to {@code *TRG}; the default says the instrument was not waiting for one. */
    protected void busTrigger() {
        throw ScpiError.TRIGGER_IGNORED.exception();
    }

    /** Clears the model's own event registers ({@code *CLS} clears every event register of the status structure). */
    protected void clearEventRegisters() {
    }

    /** Bits 0, 1, 3 and 7 of the status byte that the model contributes. */
    protected int deviceStatusBits() {
        return 0;
    }

    /** The commands of this instrument, for subclasses to register theirs. */
    protected final CommandTree commands() {
        return commands;
    }

    /** A fresh interpreter for one client connection. */
    public MessageInterpreter interpreter(Object connection) {
        return new MessageInterpreter(commands, this, connection);
    }

    /** Executes one program message from a connection, atomically with respect to other connections. */
    public synchronized void execute(MessageInterpreter interpreter, byte[] buf, int off, int len, Response out) {
        interpreter.execute(buf, off, len, out);
    }

    /**
     * The status byte a GPIB serial poll reads (the Prologix gateway's {@code ++spoll}), as {@code *STB?} computes
     * it; {@code messageAvailable}: a reply waits in the bus controller's output queue for this instrument.
     */
    public synchronized int serialPoll(boolean messageAvailable) {
        settle();
        return status.statusByte(!errors.isEmpty(), messageAvailable, deviceStatusBits());
    }

    @Override
    public synchronized void report(int code, String text) {
        if (hasErrorQueue()) {
            errors.push(code, text);
        }
        status.setEvent(StatusRegisters.eventBitFor(code));
    }

    /** Power-on state: settings reset, error queue and status cleared, PON set. */
    public synchronized void powerOn() {
        abortOperations();
        resetSettings();
        errors.clear();
        status.clearEsr();
        status.setEse(0);
        status.setSre(0);
        status.setEvent(StatusRegisters.PON);
        opcArmed = false;
        poweredOn();
    }

    /** Called at the end of a power cycle, after the settings were reset. */
    protected void poweredOn() {
    }

    /** Stops whatever is pending (the {@code :ABORt} of a model); the default has nothing to stop. */
    protected void abortOperations() {
    }

    /**
     * Waits until the pending operations are done, releasing the monitor while waiting so that other connections
     * (and trigger links) can reach this instrument.
     */
    protected final void awaitOperations() {
        while (true) {
            double end = operationEnd();
            if (end == NONE) {
                return;
            }
            try {
                if (end == UNTIL_TRIGGERED) {
                    wait(50);
                    continue;
                }
                if (clock.timing() == Timing.VIRTUAL) {
                    clock.awaitTime(end);
                } else {
                    double left = end - clock.now();
                    if (left > 0) {
                        long ms = (long) Math.ceil(left * 1e3);
                        wait(Math.max(1, ms));
                        continue;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessageAbortedException("connection closed while waiting for pending operations");
            }
            completeOperations();
        }
    }

    /** Completes operations that are due (all of them in virtual timing, those past their end in real time). */
    protected final void settle() {
        double end = operationEnd();
        if (end != NONE && end != UNTIL_TRIGGERED) {
            if (clock.timing() == Timing.VIRTUAL) {
                try {
                    clock.awaitTime(end);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                completeOperations();
            } else if (clock.now() >= end) {
                completeOperations();
            }
        }
        if (opcArmed && operationEnd() == NONE) {
            opcArmed = false;
            status.setEvent(StatusRegisters.OPC);
        }
    }

    /** Wakes connections waiting in {@link #awaitOperations()}; call after an operation's end became known. */
    protected final void operationsChanged() {
        notifyAll();
    }

    /** Queues an error as if the instrument had raised it (fault injection). */
    public synchronized void pushError(int code, String text) {
        report(code, text);
    }

    private void registerCommon(CommandTree t) {
        t.add("*IDN?", c -> c.reply().ascii(identity()));
        t.add("*RST", c -> {
            abortOperations();
            resetSettings();
        });
        t.add("*CLS", c -> {
            errors.clear();
            status.clearEsr();
            clearEventRegisters();
            opcArmed = false; // IEEE 488.2 §10.3: *CLS puts the device in Operation Complete Command Idle State
        });
        t.add("*OPC", c -> {
            opcArmed = true;
            settle();
        });
        t.add("*OPC?", c -> {
            awaitOperations();
            c.reply().put((byte) '1');
        });
        t.add("*WAI", c -> awaitOperations());
        t.add("*ESR?", c -> {
            settle();
            c.reply().nr1(status.readAndClearEsr());
        });
        t.add("*ESE", 1, 1, c -> status.setEse(byteArgument(c)));
        t.add("*ESE?", c -> c.reply().nr1(status.ese()));
        t.add("*SRE", 1, 1, c -> status.setSre(byteArgument(c)));
        t.add("*SRE?", c -> c.reply().nr1(status.sre()));
        t.add("*STB?", c -> {
            settle();
            c.reply().nr1(status.statusByte(!errors.isEmpty(), c.outputQueued(), deviceStatusBits()));
        });
        t.add("*TRG", c -> busTrigger());
        t.add("*TST?", c -> c.reply().put((byte) '0'));
        t.add("*OPT?", c -> c.reply().ascii(options()));
        if (!hasErrorQueue()) {
            return;
        }
        t.add(":SYSTem:ERRor[:NEXT]?", c -> {
            ErrorQueue.Entry e = errors.poll();
            Response r = c.reply();
            if (e == null) {
                r.nr1(0, signedErrorCodes()).ascii(",\"No error\"");
            } else {
                r.nr1(e.code(), signedErrorCodes()).put((byte) ',').quoted(e.text());
            }
        });
        t.add(":SYSTem:ERRor:COUNt?", c -> c.reply().nr1(errors.size(), signedErrorCodes()));
        t.add(":SYSTem:ERRor:ALL?", c -> {
            Response r = c.reply();
            if (errors.isEmpty()) {
                r.nr1(0, signedErrorCodes()).ascii(",\"No error\"");
            }
            boolean first = true;
            for (ErrorQueue.Entry e = errors.poll(); e != null; e = errors.poll()) {
                if (!first) {
                    r.put((byte) ',');
                }
                first = false;
                r.nr1(e.code(), signedErrorCodes()).put((byte) ',').quoted(e.text());
            }
        });
        t.add(":SYSTem:VERSion?", c -> c.reply().ascii("1999.0"));
    }

    /** The {@code *OPT?} reply. */
    protected String options() {
        return "0";
    }

    private static int byteArgument(Call c) {
        double v = c.args().number(0, Unit.NONE, 0, 255, 0);
        if (v < -0.5 || v >= 255.5) {
            throw ScpiError.DATA_OUT_OF_RANGE.exception();
        }
        return (int) Math.round(v);
    }

    /** Raises −222 unless {@code min ≤ v ≤ max}. */
    protected static double inRange(double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw ScpiError.DATA_OUT_OF_RANGE.exception();
        }
        return v;
    }
}
