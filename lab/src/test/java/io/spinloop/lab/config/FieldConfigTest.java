package io.spinloop.lab.config;

import static io.spinloop.lab.config.LabConfigTexts.BENCH_AND_SOURCE;
import static io.spinloop.lab.config.LabConfigTexts.DEVICE_D1;
import static io.spinloop.lab.config.LabConfigTexts.FILE;
import static io.spinloop.lab.config.LabConfigTexts.analyzerSa;
import static io.spinloop.lab.config.LabConfigTexts.refuse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A device's field block and the magnet and gaussmeter roles: what loads, and each refusal at its file, line, field. */
class FieldConfigTest {
    private static final String GOOD = BENCH_AND_SOURCE + analyzerSa() + """
              - name: bop
                role: magnet
                model: kepco-bop
                resource: tcp://127.0.0.1:5031
              - name: gm
                role: gaussmeter
                model: lakeshore-475
                resource: tcp://127.0.0.1:5032
            """ + DEVICE_D1 + """
                field:
                  magnet: bop
                  gaussmeter: gm
                  tesla_per_A: 0.05
                  limits:
                    max_current_A: 2.0
                    max_voltage_V: 15.0
                    ramp_rate_A_per_s: 2.0
                    ramp_step_A: 0.02
            """;

    @Test
    void aFieldBlockLoadsWithItsDefaults() {
        LoadedLabConfig c = LabConfigLoader.parse(FILE, GOOD);
        FieldConfig f = c.device("d1").field();
        assertEquals("bop", f.magnet());
        assertEquals(0.05, f.teslaPerA());
        assertEquals(0.0, f.offsetT());
        assertEquals(1e-4, f.toleranceT());
        assertEquals(0.2, f.settleS());
        assertEquals(InstrumentRole.MAGNET, c.config().instrument("bop").orElseThrow().role());
        assertNull(LabConfigLoader.parse(FILE, GOOD.substring(0, GOOD.indexOf("    field:"))).device("d1").field(),
                "a device without a field block sits in no controlled field");
    }

    @Test
    void theMagnetMustBeAMagnetSupply() {
        LabConfigException e = refuse(GOOD.replace("      magnet: bop\n", "      magnet: sa\n"));
        assertEquals("devices[0].field.magnet", e.field());
        assertEquals(27, e.line());
        assertTrue(e.getMessage().startsWith("bench.yaml:27: devices[0].field.magnet: 'sa' is a spectrum analyzer;"
                + " expected a magnet supply"), e.getMessage());
    }

    @Test
    void theGaussmeterMustExist() {
        LabConfigException e = refuse(GOOD.replace("      gaussmeter: gm\n", "      gaussmeter: gm2\n"));
        assertEquals("devices[0].field.gaussmeter", e.field());
        assertTrue(e.problem().contains("no instrument named 'gm2'"), e.getMessage());
    }

    @Test
    void theCalibrationSlopeIsRequiredAndNonZero() {
        LabConfigException missing = refuse(GOOD.replace("      tesla_per_A: 0.05\n", ""));
        assertEquals("devices[0].field.tesla_per_A", missing.field());
        assertTrue(missing.problem().contains("calibration slope"), missing.getMessage());
        LabConfigException zero = refuse(GOOD.replace("      tesla_per_A: 0.05\n", "      tesla_per_A: 0.0\n"));
        assertEquals(29, zero.line());
        assertTrue(zero.problem().contains("non-zero"), zero.getMessage());
    }

    @Test
    void magnetLimitsAreChecked() {
        LabConfigException step = refuse(GOOD.replace("        ramp_step_A: 0.02\n", "        ramp_step_A: 3.0\n"));
        assertEquals("devices[0].field.limits.ramp_step_A", step.field());
        assertEquals(34, step.line());
        LabConfigException none = refuse(GOOD.replace("        max_voltage_V: 15.0\n", ""));
        assertEquals("devices[0].field.limits.max_voltage_V", none.field());
    }

    @Test
    void aFieldInstrumentsModelMustFitItsRole() {
        LabConfigException e = refuse(GOOD.replace("    model: lakeshore-475\n", "    model: kepco-bop\n"));
        assertEquals("instruments[3].model", e.field());
        assertEquals(15, e.line());
        assertTrue(e.problem().contains("is a magnet supply, but the instrument's role is gaussmeter"), e.getMessage());
        LabConfigException unknown = refuse(GOOD.replace("    model: kepco-bop\n", "    model: danfysik-9100\n"));
        assertEquals("instruments[2].model", unknown.field());
        assertTrue(unknown.problem().contains("known: auto, kepco-bop"), unknown.getMessage());
    }

    /** GOOD with a coil block after the magnet limits. */
    private static String withCoil(String coil) {
        return GOOD + "      coil: " + coil + "\n";
    }

    private static int lineOf(String yaml, String text) {
        String[] lines = yaml.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    @Test
    void aCoilWithinTheSupplysVoltageLoads() {
        // 0.5 H x 2 A/s + 7 ohm x 2 A = 15 V: exactly the supply's limit
        FieldConfig f = LabConfigLoader.parse(FILE, withCoil("{inductance_H: 0.5, resistance_ohm: 7.0}")).device("d1")
                .field();
        assertEquals(0.5, f.coil().inductanceH());
        assertEquals(7.0, f.coil().resistanceOhm());
        assertNull(LabConfigLoader.parse(FILE, GOOD).device("d1").field().coil(), "the coil is optional");
    }

    @Test
    void aVoltageLimitBelowWhatTheCoilNeedsAtTheLimitsIsRefusedAtItsLine() {
        String yaml = withCoil("{inductance_H: 0.5, resistance_ohm: 8.0}"); // 1 V + 16 V = 17 V > 15 V
        LabConfigException e = refuse(yaml);
        assertEquals("devices[0].field.limits.max_voltage_V", e.field());
        assertEquals(lineOf(yaml, "max_voltage_V"), e.line());
        assertTrue(e.getMessage().startsWith("bench.yaml:" + e.line() + ": devices[0].field.limits.max_voltage_V: 15 V"
                + " is below what the coil needs at the limits, L·dI/dt + R·I = 0.5 H × 2 A/s + 8 ohm × 2 A = 17 V"),
                e.getMessage());
        assertTrue(e.getMessage().contains("at least 17 V"), e.getMessage());
    }

    @Test
    void theInductiveVoltageOfTheRampCountsToo() {
        // a ramp of 2 A/s through 10 H takes 20 V before any current flows
        LabConfigException e = refuse(withCoil("{inductance_H: 10.0, resistance_ohm: 0.0}"));
        assertEquals("devices[0].field.limits.max_voltage_V", e.field());
        assertTrue(e.getMessage().contains("= 20 V (20 V + 0 V)"), e.getMessage());
        LabConfigLoader.parse(FILE, withCoil("{inductance_H: 10.0, resistance_ohm: 0.0}")
                .replace("ramp_rate_A_per_s: 2.0", "ramp_rate_A_per_s: 1.0")); // 10 V: a slower ramp fits
    }

    @Test
    void aCoilWithoutItsInductanceIsRefusedNamingTheField() {
        String yaml = withCoil("{resistance_ohm: 2.0}");
        LabConfigException e = refuse(yaml);
        assertEquals("devices[0].field.coil.inductance_H", e.field());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void theDefaultBenchsCoilFitsItsSupply() throws Exception {
        FieldConfig f = LabConfigLoader.load(io.spinloop.lab.TestLabConfigs.defaultBench()).device("stno-a").field();
        double needed = f.coil().inductanceH() * f.limits().rampRateAPerS()
                + f.coil().resistanceOhm() * f.limits().maxCurrentA();
        assertEquals(4.08, needed, 1e-12, "the README's figure");
        assertTrue(needed <= f.limits().maxVoltageV());
    }
}
