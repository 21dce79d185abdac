package io.spinloop.training.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spinloop.training.run.ModelKind;
import io.spinloop.training.run.TrainingConfig;
import io.spinloop.twin.model.KernelPrecision;
import org.junit.jupiter.api.Test;

/**
 * The precision setting in a run's files: config.json round-trips it, a config.json written before it existed reads
 * as float64, the study rows of a float64 run keep the fingerprint they had before the setting existed (so old
 * studies resume), and a float32 run's rows have another (so the two are never mixed in one --out).
 */
class PrecisionFingerprintTest {
    /** As the run directory's mapper (plain Jackson, records by their components). */
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void configJsonRoundTripsThePrecisionAndOldFilesReadAsFloat64() throws Exception {
        TrainingConfig f32 = TrainingConfig.defaults(ModelKind.CTRNN).withPrecision(KernelPrecision.FLOAT32);
        String json = JSON.writeValueAsString(f32);
        assertEquals(f32, JSON.readValue(json, TrainingConfig.class));
        ObjectNode old = (ObjectNode) JSON.readTree(json);
        old.remove("precision");
        TrainingConfig read = JSON.treeToValue(old, TrainingConfig.class);
        assertEquals(KernelPrecision.FLOAT64, read.precision());
        assertEquals(f32.withPrecision(KernelPrecision.FLOAT64), read);
    }

    @Test
    void float64RowsKeepTheirOldFingerprintAndFloat32RowsHaveAnother() {
        TrainingConfig f64 = TrainingConfig.defaults(ModelKind.SPINTRONIC);
        // Before the setting existed the fingerprint hashed the record's text, which ended with the regularisation.
        assertFalse(f64.fingerprintText().contains("precision"), f64.fingerprintText());
        assertTrue(f64.fingerprintText().endsWith(f64.regularisation() + "]"), f64.fingerprintText());
        TrainingConfig f32 = f64.withPrecision(KernelPrecision.FLOAT32);
        assertTrue(f32.fingerprintText().contains("precision=FLOAT32"), f32.fingerprintText());
        assertNotEquals(SeedRunsFile.settings(f64), SeedRunsFile.settings(f32));
    }
}
