package io.spinloop.lab.map;

import io.spinloop.emulator.physics.MagneticParameters;
import io.spinloop.lab.LabException;
import io.spinloop.lab.bench.EmulatedBenchLauncher;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SpectrumMap;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The field fit ({@link FieldMapFit}) of a map stored in a measurement file, with the free layer the emulator was
 * configured with where the run's lab-config (stored verbatim in the file) has an emulator: what
 * {@code spinloop data field-fit} prints.
 *
 * @param configured the emulator's {@code emulator.magnetic} (defaults where absent), or null for a real bench
 */
public record StoredFieldFit(Path file, int mapIndex, String deviceId, FieldMapFit fit,
                             MagneticParameters configured) {

    /**
     * Reads map {@code mapIndex} of {@code file} and fits it.
     *
     * @throws LabException (a {@link io.spinloop.lab.RunRefusedException}) naming the file and map when the file has
     *                      no such map or the map cannot be fitted
     */
    public static StoredFieldFit of(Path file, int mapIndex, boolean fitScale) throws IOException {
        MeasurementFile f = MeasurementFile.open(file);
        if (mapIndex < 0 || mapIndex >= f.maps().size()) {
            throw new io.spinloop.lab.RunRefusedException(file + ": no map " + mapIndex + " (the file holds "
                    + f.maps().size() + ")");
        }
        SpectrumMap map = f.maps().get(mapIndex);
        FieldMapFit fit;
        try {
            fit = FieldMapFit.of(map, fitScale);
        } catch (IllegalArgumentException e) {
            throw new io.spinloop.lab.RunRefusedException(file + " /maps/" + mapIndex + ": " + e.getMessage());
        }
        MagneticParameters configured = null;
        String text = f.info().provenance().labConfigText();
        if (!text.isBlank()) {
            LoadedLabConfig cfg = LabConfigLoader.parse(Path.of(file + ":lab_config"), text);
            if (cfg.config().emulated()) {
                configured = EmulatedBenchLauncher.magneticOf(cfg.config().emulator());
            }
        }
        return new StoredFieldFit(file, mapIndex, map.deviceId(), fit, configured);
    }
}
