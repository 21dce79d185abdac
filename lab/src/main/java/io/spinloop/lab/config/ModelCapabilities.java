package io.spinloop.lab.config;

import io.spinloop.drivers.source.SourceModel;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What each instrument model a lab-config may name can do, from the programming manuals (and
 * docs/scpi-subset.md): the ranges a config's limits and presets must fit inside. {@code model: auto}
 * is checked against the most permissive model of its role here, and against the identified model
 * when the bench is opened.
 */
public enum ModelCapabilities {
    KEITHLEY_2400("keithley-2400", InstrumentRole.SOURCE, 1.05, 210.0,
            SourceModel.KEITHLEY_2400.maxListPoints(), 0, 0, 0, 0),
    KEITHLEY_2450("keithley-2450", InstrumentRole.SOURCE, 1.05, 210.0,
            SourceModel.KEITHLEY_2450.maxListPoints(), 0, 0, 0, 0),
    /**
     * Sources with a compliance of up to 105 V and measures nothing: no read-back, no measured lists, and so no
     * trigger link either (its driver plays no list to pulse it).
     */
    KEITHLEY_6221("keithley-6221", InstrumentRole.SOURCE, 0.105, 105.0,
            SourceModel.KEITHLEY_6221.maxListPoints(), 0, 0, 0, 0,
            EnumSet.noneOf(InstrumentCapability.class)),
    /** One channel: up to 3.03 A, 210 V. */
    KEYSIGHT_B2901A("keysight-b2901a", InstrumentRole.SOURCE, 3.03, 210.0,
            SourceModel.KEYSIGHT_B2901A.maxListPoints(), 0, 0, 0, 0),
    /** Two channels ({@code channel: 1|2}), each up to 3.03 A, 210 V. */
    KEYSIGHT_B2902A("keysight-b2902a", InstrumentRole.SOURCE, 3.03, 210.0,
            SourceModel.KEYSIGHT_B2902A.maxListPoints(), 0, 0, 0, 0),
    KEYSIGHT_N9010B("keysight-n9010b", InstrumentRole.ANALYZER, 0, 0, 0, 1, 8e6, 1, 40001),
    KEYSIGHT_N9020B("keysight-n9020b", InstrumentRole.ANALYZER, 0, 0, 0, 1, 8e6, 1, 40001),
    KEYSIGHT_N9030B("keysight-n9030b", InstrumentRole.ANALYZER, 0, 0, 0, 1, 8e6, 1, 40001),
    RS_FSV("rs-fsv", InstrumentRole.ANALYZER, 0, 0, 0, 1, 10e6, 101, 32001),
    RS_FSW("rs-fsw", InstrumentRole.ANALYZER, 0, 0, 0, 1, 10e6, 101, 100001);

    private final String configName;
    private final InstrumentRole role;
    private final double maxCurrentA;
    private final double maxComplianceV;
    private final int maxListPoints;
    private final double minRbwHz;
    private final double maxRbwHz;
    private final int minPoints;
    private final int maxPoints;
    private final Set<InstrumentCapability> capabilities;

    ModelCapabilities(String configName, InstrumentRole role, double maxCurrentA, double maxComplianceV,
            int maxListPoints, double minRbwHz, double maxRbwHz, int minPoints, int maxPoints) {
        this(configName, role, maxCurrentA, maxComplianceV, maxListPoints, minRbwHz, maxRbwHz, minPoints, maxPoints,
                EnumSet.allOf(InstrumentCapability.class));
    }

    ModelCapabilities(String configName, InstrumentRole role, double maxCurrentA, double maxComplianceV,
            int maxListPoints, double minRbwHz, double maxRbwHz, int minPoints, int maxPoints,
            Set<InstrumentCapability> capabilities) {
        this.capabilities = Set.copyOf(capabilities);
        this.configName = configName;
        this.role = role;
        this.maxCurrentA = maxCurrentA;
        this.maxComplianceV = maxComplianceV;
        this.maxListPoints = maxListPoints;
        this.minRbwHz = minRbwHz;
        this.maxRbwHz = maxRbwHz;
        this.minPoints = minPoints;
        this.maxPoints = maxPoints;
    }

    /** The model's name in lab-configs ({@code keithley-2400}). */
    public String configName() {
        return configName;
    }

    public InstrumentRole role() {
        return role;
    }

    public double maxCurrentA() {
        return maxCurrentA;
    }

    public double maxComplianceV() {
        return maxComplianceV;
    }

    public int maxListPoints() {
        return maxListPoints;
    }

    public double minRbwHz() {
        return minRbwHz;
    }

    public double maxRbwHz() {
        return maxRbwHz;
    }

    public int minPoints() {
        return minPoints;
    }

    public int maxPoints() {
        return maxPoints;
    }

    /** Source channels of the model (1 but for a two-channel source). */
    public int channels() {
        return this == KEYSIGHT_B2902A ? SourceModel.KEYSIGHT_B2902A.channels() : 1;
    }

    /** Whether runs that need {@code c} can run on this model (a source's measured lists, a trigger link). */
    public boolean has(InstrumentCapability c) {
        return capabilities.contains(c);
    }

    /** The model a config name stands for (case-insensitive; {@code _} and {@code -} alike). */
    public static Optional<ModelCapabilities> byConfigName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(m -> m.configName.equals(n)).findFirst();
    }

    /** The model an {@code *IDN?} reply names, if it is one of ours. */
    public static Optional<ModelCapabilities> fromIdn(String idn) {
        String[] f = idn.split(",");
        if (f.length < 2) {
            return Optional.empty();
        }
        String model = f[1].trim().toUpperCase(Locale.ROOT);
        if (model.contains("2400")) {
            return Optional.of(KEITHLEY_2400);
        } else if (model.contains("2450")) {
            return Optional.of(KEITHLEY_2450);
        } else if (model.contains("6221")) {
            return Optional.of(KEITHLEY_6221);
        } else if (model.startsWith("B2901")) {
            return Optional.of(KEYSIGHT_B2901A);
        } else if (model.startsWith("B2902")) {
            return Optional.of(KEYSIGHT_B2902A);
        } else if (model.startsWith("N9010")) {
            return Optional.of(KEYSIGHT_N9010B);
        } else if (model.startsWith("N9020")) {
            return Optional.of(KEYSIGHT_N9020B);
        } else if (model.startsWith("N9030")) {
            return Optional.of(KEYSIGHT_N9030B);
        } else if (model.startsWith("FSV")) {
            return Optional.of(RS_FSV);
        } else if (model.startsWith("FSW")) {
            return Optional.of(RS_FSW);
        }
        return Optional.empty();
    }

    /** Models of one role: what {@code model: auto} may turn out to be. */
    static java.util.List<ModelCapabilities> ofRole(InstrumentRole role) {
        return Arrays.stream(values()).filter(m -> m.role == role).toList();
    }

    /** Config names of all models, for error messages. */
    public static String allNames() {
        return Arrays.stream(values()).map(m -> m.configName).collect(Collectors.joining(", "));
    }
}
