package io.spinloop.drivers.source;

import io.spinloop.drivers.scpi.ScpiSession;

/**
 * Creates current sources. The only way to obtain a {@link CurrentSource}, and it always comes wrapped in
 * the safety rules.
 */
public final class CurrentSources {
    private CurrentSources() {
    }

    /**
     * Takes over the source on an identified session (see {@link ScpiSession#identify()}).
     * On failure the session is closed.
     */
    public static CurrentSource open(ScpiSession session, SourceModel model, SafetyLimits limits) {
        if (session.identity() == null) {
            session.identify();
        }
        SourceMeterDriver driver;
        try {
            driver = switch (model) {
                case KEITHLEY_2400 -> new Keithley2400Driver(session);
                case KEITHLEY_2450 -> new Keithley2450Driver(session);
            };
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return SafeCurrentSource.attach(driver, limits);
    }
}
