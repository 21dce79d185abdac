package io.spinloop.drivers.analyzer;

import io.spinloop.drivers.scpi.ScpiSession;

/** Creates spectrum-analyzer drivers on identified sessions. */
public final class SpectrumAnalyzers {
    private SpectrumAnalyzers() {
    }

    /**
     * Wraps an identified session (see {@link ScpiSession#identify()}) in the driver for {@code model} and puts
     * the analyzer in single-sweep mode with binary traces. On failure the session is closed.
     */
    public static SpectrumAnalyzer open(ScpiSession session, AnalyzerModel model) {
        try {
            if (session.identity() == null) {
                session.identify();
            }
            ScpiSpectrumAnalyzer analyzer = switch (model) {
                case KEYSIGHT_X_SERIES -> new KeysightXSeriesAnalyzer(session);
                case RS_FSV -> new RohdeSchwarzFsvAnalyzer(session);
                case RS_FSW -> new RohdeSchwarzFswAnalyzer(session);
            };
            analyzer.configure();
            return analyzer;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
