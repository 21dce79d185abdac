package io.spinloop.drivers.bench;

import io.spinloop.drivers.Identity;
import io.spinloop.drivers.analyzer.AnalyzerModel;
import io.spinloop.drivers.source.SourceModel;
import java.util.Locale;
import java.util.Optional;

/**
 * The instrument models a lab config can name, and how each one identifies itself to {@code *IDN?}.
 * {@link #AUTO} lets the identity choose.
 */
public enum Model {
    AUTO("auto", null, null),
    KEITHLEY_2400("Keithley 2400", SourceModel.KEITHLEY_2400, null),
    KEITHLEY_2450("Keithley 2450", SourceModel.KEITHLEY_2450, null),
    KEITHLEY_6221("Keithley 6221", SourceModel.KEITHLEY_6221, null),
    KEYSIGHT_B2901A("Keysight B2901A", SourceModel.KEYSIGHT_B2901A, null),
    KEYSIGHT_B2902A("Keysight B2902A", SourceModel.KEYSIGHT_B2902A, null),
    KEYSIGHT_X_SERIES("Keysight X-series (N9010/N9020/N9030)", null, AnalyzerModel.KEYSIGHT_X_SERIES),
    RS_FSV("Rohde & Schwarz FSV", null, AnalyzerModel.RS_FSV),
    RS_FSW("Rohde & Schwarz FSW", null, AnalyzerModel.RS_FSW);

    private final String displayName;
    private final SourceModel sourceModel;
    private final AnalyzerModel analyzerModel;

    Model(String displayName, SourceModel sourceModel, AnalyzerModel analyzerModel) {
        this.displayName = displayName;
        this.sourceModel = sourceModel;
        this.analyzerModel = analyzerModel;
    }

    public String displayName() {
        return displayName;
    }

    /** The current-source driver of this model, or null for an analyzer. */
    SourceModel sourceModel() {
        return sourceModel;
    }

    /** The analyzer driver of this model, or null for a source. */
    AnalyzerModel analyzerModel() {
        return analyzerModel;
    }

    public boolean isCurrentSource() {
        return sourceModel != null;
    }

    public boolean isSpectrumAnalyzer() {
        return analyzerModel != null;
    }

    /**
     * Parses a model as written in a lab config: {@code auto}, {@code keithley-2400}, {@code 2450},
     * {@code N9030B}, {@code keysight-x}, {@code fsv}, {@code rs-fsv}, ... (case and separators ignored).
     */
    public static Model parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("model is missing (use auto to let *IDN? choose)");
        }
        String k = text.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-&.]", "");
        switch (k) {
            case "auto": return AUTO;
            case "2400": case "keithley2400": case "k2400": case "model2400": return KEITHLEY_2400;
            case "2450": case "keithley2450": case "k2450": case "model2450": return KEITHLEY_2450;
            case "6221": case "keithley6221": case "k6221": case "model6221": return KEITHLEY_6221;
            case "b2901a": case "keysightb2901a": case "agilentb2901a": return KEYSIGHT_B2901A;
            case "b2902a": case "keysightb2902a": case "agilentb2902a": return KEYSIGHT_B2902A;
            case "fsv": case "rsfsv": case "rohdeschwarzfsv": case "rohdeandschwarzfsv": return RS_FSV;
            case "fsw": case "rsfsw": case "rohdeschwarzfsw": case "rohdeandschwarzfsw": return RS_FSW;
            case "keysightx": case "keysightxseries": case "xseries": return KEYSIGHT_X_SERIES;
            default:
                if (k.matches("(keysight|agilent)?n90[123]0[ab]?")) {
                    return KEYSIGHT_X_SERIES;
                }
                if (k.matches("(rs|rohdeschwarz)?fsv\\d*a?")) {
                    return RS_FSV;
                }
                if (k.matches("(rs|rohdeschwarz)?fsw\\d*")) {
                    return RS_FSW;
                }
                throw new IllegalArgumentException("unknown instrument model '" + text + "'; known: auto, keithley-2400,"
                        + " keithley-2450, keithley-6221, keysight-b2901a, keysight-b2902a, keysight-x (N9010/N9020/N9030), rs-fsv, rs-fsw");
        }
    }

    /** The model an identity belongs to, if spinloop has a driver for it. */
    public static Optional<Model> of(Identity id) {
        String maker = id.maker().toUpperCase(Locale.ROOT);
        String model = id.model().toUpperCase(Locale.ROOT);
        if (maker.contains("KEITHLEY")) {
            if (model.equals("MODEL 2400") || model.equals("2400")) {
                return Optional.of(KEITHLEY_2400);
            }
            if (model.equals("MODEL 2450") || model.equals("2450")) {
                return Optional.of(KEITHLEY_2450);
            }
            if (model.equals("MODEL 6221") || model.equals("6221")) {
                return Optional.of(KEITHLEY_6221);
            }
        }
        if ((maker.contains("KEYSIGHT") || maker.contains("AGILENT")) && model.equals("B2901A")) {
            return Optional.of(KEYSIGHT_B2901A);
        }
        if ((maker.contains("KEYSIGHT") || maker.contains("AGILENT")) && model.equals("B2902A")) {
            return Optional.of(KEYSIGHT_B2902A);
        }
        if ((maker.contains("KEYSIGHT") || maker.contains("AGILENT")) && model.matches("N90[123]0[AB]")) {
            return Optional.of(KEYSIGHT_X_SERIES);
        }
        if (maker.replace(" ", "").contains("ROHDE&SCHWARZ") && model.startsWith("FSV")) {
            return Optional.of(RS_FSV);
        }
        if (maker.replace(" ", "").contains("ROHDE&SCHWARZ") && model.startsWith("FSW")) {
            return Optional.of(RS_FSW);
        }
        return Optional.empty();
    }
}
