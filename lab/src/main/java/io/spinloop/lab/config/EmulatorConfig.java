package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The {@code emulator:} block of an emulated bench: what "nature" looks like behind the instruments.
 *
 * @param seed            seed of every random draw (device spread, thermal noise, trace noise)
 * @param timing          {@code virtual} (simulated time costs no waiting) or {@code realtime}
 * @param realisticLimits enforce the instruments' real minimum dwell and resolution (false lifts them
 *                        for studies; files then say the data are not physically measurable)
 * @param models          emulated model per instrument name (default: Keithley 2400 for sources,
 *                        Keysight N9030B for analyzers)
 * @param device          parameters every device is drawn around
 * @param spread          relative device-to-device spread (standard deviations)
 * @param drift           relative rms amplitude of the slow drift of f₀ and I_th (minutes to an hour)
 * @param devices         per-device overrides of {@code device}, by device id
 * @param faults          faults injected while the bench runs
 * @param magnets         per magnet supply name, its emulated electromagnet ({@link EmulatedMagnet})
 * @param magnetic        how the free layers of devices in a magnet answer the field ({@link EmulatedMagnetic})
 */
public record EmulatorConfig(
        @JsonProperty("seed") Long seed,
        @JsonProperty("timing") String timing,
        @JsonProperty("realistic_limits") Boolean realisticLimits,
        @JsonProperty("models") Map<String, String> models,
        @JsonProperty("device") EmulatedDeviceParameters device,
        @JsonProperty("spread") DeviceSpread spread,
        @JsonProperty("drift") Double drift,
        @JsonProperty("devices") Map<String, EmulatedDeviceParameters> devices,
        @JsonProperty("faults") List<FaultConfig> faults,
        @JsonProperty("magnets") Map<String, EmulatedMagnet> magnets,
        @JsonProperty("magnetic") EmulatedMagnetic magnetic) {

    public EmulatorConfig {
        seed = seed == null ? 1L : seed;
        timing = timing == null ? "virtual" : timing;
        realisticLimits = realisticLimits == null || realisticLimits;
        models = models == null ? Map.of() : Map.copyOf(models);
        device = device == null ? EmulatedDeviceParameters.none() : device;
        spread = spread == null ? DeviceSpread.defaults() : spread;
        drift = drift == null ? 0.001 : drift;
        devices = devices == null ? Map.of() : Map.copyOf(devices);
        faults = faults == null ? List.of() : List.copyOf(faults);
        magnets = magnets == null ? Map.of() : Map.copyOf(magnets);
        magnetic = magnetic == null ? new EmulatedMagnetic(null, null, null) : magnetic;
    }

    /** Parameters of one device: the shared {@code device} block overlaid with its own overrides. */
    public EmulatedDeviceParameters parametersOf(String deviceId) {
        EmulatedDeviceParameters own = devices.get(deviceId);
        return own == null ? device : own.over(device);
    }
}
