package io.spinloop.lab.chip;

import java.util.Locale;

/**
 * The list paces a lab chooses by name for a chip run ({@code --pace}): what each name plays at, and which one chip
 * runs use when none is named. Calibration sets the chosen pace's timing on the sources and stores it with each
 * device's readout, so deployment and chip-in-the-loop replay it ({@link ListPace#readAs(NeuronReadout)}).
 */
public enum ChipPace {
    /** {@link ListPace#fastest()}: 0.01 NPLC, auto zero once, lists to 2,500 points, the period measured finely. */
    FASTEST("fastest"),
    /** {@link ListPace#asConfigured()}: the sources as the lab-config leaves them, lists of 100 points. */
    AS_CONFIGURED("as-configured");

    /**
     * The name of {@link #DEFAULT}, as an option's default value (a compile-time constant). The fastest: once each list
     * point was read by its bins' times (issue 17), six demo runs per pace gave the forecast's test MSE after
     * chip-in-the-loop 0.075 [0.070, 0.082] at the fastest pace against 0.074 [0.070, 0.078] as configured, and the
     * digits' accuracy 0.945 [0.941, 0.950] against 0.945 [0.943, 0.949], both within the configured pace's run-to-run
     * spread (README, "Bench time per digits epoch"; before that fix the configured pace's last points read half the
     * next point's drive, and it stayed the default).
     */
    public static final String DEFAULT_NAME = "fastest";
    /** The pace chip runs use when none is named. */
    public static final ChipPace DEFAULT = named(DEFAULT_NAME);

    private final String label;

    ChipPace(String label) {
        this.label = label;
    }

    /** The name a lab types. */
    public String label() {
        return label;
    }

    /** The lists this name plays. */
    public ListPace pace() {
        return this == FASTEST ? ListPace.fastest() : ListPace.asConfigured();
    }

    /** The pace {@code name} names (case-insensitive); anything else is refused with the names there are. */
    public static ChipPace named(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ChipPace p : values()) {
            if (p.label.equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected fastest or as-configured, got \"" + name + "\"");
    }
}
