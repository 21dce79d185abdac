package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * One bench, as a lab-config file describes it. Bound from YAML by {@link LabConfigLoader}; lists are
 * never null after binding (an absent list is empty).
 *
 * @param bench       a short name for the bench, recorded in every file it measures
 * @param instruments the instruments on the bench
 * @param devices     the oscillators wired to them, with the limits that keep them alive
 * @param presets     default measurement settings (command-line options override them)
 * @param emulator    present only for an emulated bench: the emulator's physics and faults
 */
public record LabConfig(
        @JsonProperty("bench") String bench,
        @JsonProperty("instruments") List<InstrumentConfig> instruments,
        @JsonProperty("devices") List<DeviceConfig> devices,
        @JsonProperty("presets") MeasurementPresets presets,
        @JsonProperty("emulator") EmulatorConfig emulator) {

    public LabConfig {
        instruments = instruments == null ? List.of() : List.copyOf(instruments);
        devices = devices == null ? List.of() : List.copyOf(devices);
        presets = presets == null ? MeasurementPresets.defaults() : presets;
    }

    /** True when the config describes an emulated bench (it has an {@code emulator:} block). */
    public boolean emulated() {
        return emulator != null;
    }

    public Optional<InstrumentConfig> instrument(String name) {
        return instruments.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<DeviceConfig> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
