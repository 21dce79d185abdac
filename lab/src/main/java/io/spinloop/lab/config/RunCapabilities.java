package io.spinloop.lab.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Refuses, before anything is touched, a run that needs what a device's instruments cannot do: sequences and chip
 * runs play measured source lists whose trigger pulses start the analyzer's zero span. The refusal names the file,
 * the line and the field that chose the model ({@code instruments[i].model} or {@code emulator.models.<name>}) and
 * the missing capability. {@code model: auto} on a real bench may turn out to be any model, so it is not refused
 * here; the driver then refuses the request itself, before sending it.
 */
public final class RunCapabilities {
    /** What playing lists with a trigger link (sequences, chip runs, neuron calibration) needs of a source. */
    public static final List<InstrumentCapability> LIST_PLAYBACK = List.of(InstrumentCapability.MEASURED_LIST_SWEEP,
            InstrumentCapability.VOLTAGE_READBACK, InstrumentCapability.TRIGGER_LINK);

    private RunCapabilities() {
    }

    /**
     * Refuses {@code run} on device {@code d} if its source cannot do all of {@code needed}.
     *
     * @param run names the run in the message, e.g. {@code measure sequences}
     * @throws LabConfigException at the field that chose the source's model
     */
    public static void requireOfSource(LoadedLabConfig loaded, DeviceConfig d, List<InstrumentCapability> needed,
                                       String run) {
        LabConfig c = loaded.config();
        List<ModelCapabilities> models = Limits.modelsOf(c, d.source());
        for (InstrumentCapability need : needed) {
            if (!models.isEmpty() && models.stream().noneMatch(m -> m.has(need))) {
                String names = models.stream().map(ModelCapabilities::configName).collect(Collectors.joining(", "));
                String able = ModelCapabilities.ofRole(InstrumentRole.SOURCE).stream().filter(m -> m.has(need))
                        .map(ModelCapabilities::configName).collect(Collectors.joining(", "));
                throw loaded.error(modelField(c, d.source()), "source '" + d.source() + "' of device '" + d.id()
                        + "' is a " + names + ", which lacks " + need.configName() + "; " + run + " needs it. Use a"
                        + " source that has it (" + able + ") for this run");
            }
        }
    }

    /** Refuses {@code run} on every device of the config whose source cannot do all of {@code needed}. */
    public static void requireOfEverySource(LoadedLabConfig loaded, List<InstrumentCapability> needed, String run) {
        for (DeviceConfig d : loaded.config().devices()) {
            requireOfSource(loaded, d, needed, run);
        }
    }

    /** The field that chose an instrument's model: its emulated model, else its own {@code model}. */
    private static String modelField(LabConfig c, String instrument) {
        int i = c.instruments().stream().map(InstrumentConfig::name).toList().indexOf(instrument);
        InstrumentConfig in = c.instruments().get(i);
        if (in.autoModel() && c.emulated() && c.emulator().models().containsKey(instrument)) {
            return "emulator.models." + instrument;
        }
        return "instruments[" + i + "].model";
    }
}
