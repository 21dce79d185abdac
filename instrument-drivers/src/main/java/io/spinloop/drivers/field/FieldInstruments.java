package io.spinloop.drivers.field;

import io.spinloop.drivers.InstrumentMismatchException;
import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.bench.InstrumentClaim;
import io.spinloop.drivers.scpi.ScpiSession;

/**
 * Opens the field instruments a lab config names: claims the instrument for this process, connects, asks
 * {@code *IDN?} and refuses one that is not the configured model (or, with {@code auto}, one spinloop has no
 * field driver for). A magnet supply always comes behind its {@link MagnetLimits}.
 */
public final class FieldInstruments {
    private FieldInstruments() {
    }

    /** Opens a magnet supply; refuses an instrument that is not one. */
    public static MagnetSupply openMagnetSupply(String name, String resource, String model, Timeouts timeouts,
                                                MagnetLimits limits) {
        ScpiSession session = claimAndConnect(name, resource, timeouts);
        try {
            FieldModel actual = identify(session, FieldModel.parse(model));
            if (!actual.isMagnetSupply()) {
                throw new InstrumentMismatchException(session.label() + ": expected a magnet supply, but '"
                        + session.identity().raw() + "' is a gaussmeter");
            }
            session.drainErrors(); // SCPI: start with an empty queue so later errors blame the right command
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return SafeMagnetSupply.attach(new KepcoBopDriver(session), limits);
    }

    /** Opens a gaussmeter (in tesla, autoranging); refuses an instrument that is not one. */
    public static Gaussmeter openGaussmeter(String name, String resource, String model, Timeouts timeouts) {
        ScpiSession session = claimAndConnect(name, resource, timeouts);
        try {
            FieldModel actual = identify(session, FieldModel.parse(model));
            if (actual.isMagnetSupply()) {
                throw new InstrumentMismatchException(session.label() + ": expected a gaussmeter, but '"
                        + session.identity().raw() + "' is a magnet supply");
            }
            return new LakeShoreGaussmeter(session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static ScpiSession claimAndConnect(String name, String resource, Timeouts timeouts) {
        InstrumentClaim claim = InstrumentClaim.acquire(name, resource);
        ScpiSession session;
        try {
            session = ScpiSession.open(name, resource, timeouts);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
        session.releaseOnClose(claim);
        return session;
    }

    private static FieldModel identify(ScpiSession session, FieldModel configured) {
        var id = session.identify();
        FieldModel seen = FieldModel.of(id).orElse(null);
        if (configured == null) {
            if (seen == null) {
                throw new InstrumentMismatchException(session.label() + " identifies as '" + id.raw()
                        + "', which spinloop has no field driver for (known: Kepco BOP, Lake Shore 475/425)");
            }
            return seen;
        }
        if (seen != configured) {
            throw new InstrumentMismatchException(session.label() + " is configured as " + configured.displayName()
                    + " but identifies as '" + id.raw() + "'; fix the model in the lab config (or use model: auto)");
        }
        return configured;
    }
}
