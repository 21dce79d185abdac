package io.spinloop.drivers.analyzer;

import io.spinloop.drivers.scpi.ScpiSession;

/**
 * Rohde &amp; Schwarz FSW in its Spectrum application. Frequency, bandwidth, sweep, trace format, markers and the
 * external trigger are the SCPI the FSV takes ({@link ScpiSpectrumAnalyzer}). Band power differs: the FSW has a
 * band power marker ({@code :CALC:MARK1:FUNC:BPOW}) that integrates a band centred on the marker over the last
 * sweep, so a band off the center frequency needs neither re-centring nor another sweep (the FSV does both).
 */
final class RohdeSchwarzFswAnalyzer extends ScpiSpectrumAnalyzer {
    private boolean bandPowerOn;

    RohdeSchwarzFswAnalyzer(ScpiSession session) {
        super(session);
    }

    @Override
    AnalyzerModel model() {
        return AnalyzerModel.RS_FSW;
    }

    @Override
    void markerToNormal() {
        if (bandPowerOn) {
            session.writeChecked(":CALC:MARK1:FUNC:BPOW OFF");
            bandPowerOn = false;
        }
    }

    @Override
    public double bandPower(double fromHz, double toHz) {
        if (!(toHz > fromHz)) {
            throw new IllegalArgumentException(name() + ": band power needs from < to, got " + fromHz + " and " + toHz);
        }
        return exclusive(() -> {
            session.writeChecked(":CALC:MARK1:X " + hz(0.5 * (fromHz + toHz)));
            session.writeChecked(":CALC:MARK1:FUNC:BPOW ON");
            bandPowerOn = true;
            session.writeChecked(":CALC:MARK1:FUNC:BPOW:SPAN " + hz(toHz - fromHz));
            return requireNumber(session.queryDouble(":CALC:MARK1:FUNC:BPOW:RES?"), fromHz, toHz);
        });
    }
}
