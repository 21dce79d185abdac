package io.spinloop.measurements;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the data of a run come from, written into the root attributes of the file.
 *
 * @param spinloopVersion      version of the software that measured
 * @param labConfigText        the lab-config YAML, verbatim (at most 50 kB: it is one HDF5 attribute)
 * @param instrumentIdn        instrument name in the config to its {@code *IDN?} answer
 * @param seeds                named random seeds (emulator, sequence generator, ...)
 * @param physicallyMeasurable false when the data were taken with limits lifted beyond what the instruments
 *                             can really do (e.g. an emulator configured below a SourceMeter's minimum dwell)
 * @param measurabilityNote    why the data are or are not physically measurable (may be empty)
 * @param metadata             anything else a person should find in the file (bench name, command line, ...)
 */
public record Provenance(
        String spinloopVersion,
        String labConfigText,
        Map<String, String> instrumentIdn,
        Map<String, Long> seeds,
        boolean physicallyMeasurable,
        String measurabilityNote,
        Map<String, String> metadata) {

    public Provenance {
        Objects.requireNonNull(spinloopVersion, "spinloopVersion");
        Objects.requireNonNull(labConfigText, "labConfigText");
        Objects.requireNonNull(measurabilityNote, "measurabilityNote");
        int configBytes = labConfigText.getBytes(StandardCharsets.UTF_8).length;
        if (configBytes > AttributeValues.MAX_ATTRIBUTE_BYTES) {
            throw new IllegalArgumentException("lab-config text is " + configBytes
                    + " bytes; one HDF5 attribute written by jHDF holds at most " + AttributeValues.MAX_ATTRIBUTE_BYTES);
        }
        for (String v : List.of(spinloopVersion, measurabilityNote)) {
            AttributeValues.normaliseValue("provenance", v);
        }
        instrumentIdn = copy("instrument", instrumentIdn);
        seeds = copy("seed", seeds);
        metadata = copy("metadata", metadata);
        // All of these become root attributes of one object header: keep their total within the budget.
        long total = AttributeValues.estimatedBytes("lab_config", labConfigText)
                + AttributeValues.estimatedBytes("spinloop_version", spinloopVersion)
                + AttributeValues.estimatedBytes("measurability_note", measurabilityNote);
        for (Map.Entry<String, String> e : instrumentIdn.entrySet()) {
            AttributeValues.normaliseValue("*IDN? string of " + e.getKey(), e.getValue());
            total += AttributeValues.estimatedBytes("idn." + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Long> e : seeds.entrySet()) {
            total += AttributeValues.estimatedBytes("seed." + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            AttributeValues.normaliseValue("metadata " + e.getKey(), e.getValue());
            total += AttributeValues.estimatedBytes("meta." + e.getKey(), e.getValue());
        }
        AttributeValues.checkTotal("provenance (lab-config text " + configBytes + " bytes, *IDN? strings, seeds,"
                + " metadata)", total);
    }

    private static <V> Map<String, V> copy(String what, Map<String, V> m) {
        if (m == null) {
            return Map.of();
        }
        Map<String, V> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            AttributeValues.checkKey(what + " name", k);
            out.put(k, Objects.requireNonNull(v, what + " '" + k + "'"));
        });
        return Collections.unmodifiableMap(out);
    }

    /** This provenance with metadata {@code key} set to {@code value} (added, or replaced in place). */
    public Provenance withMetadata(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put(key, value);
        return new Provenance(spinloopVersion, labConfigText, instrumentIdn, seeds, physicallyMeasurable,
                measurabilityNote, m);
    }

    /** A builder, because most callers fill only some of the fields. */
    public static Builder builder(String spinloopVersion) {
        return new Builder(spinloopVersion);
    }

    /** Collects provenance field by field; every map keeps insertion order. */
    public static final class Builder {
        private final String spinloopVersion;
        private String labConfigText = "";
        private final Map<String, String> idn = new LinkedHashMap<>();
        private final Map<String, Long> seeds = new LinkedHashMap<>();
        private boolean measurable = true;
        private String note = "";
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String spinloopVersion) {
            this.spinloopVersion = Objects.requireNonNull(spinloopVersion, "spinloopVersion");
        }

        public Builder labConfig(String yamlText) {
            this.labConfigText = Objects.requireNonNull(yamlText, "yamlText");
            return this;
        }

        public Builder instrument(String name, String idn) {
            this.idn.put(name, idn);
            return this;
        }

        public Builder seed(String name, long seed) {
            this.seeds.put(name, seed);
            return this;
        }

        /** Marks the data as (not) measurable with the real instruments' limits, and says why. */
        public Builder physicallyMeasurable(boolean measurable, String why) {
            this.measurable = measurable;
            this.note = Objects.requireNonNull(why, "why");
            return this;
        }

        public Builder metadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        public Provenance build() {
            return new Provenance(spinloopVersion, labConfigText, idn, seeds, measurable, note, metadata);
        }
    }
}
