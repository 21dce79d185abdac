package io.spinloop.drivers.analyzer;

import io.spinloop.drivers.scpi.ScpiSession;

/**
 * Rohde &amp; Schwarz FSV. Its channel-power measurement is centred on the center frequency, so a band that
 * is not centred is measured by re-centring, sweeping, and restoring the center frequency.
 */
final class RohdeSchwarzFsvAnalyzer extends ScpiSpectrumAnalyzer {

    RohdeSchwarzFsvAnalyzer(ScpiSession session) {
        super(session);
    }

    @Override
    AnalyzerModel model() {
        return AnalyzerModel.RS_FSV;
    }

    @Override
    public double bandPower(double fromHz, double toHz) {
        if (!(toHz > fromHz)) {
            throw new IllegalArgumentException(name() + ": band power needs from < to, got " + fromHz + " and " + toHz);
        }
        return exclusive(() -> {
            double mid = 0.5 * (fromHz + toHz);
            double center = settings().centerHz();
            boolean recentre = Math.abs(mid - center) > 1e-9 * Math.max(1.0, Math.abs(center));
            session.writeChecked(":CALC:MARK:FUNC:POW:SEL CPOW");
            session.writeChecked(":POW:ACH:BWID:CHAN1 " + hz(toHz - fromHz));
            if (!recentre) {
                return requireNumber(session.queryDouble(":CALC:MARK:FUNC:POW:RES? CPOW"), fromHz, toHz);
            }
            RuntimeException failure = null;
            try {
                session.writeChecked(":FREQ:CENT " + hz(mid));
                invalidateSettings();
                singleSweep();
                return requireNumber(session.queryDouble(":CALC:MARK:FUNC:POW:RES? CPOW"), fromHz, toHz);
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                invalidateSettings();
                try {
                    session.writeChecked(":FREQ:CENT " + hz(center));
                } catch (RuntimeException restore) {
                    if (failure == null) {
                        throw restore;
                    }
                    failure.addSuppressed(restore);
                }
            }
        });
    }
}
