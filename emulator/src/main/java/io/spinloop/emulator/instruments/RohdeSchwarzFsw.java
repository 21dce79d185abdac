package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.Stno;
import java.util.List;

/**
 * The Rohde &amp; Schwarz FSW signal and spectrum analyzer (FSW-26: up to 26.5 GHz). What it shares with the
 * {@link RohdeSchwarzFsv}: unsigned error codes, RBW steps 1-2-3-5, auto RBW span/100, little-endian {@code REAL,32}
 * unless told otherwise, channel power centred on the center frequency. Where it differs: 101 to 100,001 sweep
 * points (1001 by default) and the band power marker ({@code :CALCulate:MARKer:FUNCtion:BPOWer}), which measures a
 * band around the marker on the last sweep.
 */
public final class RohdeSchwarzFsw extends SpectrumAnalyzer {
    public static final Model FSW_26 = new Model("RS_FSW", new ModelIdentity("Rohde&Schwarz", "FSW-26", "4.61"),
            RohdeSchwarzFsw::new);

    private static final int ERROR_QUEUE_CAPACITY = 20;
    private static final double[] RBW_STEPS = {1, 2, 3, 5, 10};

    public RohdeSchwarzFsw(Model model, InstrumentSetup setup, List<Stno> devices) {
        super(model, setup, devices, ERROR_QUEUE_CAPACITY);
    }

    @Override
    protected String serialNumberText() {
        return String.format("1312.8000K26/EMU-%04d", serialNumber);
    }

    @Override
    protected boolean bandPowerMarker() {
        return true;
    }

    @Override
    protected double maxFrequency() {
        return 26.5e9;
    }

    @Override
    protected double widestRbw() {
        return 10e6;
    }

    @Override
    protected double[] rbwSteps() {
        return RBW_STEPS;
    }

    @Override
    protected double spanPerRbw() {
        return 100;
    }

    @Override
    protected int minPoints() {
        return 101;
    }

    @Override
    protected int maxPoints() {
        return 100001;
    }

    @Override
    protected int defaultPoints() {
        return 1001;
    }

    @Override
    protected int defaultAverageCount() {
        return 10;
    }

    @Override
    protected boolean littleEndianByDefault() {
        return true;
    }

    @Override
    protected String externalTriggerName() {
        return "EXT";
    }

    @Override
    protected String asciiFormatName() {
        return "ASC,0";
    }
}
