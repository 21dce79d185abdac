package io.spinloop.lab.config;

import java.nio.file.Path;

/**
 * A lab-config that was read and validated, with its file and text (recorded in every HDF5 file as
 * provenance) and the means to report a later problem at the right line.
 */
public final class LoadedLabConfig {
    private final Path file;
    private final String text;
    private final LabConfig config;
    private final YamlLocations locations;

    LoadedLabConfig(Path file, String text, LabConfig config, YamlLocations locations) {
        this.file = file;
        this.text = text;
        this.config = config;
        this.locations = locations;
    }

    public Path file() {
        return file;
    }

    /** The file's text exactly as read. */
    public String text() {
        return text;
    }

    public LabConfig config() {
        return config;
    }

    /** A refusal that points at {@code field} (a path such as {@code devices[0].limits}) in this file. */
    public LabConfigException error(String field, String problem) {
        return new LabConfigException(file, locations.lineOf(field), field, problem);
    }

    /** The device with this id, or a refusal that lists the ids there are. */
    public DeviceConfig device(String id) {
        return config.device(id).orElseThrow(() -> error("devices", "no device '" + id + "'; devices here: "
                + String.join(", ", config.devices().stream().map(DeviceConfig::id).toList())));
    }

    /** Index of a device in {@code devices}, for error paths. */
    public int deviceIndex(String id) {
        return config.devices().stream().map(DeviceConfig::id).toList().indexOf(id);
    }
}
