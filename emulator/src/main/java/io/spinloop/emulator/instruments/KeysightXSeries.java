package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.Stno;
import java.util.List;

/**
 * A Keysight X-series signal analyzer (EXA N9010B, MXA N9020B, PXA N9030B; the emulator gives them the same
 * 26.5 GHz front end). Error codes carry a sign ({@code +0,"No error"}), the RBW steps 1-1.5-2-3-5-7.5,
 * auto RBW is span/106, traces default to 1001 points and big-endian binary.
 */
public final class KeysightXSeries extends SpectrumAnalyzer {
    /** Keysight EXA signal analyzer. */
    public static final Model N9010B = model("KEYSIGHT_N9010B", "N9010B");
    /** Keysight MXA signal analyzer. */
    public static final Model N9020B = model("KEYSIGHT_N9020B", "N9020B");
    /** Keysight PXA signal analyzer. */
    public static final Model N9030B = model("KEYSIGHT_N9030B", "N9030B");

    private static final int ERROR_QUEUE_CAPACITY = 20;
    private static final double[] RBW_STEPS = {1, 1.5, 2, 3, 5, 7.5, 10};

    public KeysightXSeries(Model model, InstrumentSetup setup, List<Stno> devices) {
        super(model, setup, devices, ERROR_QUEUE_CAPACITY);
    }

    private static Model model(String name, String modelNumber) {
        return new Model(name, new ModelIdentity("Keysight Technologies", modelNumber, "A.33.03"),
                KeysightXSeries::new);
    }

    @Override
    protected boolean signedErrorCodes() {
        return true;
    }

    // Capabilities.

    @Override
    protected double maxFrequency() {
        return 26.5e9;
    }

    @Override
    protected double widestRbw() {
        return 8e6;
    }

    @Override
    protected double[] rbwSteps() {
        return RBW_STEPS;
    }

    @Override
    protected double spanPerRbw() {
        return 106;
    }

    @Override
    protected int minPoints() {
        return 1;
    }

    @Override
    protected int maxPoints() {
        return 40001;
    }

    @Override
    protected int defaultPoints() {
        return 1001;
    }

    // Defaults and spellings.

    @Override
    protected int defaultAverageCount() {
        return 100;
    }

    @Override
    protected boolean littleEndianByDefault() {
        return false;
    }

    @Override
    protected String externalTriggerName() {
        return "EXT1";
    }

    @Override
    protected String asciiFormatName() {
        return "ASC,8";
    }
}
