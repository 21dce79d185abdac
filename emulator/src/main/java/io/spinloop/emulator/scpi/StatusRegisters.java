package io.spinloop.emulator.scpi;

/**
 * The IEEE 488.2 status structure: the standard event status register (ESR) with its enable register (ESE),
 * and the service request enable register (SRE). The status byte is computed on demand from these, the error
 * queue and the output queue, as IEEE 488.2 §11.2 defines it.
 */
public final class StatusRegisters {
    /** ESR bit 0: operation complete. */
    public static final int OPC = 0x01;
    /** ESR bit 1: request control (never set by these instruments). */
    public static final int RQC = 0x02;
    /** ESR bit 2: query error (−400…−499). */
    public static final int QYE = 0x04;
    /** ESR bit 3: device-dependent error (−300…−399 and positive codes). */
    public static final int DDE = 0x08;
    /** ESR bit 4: execution error (−200…−299). */
    public static final int EXE = 0x10;
    /** ESR bit 5: command error (−100…−199). */
    public static final int CME = 0x20;
    /** ESR bit 6: user request. */
    public static final int URQ = 0x40;
    /** ESR bit 7: power on. */
    public static final int PON = 0x80;

    /** STB bit 2: error/event queue not empty (SCPI-99). */
    public static final int STB_EAV = 0x04;
    /** STB bit 4: message available. */
    public static final int STB_MAV = 0x10;
    /** STB bit 5: event status summary. */
    public static final int STB_ESB = 0x20;
    /** STB bit 6: master summary status. */
    public static final int STB_MSS = 0x40;

    private int esr = PON;
    private int ese;
    private int sre;

    /** The ESR bit that an error of this code sets (IEEE 488.2 §11.5.1 and SCPI-99 Vol. 2, 21.8). */
    public static int eventBitFor(int code) {
        if (code <= -100 && code > -200) {
            return CME;
        }
        if (code <= -200 && code > -300) {
            return EXE;
        }
        if (code <= -400 && code > -500) {
            return QYE;
        }
        if (code == 0) {
            return 0;
        }
        return DDE; // −300…−399, and positive device-specific codes
    }

    public void setEvent(int bits) {
        esr |= bits & 0xFF;
    }

    /** Reads and clears the ESR (the {@code *ESR?} semantics). */
    public int readAndClearEsr() {
        int value = esr;
        esr = 0;
        return value;
    }

    public int esr() {
        return esr;
    }

    public void clearEsr() {
        esr = 0;
    }

    public int ese() {
        return ese;
    }

    public void setEse(int value) {
        ese = value & 0xFF;
    }

    public int sre() {
        return sre;
    }

    /** Bit 6 of the SRE is ignored, as IEEE 488.2 §11.3.2.3 requires. */
    public void setSre(int value) {
        sre = value & 0xBF;
    }

    /**
     * The status byte with MSS in bit 6 ({@code *STB?} semantics: MSS, not RQS, and nothing is cleared).
     *
     * @param errorQueueNotEmpty whether the error queue holds an entry (bit 2)
     * @param messageAvailable whether the output queue holds a response (bit 4)
     * @param otherBits device summary bits (0, 1, 3, 7) the instrument contributes
     */
    public int statusByte(boolean errorQueueNotEmpty, boolean messageAvailable, int otherBits) {
        int stb = otherBits & 0x8B;
        if (errorQueueNotEmpty) {
            stb |= STB_EAV;
        }
        if (messageAvailable) {
            stb |= STB_MAV;
        }
        if ((esr & ese) != 0) {
            stb |= STB_ESB;
        }
        if ((stb & sre) != 0) {
            stb |= STB_MSS;
        }
        return stb;
    }
}
