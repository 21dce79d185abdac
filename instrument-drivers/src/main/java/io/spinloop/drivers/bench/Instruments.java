package io.spinloop.drivers.bench;

import io.spinloop.drivers.Identity;
import io.spinloop.drivers.Instrument;
import io.spinloop.drivers.InstrumentMismatchException;
import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.SpectrumAnalyzers;
import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.drivers.scpi.TrafficLog;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.CurrentSources;
import io.spinloop.drivers.source.SafetyLimits;
import java.util.function.Consumer;

/**
 * Opens instruments as a lab config describes them: a name, a resource string, a model (or {@code auto})
 * and timeouts. Connects, asks {@code *IDN?}, refuses an instrument that is not the configured model,
 * and returns the driver behind its interface ({@link CurrentSource} always with its safety rules).
 * Every instrument is {@linkplain InstrumentClaim claimed} for this process before anything is sent to it, until
 * it is closed: an instrument another run holds is refused with {@link InstrumentInUseException}, naming the
 * holder. A current source's warnings (an output found on, a level another program moved) go to stderr unless
 * a warnings channel is given.
 *
 * <pre>{@code
 * try (CurrentSource smu = Instruments.openCurrentSource("smu1", "tcp://127.0.0.1:5025", "auto",
 *         Timeouts.DEFAULT, SafetyLimits.STNO_DEFAULT)) {
 *     smu.outputOn();
 *     smu.setCurrent(2e-3);
 * }
 * }</pre>
 */
public final class Instruments {
    private Instruments() {
    }

    /**
     * Opens whatever instrument the config names.
     *
     * @param model  a model name ({@link Model#parse}) or {@code auto}
     * @param limits the safety limits if this turns out to be a current source
     * @param log    traffic log to switch on from the first message, or null
     */
    public static Instrument open(String name, String resource, String model, Timeouts timeouts,
                                  SafetyLimits limits, TrafficLog log) {
        return open(name, resource, model, timeouts, limits, log, CurrentSources.WARNINGS_ON_STDERR);
    }

    /** As above, with a current source's warnings going to {@code warnings}. */
    public static Instrument open(String name, String resource, String model, Timeouts timeouts,
                                  SafetyLimits limits, TrafficLog log, Consumer<String> warnings) {
        Model configured = Model.parse(model);
        ScpiSession session = claimAndConnect(name, resource, timeouts, log);
        Model actual;
        try {
            actual = identify(session, configured);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        if (actual.isCurrentSource()) {
            return CurrentSources.open(session, actual.sourceModel(), limits, warnings);
        }
        return SpectrumAnalyzers.open(session, actual.analyzerModel());
    }

    /** Opens a current source; refuses an instrument that is not one. */
    public static CurrentSource openCurrentSource(String name, String resource, String model, Timeouts timeouts,
                                                  SafetyLimits limits) {
        return openCurrentSource(name, resource, model, timeouts, limits, null);
    }

    public static CurrentSource openCurrentSource(String name, String resource, String model, Timeouts timeouts,
                                                  SafetyLimits limits, TrafficLog log) {
        return openCurrentSource(name, resource, model, timeouts, limits, log, CurrentSources.WARNINGS_ON_STDERR);
    }

    /**
     * Opens a current source whose warnings (an output found on, a level moved by another program) go to
     * {@code warnings}, one line each.
     */
    public static CurrentSource openCurrentSource(String name, String resource, String model, Timeouts timeouts,
                                                  SafetyLimits limits, TrafficLog log, Consumer<String> warnings) {
        Model configured = Model.parse(model);
        if (configured != Model.AUTO && !configured.isCurrentSource()) {
            throw new IllegalArgumentException(name + ": model " + configured.displayName() + " is not a current source");
        }
        Instrument i = open(name, resource, model, timeouts, limits, log, warnings);
        if (i instanceof CurrentSource s) {
            return s;
        }
        String id = i.identity().raw();
        i.close();
        throw new InstrumentMismatchException(name + " (" + resource + "): expected a current source, but '" + id
                + "' is a spectrum analyzer");
    }

    /**
     * Opens channel {@code channel} (from 1) of a current source with several (a Keysight B2902A): each channel is
     * claimed on its own ({@link InstrumentClaim#acquire(String, String, int)}), so two devices on two channels are
     * two current sources with their own limits; within this process the channels of one unit share one session
     * ({@link UnitSessions}: one connection, one exchange at a time, so each channel's error checks read only its
     * own errors from the unit's one queue). Channel 1 of a one-channel source is the source itself.
     */
    public static CurrentSource openCurrentSource(String name, String resource, String model, int channel,
                                                  Timeouts timeouts, SafetyLimits limits, TrafficLog log,
                                                  Consumer<String> warnings) {
        Model configured = Model.parse(model);
        if (configured != Model.AUTO && !configured.isCurrentSource()) {
            throw new IllegalArgumentException(name + ": model " + configured.displayName() + " is not a current source");
        }
        InstrumentClaim claim = InstrumentClaim.acquire(name, resource, channel);
        ScpiSession session;
        Model actual;
        try {
            ScpiSession shared = UnitSessions.share(resource);
            session = shared != null ? shared : ScpiSession.open(name, resource, timeouts);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
        try {
            if (log != null || session.identity() == null) {
                session.setTrafficLog(log);
            }
            actual = identify(session, configured);
            if (!actual.isCurrentSource()) {
                throw new InstrumentMismatchException(session.label() + ": expected a current source, but '"
                        + session.identity().raw() + "' is a spectrum analyzer");
            }
            if (actual.sourceModel().channels() > 1) {
                UnitSessions.remember(resource, session);
            }
        } catch (RuntimeException e) {
            session.close();
            claim.close();
            throw e;
        }
        return CurrentSources.open(session, actual.sourceModel(), channel, name, limits, warnings, claim);
    }

    /** Opens a spectrum analyzer; refuses an instrument that is not one. */
    public static SpectrumAnalyzer openSpectrumAnalyzer(String name, String resource, String model, Timeouts timeouts) {
        return openSpectrumAnalyzer(name, resource, model, timeouts, null);
    }

    public static SpectrumAnalyzer openSpectrumAnalyzer(String name, String resource, String model, Timeouts timeouts,
                                                        TrafficLog log) {
        Model configured = Model.parse(model);
        if (configured != Model.AUTO && !configured.isSpectrumAnalyzer()) {
            throw new IllegalArgumentException(name + ": model " + configured.displayName() + " is not a spectrum analyzer");
        }
        ScpiSession session = claimAndConnect(name, resource, timeouts, log);
        Model actual;
        try {
            actual = identify(session, configured);
            if (!actual.isSpectrumAnalyzer()) {
                throw new InstrumentMismatchException(session.label() + ": expected a spectrum analyzer, but '"
                        + session.identity().raw() + "' is a current source");
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return SpectrumAnalyzers.open(session, actual.analyzerModel());
    }

    /**
     * Claims the instrument for this process ({@link InstrumentClaim}), then connects. The claim comes first, so
     * an instrument in use elsewhere is refused before a single byte reaches it; it is released when the session
     * closes, which every instrument's {@code close()} does, and by the OS if the process dies.
     */
    private static ScpiSession claimAndConnect(String name, String resource, Timeouts timeouts, TrafficLog log) {
        InstrumentClaim claim = InstrumentClaim.acquire(name, resource);
        ScpiSession session;
        try {
            session = ScpiSession.open(name, resource, timeouts);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
        session.releaseOnClose(claim);
        // Transports with a lock of their own (VXI-11 device_lock, HiSLIP AsyncLock; none yet) take it here,
        // before anything is sent: it also keeps out programs on other PCs, which the claim cannot see.
        session.setTrafficLog(log);
        return session;
    }

    /** Asks {@code *IDN?} and checks it against the configured model; returns the model to drive. */
    static Model identify(ScpiSession session, Model configured) {
        Identity id = session.identify();
        Model seen = Model.of(id).orElse(null);
        if (configured == Model.AUTO) {
            if (seen == null) {
                throw new InstrumentMismatchException(session.label() + " identifies as '" + id.raw()
                        + "', which spinloop has no driver for (known: Keithley 2400/2450/6221, Keysight B2901A/B2902A,"
                        + " Keysight N9010/N9020/N9030, R&S FSV/FSW); name the model in the lab config only if it is SCPI-compatible with one of them");
            }
            session.drainErrors(); // start with an empty error queue, so later errors are blamed on the right command
            return seen;
        }
        if (seen != configured) {
            throw new InstrumentMismatchException(session.label() + " is configured as " + configured.displayName()
                    + " but identifies as '" + id.raw() + "'; fix the model in the lab config (or use model: auto)");
        }
        // Only now, known to be a SCPI model: a Lake Shore gaussmeter named here by mistake would leave SYST:ERR?
        // unanswered, and the refusal above says what it is at once instead of after a timeout.
        session.drainErrors(); // start with an empty error queue, so later errors are blamed on the right command
        return configured;
    }
}
