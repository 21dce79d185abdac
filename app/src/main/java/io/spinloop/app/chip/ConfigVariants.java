package io.spinloop.app.chip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Variants of an emulated bench's config for studies: the same bench whose devices' physical parameters have
 * moved by a given fraction since the twin was fitted (the chip the twin does not know).
 */
final class ConfigVariants {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigVariants() {
    }

    /**
     * The config with device k's threshold current and nonlinear damping Q multiplied by {@code 1 ± mismatch}
     * (signs alternating from device to device, opposite for the two parameters), on top of whatever the
     * config already sets; the emulator's own spread and seed are kept.
     */
    static LoadedLabConfig withMismatch(LoadedLabConfig loaded, double mismatch) {
        if (loaded.config().emulator() == null) {
            throw loaded.error("emulator", "a parameter mismatch can only be emulated; this is a real bench");
        }
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(loaded.text());
            ObjectNode emulator = (ObjectNode) root.get("emulator");
            JsonNode base = emulator.path("device");
            ObjectNode devices = emulator.has("devices") && emulator.get("devices").isObject()
                    ? (ObjectNode) emulator.get("devices") : emulator.putObject("devices");
            List<DeviceConfig> ds = loaded.config().devices();
            for (int k = 0; k < ds.size(); k++) {
                String id = ds.get(k).id();
                ObjectNode own = devices.has(id) ? (ObjectNode) devices.get(id) : devices.putObject(id);
                double sign = k % 2 == 0 ? 1 : -1;
                double th = own.path("threshold_A").asDouble(base.path("threshold_A").asDouble(1e-3));
                double q = own.path("Q").asDouble(base.path("Q").asDouble(0.5));
                own.put("threshold_A", th * (1 + sign * mismatch));
                own.put("Q", q * (1 - sign * mismatch));
            }
            return LabConfigLoader.parse(loaded.file(), YAML.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot derive a mismatched bench from " + loaded.file(), e);
        }
    }
}
