package io.spinloop.emulator.instruments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place emulated instruments are built from: every model the emulator answers for, by name. The
 * built-in models are registered here, one line each; tests and extensions {@linkplain #register add} theirs.
 * {@link SourceModel} and {@link AnalyzerModel} name the built-in ones for typed callers.
 */
public final class InstrumentModels {
    private static final Map<String, SourceMeter.Model> SOURCE_METERS = new LinkedHashMap<>();
    private static final Map<String, SpectrumAnalyzer.Model> ANALYZERS = new LinkedHashMap<>();
    private static final Map<String, KepcoBop.Model> MAGNET_SUPPLIES = new LinkedHashMap<>();
    private static final Map<String, LakeShoreGaussmeter.Model> GAUSSMETERS = new LinkedHashMap<>();

    static {
        register(Keithley2400.MODEL);
        register(Keithley2450.MODEL);
        register(Keithley6221.MODEL);
        register(KeysightB2900.B2901A);
        register(KeysightB2900.B2902A);
        register(KeysightXSeries.N9010B);
        register(KeysightXSeries.N9020B);
        register(KeysightXSeries.N9030B);
        register(RohdeSchwarzFsv.FSV_7);
        register(RohdeSchwarzFsw.FSW_26);
        register(KepcoBop.BOP_20_10);
        register(LakeShoreGaussmeter.MODEL_475);
        register(LakeShoreGaussmeter.MODEL_425);
    }

    private InstrumentModels() {
    }

    /** Adds a current-source model; registering the same model again does nothing. */
    public static synchronized void register(SourceMeter.Model model) {
        put(SOURCE_METERS, model.name(), model, "current-source");
    }

    /** Adds a spectrum-analyzer model; registering the same model again does nothing. */
    public static synchronized void register(SpectrumAnalyzer.Model model) {
        put(ANALYZERS, model.name(), model, "analyzer");
    }

    /** Adds a magnet-supply model; registering the same model again does nothing. */
    public static synchronized void register(KepcoBop.Model model) {
        put(MAGNET_SUPPLIES, model.name(), model, "magnet-supply");
    }

    /** Adds a gaussmeter model; registering the same model again does nothing. */
    public static synchronized void register(LakeShoreGaussmeter.Model model) {
        put(GAUSSMETERS, model.name(), model, "gaussmeter");
    }

    /** The magnet-supply model named by a plain value: {@code KEPCO_BOP_20_10}, {@code kepco-bop-20-10}. */
    public static synchronized KepcoBop.Model magnetSupply(String name) {
        return find(MAGNET_SUPPLIES, name, "magnet-supply");
    }

    /** The gaussmeter model named by a plain value: {@code LAKESHORE_475}, {@code 475}, {@code 425}. */
    public static synchronized LakeShoreGaussmeter.Model gaussmeter(String name) {
        return find(GAUSSMETERS, name, "gaussmeter");
    }

    /**
     * The current-source model named by a plain value, as a config file would write it: {@code KEITHLEY_2400},
     * {@code keithley-2400}, {@code Keithley 2400} or just {@code 2400}.
     */
    public static synchronized SourceMeter.Model sourceMeter(String name) {
        return find(SOURCE_METERS, name, "current-source");
    }

    /**
     * The analyzer model named by a plain value: {@code KEYSIGHT_N9030B}, {@code keysight-n9030b}, {@code N9030B},
     * {@code RS_FSV} or {@code FSV}.
     */
    public static synchronized SpectrumAnalyzer.Model analyzer(String name) {
        return find(ANALYZERS, name, "analyzer");
    }

    /** The registered current-source models, in registration order. */
    public static synchronized List<SourceMeter.Model> sourceMeters() {
        return List.copyOf(SOURCE_METERS.values());
    }

    /** The registered analyzer models, in registration order. */
    public static synchronized List<SpectrumAnalyzer.Model> analyzers() {
        return List.copyOf(ANALYZERS.values());
    }

    private static <M> void put(Map<String, M> models, String name, M model, String kind) {
        if (!name.equals(normalise(name))) {
            throw new IllegalArgumentException(kind + " model name '" + name
                    + "' must be upper case with underscores, as an enum constant");
        }
        M before = models.putIfAbsent(name, model);
        if (before != null && !before.equals(model)) {
            throw new IllegalArgumentException(kind + " model " + name + " is registered already");
        }
    }

    /** The first model whose name is the value or ends with {@code _value} (so {@code 2400} finds the 2400). */
    private static <M> M find(Map<String, M> models, String name, String kind) {
        String n = normalise(name);
        for (Map.Entry<String, M> e : models.entrySet()) {
            if (e.getKey().equals(n) || e.getKey().endsWith("_" + n)) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException("unknown " + kind + " model '" + name + "'; known: "
                + String.join(", ", new ArrayList<>(models.keySet())));
    }

    private static String normalise(String name) {
        return name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }
}
