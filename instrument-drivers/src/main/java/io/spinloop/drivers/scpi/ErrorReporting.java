package io.spinloop.drivers.scpi;

import java.util.ArrayList;
import java.util.List;

/**
 * How an instrument tells that a command failed. SCPI instruments keep an error queue read by {@code SYST:ERR?};
 * instruments that speak only IEEE 488.2 common commands plus their own queries (a Lake Shore 475 or 425
 * gaussmeter) have no queue and ignore {@code SYST:ERR?} (no reply, only their command error bit), so their errors
 * are read from the Standard Event Status Register with {@code *ESR?}, which clears it.
 */
public enum ErrorReporting {
    /** {@code SYST:ERR?} until {@code 0,"No error"}. */
    SCPI_ERROR_QUEUE,
    /** One {@code *ESR?}: its query, device, execution and command error bits. */
    EVENT_STATUS_REGISTER;

    /** The error bits of the Standard Event Status Register, each with the SCPI error class it stands for. */
    private static final int[] BITS = {5, 4, 3, 2};
    private static final int[] CODES = {-100, -200, -300, -400};
    private static final String[] NAMES = {"Command error", "Execution error", "Device-specific error",
        "Query error"};

    /**
     * The errors a {@code *ESR?} reply reports, as entries of the SCPI class each bit stands for, oldest first as
     * far as one can tell (the register does not keep order); empty when no error bit is set.
     */
    public static List<ErrorEntry> fromEventStatus(int esr) {
        List<ErrorEntry> errors = new ArrayList<>(0);
        for (int i = 0; i < BITS.length; i++) {
            if ((esr & (1 << BITS[i])) != 0) {
                errors.add(new ErrorEntry(CODES[i], NAMES[i] + " (*ESR? bit " + BITS[i] + ")"));
            }
        }
        return errors;
    }
}
