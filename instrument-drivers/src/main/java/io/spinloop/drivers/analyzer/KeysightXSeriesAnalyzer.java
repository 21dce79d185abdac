package io.spinloop.drivers.analyzer;

import io.spinloop.drivers.scpi.ScpiSession;

/**
 * Keysight X-series (N9010/N9020/N9030) in Spectrum Analyzer mode. Band power uses marker 1's band-power
 * function, evaluated on the last sweep. The X-series band edges are absolute frequencies and moving one edge
 * keeps the other anchored (Spectrum Analyzer Mode reference, "Band Left"/"Band Right"), so the driver first
 * centres the marker on the band and sets its width, then states both edges.
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
            session.writeChecked(":CALC:MARK1:FUNC BPOW");
            bandFunctionOn = true;
            session.writeChecked(":CALC:MARK1:X " + hz(0.5 * (fromHz + toHz)));
            session.writeChecked(":CALC:MARK1:FUNC:BAND:SPAN " + hz(toHz - fromHz));
            session.writeChecked(":CALC:MARK1:FUNC:BAND:LEFT " + hz(fromHz));
            session.writeChecked(":CALC:MARK1:FUNC:BAND:RIGH " + hz(toHz));
            return requireNumber(session.queryDouble(":CALC:MARK1:Y?"), fromHz, toHz);
        });
    }
}
