package io.spinloop.emulator.instruments;

/**
 * The event and enable registers of a SourceMeter's measurement status set (2400 Series manual, "Status Structure"):
 * an event bit is set when its condition occurs and stays latched, whatever the condition does afterwards, until the
 * register is read ({@code :STATus:MEASurement[:EVENt]?} reads and clears it) or {@code *CLS} clears it. The enable
 * register only decides which latched events reach the status byte's measurement summary bit. The condition register
 * is the instrument's present state and lives with the instrument.
 */
final class MeasurementEventRegister {
    /** Bit B14, Compliance: the source is (or was, for the event) in compliance. */
    static final int COMPLIANCE = 1 << 14;

    private int events;
    private int enable;

    /** Latches {@code bits}: a condition occurred. */
    void latch(int bits) {
        events |= bits & 0xFFFF;
    }

    /** The latched events, cleared by the reading ({@code :STAT:MEAS?}). */
    int readAndClear() {
        int value = events;
        events = 0;
        return value;
    }

    /** {@code *CLS}. */
    void clear() {
        events = 0;
    }

    int enable() {
        return enable;
    }

    void setEnable(int bits) {
        enable = bits & 0xFFFF;
    }

    /** Whether an enabled event is latched: the measurement summary bit of the status byte. */
    boolean summary() {
        return (events & enable) != 0;
    }
}
