package io.spinloop.drivers.field;

import io.spinloop.drivers.Identity;
import io.spinloop.drivers.scpi.ErrorReporting;
import io.spinloop.drivers.scpi.ReplyFormatException;
import io.spinloop.drivers.scpi.ScpiSession;

/**
 * A Lake Shore 475 DSP or 425 gaussmeter: IEEE 488.2 common commands and Lake Shore's own queries (not SCPI: no
 * error queue, so a setting is checked through the command and execution error bits of {@code *ESR?}). Opened in
 * tesla ({@code UNIT 2}) with autorange ({@code AUTO 1}); {@code RDGFIELD?} then reads tesla.
 */
final class LakeShoreGaussmeter implements Gaussmeter {
    private static final int ESR_ERRORS = 0x3C; // query, device, execution and command errors
    private static final int UNIT_TESLA = 2;

    private final ScpiSession session;

    LakeShoreGaussmeter(ScpiSession session) {
        this.session = session;
        // No SYST:ERR? on a Lake Shore (it would go unanswered): reconnects and checks read *ESR? instead.
        session.setErrorReporting(ErrorReporting.EVENT_STATUS_REGISTER);
        session.write("*CLS");
        checked("UNIT " + UNIT_TESLA);
        checked("AUTO 1");
        int unit = session.queryInt("UNIT?");
        if (unit != UNIT_TESLA) {
            throw new ReplyFormatException(session.label() + ": asked for tesla (UNIT 2), the meter says unit " + unit);
        }
    }

    private void checked(String command) {
        session.exclusive(() -> {
            session.write(command);
            int esr = session.queryInt("*ESR?");
            if ((esr & ESR_ERRORS) != 0) {
                throw new FieldOverloadException(session.label() + ": '" + command + "' refused (*ESR? = " + esr + ")");
            }
        });
    }

    @Override
    public String name() {
        return session.name();
    }

    @Override
    public Identity identity() {
        return session.identity();
    }

    @Override
    public double readField() {
        String reply = session.query("RDGFIELD?").trim();
        if (reply.equalsIgnoreCase("OL")) {
            throw new FieldOverloadException(session.label() + ": the field is beyond the probe's range (RDGFIELD? = OL)");
        }
        try {
            return Double.parseDouble(reply);
        } catch (NumberFormatException e) {
            throw new ReplyFormatException(session.label() + ": 'RDGFIELD?' returned '" + reply
                    + "', expected a number in tesla");
        }
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return session.label() + " " + session.identity();
    }
}
