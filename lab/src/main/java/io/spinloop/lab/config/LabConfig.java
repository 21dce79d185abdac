package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * One bench, as a lab-config file describes it. Bound from YAML by {@link LabConfigLoader}; lists are
 * never null after binding (an absent list is empty).
 *
 * @param bench       a short name for the bench, recorded in every file it measures
 * @param controllers bus controllers (a Prologix GPIB-ETHERNET) that GPIB instruments are reached through
 * @param instruments the instruments on the bench
 * @param devices     the oscillators wired to them, with the limits that keep them alive
 * @param presets     default measurement settings (command-line options override them)
 * @param emulator    present only for an emulated bench: the emulator's physics and faults
 */
public record LabConfig(
        @JsonProperty("bench") String bench,
        @JsonProperty("controllers") List<ControllerConfig> controllers,
        @JsonProperty("instruments") List<InstrumentConfig> instruments,
        @JsonProperty("devices") List<DeviceConfig> devices,
        @JsonProperty("presets") MeasurementPresets presets,
        @JsonProperty("emulator") EmulatorConfig emulator) {

    public LabConfig {
        controllers = controllers == null ? List.of() : List.copyOf(controllers);
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

    public Optional<ControllerConfig> controller(String name) {
        return controllers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Where the drivers reach an instrument: its own resource, or for one behind a controller the GPIB resource
     * with the controller named in it ({@code GPIB0::24::INSTR?controller=prologix-1&via=tcp://host:1234}), which is
     * how the drivers take it; the controller's lab-config name goes along so errors and the traffic log say
     * {@code GPIB0::24::INSTR via prologix-1 at tcp://host:1234}. {@code controllerResource} is the controller's address (an emulated bench's is ephemeral).
     */
    public static String driverResource(InstrumentConfig in, String controllerResource) {
        if (in.controller() == null) {
            return in.resource();
        }
        String gpib = in.resource() != null ? in.resource() : "GPIB0::" + in.gpibAddress() + "::INSTR";
        return gpib + "?controller=" + in.controller() + "&via=" + controllerResource;
    }

    public Optional<DeviceConfig> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
