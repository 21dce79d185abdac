package io.spinloop.drivers.source;

import io.spinloop.drivers.scpi.ScpiSession;
import java.util.function.Consumer;

/**
 * Creates current sources. The only way to obtain a {@link CurrentSource}, and it always comes wrapped in
 * the safety rules.
 */
public final class CurrentSources {
    /**
     * The default warnings channel: one line on the standard error stream as it is when the warning is given,
     * {@code spinloop: smu-a: found output ON at 1.087 mA; ramping to 0 A before starting}.
     */
    public static final Consumer<String> WARNINGS_ON_STDERR = message -> System.err.println("spinloop: " + message);

    private CurrentSources() {
    }

    /**
     * Takes over the source on an identified session (see {@link ScpiSession#identify()}), warning on stderr.
     * On failure the session is closed.
     */
    public static CurrentSource open(ScpiSession session, SourceModel model, SafetyLimits limits) {
        return open(session, model, limits, WARNINGS_ON_STDERR);
    }

    /**
     * Takes over the source on an identified session (see {@link ScpiSession#identify()}). On failure the session
     * is closed.
     *
     * @param warnings told what the source found that this process did not leave there (an output found on, a
     *                 level moved by another program), one line each
     */
    public static CurrentSource open(ScpiSession session, SourceModel model, SafetyLimits limits,
                                     Consumer<String> warnings) {
        return open(session, model, 1, limits, warnings);
    }

    /**
     * Takes over channel {@code channel} (from 1) of the source on an identified session. On failure the session is
     * closed.
     *
     * @throws IllegalArgumentException if the model has no such channel (the session is closed)
     */
    public static CurrentSource open(ScpiSession session, SourceModel model, int channel, SafetyLimits limits,
                                     Consumer<String> warnings) {
        return open(session, model, channel, session.name(), limits, warnings, null);
    }

    /**
     * Takes over channel {@code channel} of the source on an identified session, as the source named {@code name}
     * (a unit's session shared by its two channels was opened under one of their names), releasing
     * {@code releasedOnClose} (the channel's claim; may be null) when the source closes. On failure this holder's
     * share of the session is closed and {@code releasedOnClose} released.
     */
    public static CurrentSource open(ScpiSession session, SourceModel model, int channel, String name,
                                     SafetyLimits limits, Consumer<String> warnings,
                                     java.io.Closeable releasedOnClose) {
        SourceMeterDriver driver;
        try {
            if (channel < 1 || channel > model.channels()) {
                throw new IllegalArgumentException(name + " (" + session.resource() + "): the " + model.displayName()
                        + " has " + (model.channels() == 1 ? "one channel (1)" : "channels 1 to " + model.channels())
                        + ", not channel " + channel);
            }
            if (session.identity() == null) {
                session.identify();
            }
            driver = switch (model) {
                case KEITHLEY_2400 -> new Keithley2400Driver(session);
                case KEITHLEY_2450 -> new Keithley2450Driver(session);
                case KEITHLEY_6221 -> new Keithley6221Driver(session);
                case KEYSIGHT_B2901A, KEYSIGHT_B2902A -> new KeysightB2900Driver(session, model, channel, name);
            };
        } catch (RuntimeException e) {
            session.close();
            if (releasedOnClose != null) {
                try {
                    releasedOnClose.close();
                } catch (java.io.IOException | RuntimeException ignored) {
                    // the OS drops a claim with the process
                }
            }
            throw e;
        }
        return SafeCurrentSource.attach(driver, limits, warnings, releasedOnClose);
    }
}
