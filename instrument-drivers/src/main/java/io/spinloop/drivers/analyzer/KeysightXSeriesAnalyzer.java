package io.spinloop.drivers.analyzer;

import io.spinloop.drivers.scpi.ScpiSession;

/**
 * Keysight X-series (N9010/N9020/N9030) in Spectrum Analyzer mode. Band power uses marker 1's band-power
 * function, evaluated on the last sweep: the marker sits at the middle of the band and the band's left and
 * right edges are given relative to it, as the X-series defines them.
 */
final class KeysightXSeriesAnalyzer extends ScpiSpectrumAnalyzer {
    private boolean bandFunctionOn;

    KeysightXSeriesAnalyzer(ScpiSession session) {
        super(session);
    }

    @Override
    AnalyzerModel model() {
        return AnalyzerModel.KEYSIGHT_X_SERIES;
    }

    @Override
    void markerToNormal() {
        if (bandFunctionOn) {
            session.writeChecked(":CALC:MARK1:FUNC OFF");
            bandFunctionOn = false;
        }
    }

    @Override
    public double bandPower(double fromHz, double toHz) {
        if (!(toHz > fromHz)) {
            throw new IllegalArgumentException(name() + ": band power needs from < to, got " + fromHz + " and " + toHz);
        }
        return exclusive(() -> {
            double half = 0.5 * (toHz - fromHz);
            session.writeChecked(":CALC:MARK1:FUNC BPOW");
            bandFunctionOn = true;
            session.writeChecked(":CALC:MARK1:X " + hz(fromHz + half));
            session.writeChecked(":CALC:MARK1:FUNC:BAND:LEFT " + hz(half));
            session.writeChecked(":CALC:MARK1:FUNC:BAND:RIGH " + hz(half));
            return session.queryDouble(":CALC:MARK1:Y?");
        });
    }
}
