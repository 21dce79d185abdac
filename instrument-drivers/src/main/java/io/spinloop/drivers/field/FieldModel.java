package io.spinloop.drivers.field;

import io.spinloop.drivers.Identity;
import java.util.Locale;
import java.util.Optional;

/** The field instruments spinloop has drivers for, and how each identifies itself to {@code *IDN?}. */
public enum FieldModel {
    /** Kepco BOP bipolar supply with its SCPI interface (BOP GL/1KW, or a BIT 4886 card). */
    KEPCO_BOP("Kepco BOP", true),
    /** Lake Shore 475 DSP gaussmeter. */
    LAKESHORE_475("Lake Shore 475", false),
    /** Lake Shore 425 gaussmeter (the 475's command set for what spinloop uses). */
    LAKESHORE_425("Lake Shore 425", false);

    private final String displayName;
    private final boolean magnetSupply;

    FieldModel(String displayName, boolean magnetSupply) {
        this.displayName = displayName;
        this.magnetSupply = magnetSupply;
    }

    public String displayName() {
        return displayName;
    }

    public boolean isMagnetSupply() {
        return magnetSupply;
    }

    /** The model an identity belongs to, if spinloop has a driver for it. */
    public static Optional<FieldModel> of(Identity id) {
        String maker = id.maker().toUpperCase(Locale.ROOT);
        String model = id.model().toUpperCase(Locale.ROOT).replace(" ", "");
        if (maker.contains("KEPCO") && (model.startsWith("BOP") || model.startsWith("BIT4886"))) {
            return Optional.of(KEPCO_BOP);
        }
        if (maker.equals("LSCI") || maker.contains("LAKE")) {
            if (model.equals("MODEL475") || model.equals("475")) {
                return Optional.of(LAKESHORE_475);
            }
            if (model.equals("MODEL425") || model.equals("425")) {
                return Optional.of(LAKESHORE_425);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a model as a lab config writes it: {@code auto} (null), {@code kepco-bop}, {@code bop},
     * {@code lakeshore-475}, {@code 475}, {@code 425} (case and separators ignored).
     */
    public static FieldModel parse(String text) {
        String k = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-&.]", "");
        if (k.equals("auto")) {
            return null;
        }
        if (k.startsWith("kepcobop") || k.startsWith("bop")) {
            return KEPCO_BOP;
        }
        if (k.equals("475") || k.matches("(lakeshore|ls|lsci)(model)?475(dsp)?")) {
            return LAKESHORE_475;
        }
        if (k.equals("425") || k.matches("(lakeshore|ls|lsci)(model)?425")) {
            return LAKESHORE_425;
        }
        throw new IllegalArgumentException("unknown field instrument model '" + text + "'; known: auto, kepco-bop,"
                + " lakeshore-475, lakeshore-425");
    }
}
