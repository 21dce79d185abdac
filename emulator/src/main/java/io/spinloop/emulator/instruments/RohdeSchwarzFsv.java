package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.Stno;
import java.util.List;

/**
 * The Rohde &amp; Schwarz FSV signal and spectrum analyzer (FSV-7: up to 7 GHz). Error codes carry no sign, the
 * RBW steps 1-2-3-5, auto RBW is span/100, traces default to 691 points and binary traces are little-endian
 * unless told otherwise; the serial number has the R&amp;S {@code serial/variant} form.
 */
public final class RohdeSchwarzFsv extends SpectrumAnalyzer {
    public static final Model FSV_7 = new Model("RS_FSV", new ModelIdentity("Rohde&Schwarz", "FSV-7", "3.40"),
            RohdeSchwarzFsv::new);

    private static final int ERROR_QUEUE_CAPACITY = 20;
    private static final double[] RBW_STEPS = {1, 2, 3, 5, 10};

    public RohdeSchwarzFsv(Model model, InstrumentSetup setup, List<Stno> devices) {
        super(model, setup, devices, ERROR_QUEUE_CAPACITY);
    }

    @Override
    protected String serialNumberText() {
        return String.format("EMU-%04d/000", serialNumber);
    }

    // Capabilities.

    @Override
    protected double maxFrequency() {
        return 7e9;
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
        return 32001;
    }

    @Override
    protected int defaultPoints() {
        return 691;
    }

    // Defaults and spellings.

    @Override
    protected int defaultAverageCount() {
        return 10;
    }

    /** R&amp;S sends {@code REAL,32} in little-endian order unless told otherwise. */
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
