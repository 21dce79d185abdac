package io.spinloop.app.chip;

import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.chip.ChipPace;
import picocli.CommandLine.Option;

/**
 * {@code --pace} of the chip commands that calibrate ({@code @Mixin PaceOption pace;}): how fast the sources play
 * the lists, chosen by name ({@link ChipPace}); deployment and chip-in-the-loop replay what the calibration chose.
 */
public final class PaceOption {
    @Option(names = "--pace", defaultValue = ChipPace.DEFAULT_NAME, paramLabel = "fastest|as-configured",
            description = "the sources' timing and list length: fastest (0.01 NPLC, auto zero once, lists to 2,500 "
                    + "points, the point period measured finely) or as-configured (the sources as the lab-config "
                    + "sets them, lists of 100 points); deploy and chip-train replay the calibration's "
                    + "(default: ${DEFAULT-VALUE})")
    String name = ChipPace.DEFAULT_NAME;

    /** The pace named, or a refusal naming {@code --pace}. */
    public ChipPace choice() {
        try {
            return ChipPace.named(name);
        } catch (IllegalArgumentException e) {
            throw new RefusedInputException("--pace: " + e.getMessage());
        }
    }
}
