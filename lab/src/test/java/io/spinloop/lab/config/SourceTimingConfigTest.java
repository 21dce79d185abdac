package io.spinloop.lab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.SourceTiming;
import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.bench.DeviceRig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source's {@code timing:} block in a lab-config: refused with file, line and field when out of the instruments'
 * ranges or not the model's, and otherwise set on the source when the bench opens it, as read back from it.
 */
class SourceTimingConfigTest {
    private static final Path FILE = Path.of("lab.yaml");
    private static final String CONFIG = """
            bench: test-bench
            instruments:
              - name: smu
                role: source
                model: MODEL
                resource: tcp://127.0.0.1:5025
                timing: TIMING
              - name: sa
                role: analyzer
                resource: tcp://127.0.0.1:5026
            devices:
              - id: d1
                source: smu
                analyzer: sa
                limits: {max_current_A: 3.0e-3, compliance_V: 2.0, ramp_rate_A_per_s: 0.1, ramp_step_A: 1.0e-4}
            """;

    private static LabConfigException refuse(String model, String timing) {
        return assertThrows(LabConfigException.class,
                () -> LabConfigLoader.parse(FILE, CONFIG.replace("MODEL", model).replace("TIMING", timing)));
    }

    @Test
    void outOfRangeOrForeignSettingsAreRefusedAtTheirLine() {
        LabConfigException nplc = refuse("auto", "{nplc: 0.001}");
        assertEquals("instruments[0].timing.nplc", nplc.field());
        assertEquals(7, nplc.line());
        assertTrue(nplc.problem().contains("0.01"), nplc.getMessage());
        assertTrue(nplc.getMessage().contains("lab.yaml"), nplc.getMessage());
        assertEquals("instruments[0].timing.auto_zero", refuse("auto", "{auto_zero: sometimes}").field());
        assertEquals("instruments[0].timing.trigger_delay_s", refuse("auto", "{trigger_delay_s: -1}").field());
        assertEquals("instruments[0].timing.measure_in_lists",
                refuse("keithley-2450", "{measure_in_lists: false}").field());
        assertEquals("instruments[0].timing.volts", refuse("auto", "{volts: 3}").field(), "unknown key");
        LabConfigException analyzer = assertThrows(LabConfigException.class, () -> LabConfigLoader.parse(FILE,
                CONFIG.replace("MODEL", "auto").replace("    timing: TIMING\n", "")
                        .replace("resource: tcp://127.0.0.1:5026", "resource: tcp://127.0.0.1:5026\n    timing: {nplc: 1}")));
        assertEquals("instruments[1].timing", analyzer.field());
    }

    /** What each model has: a 2450's trigger delay is its source delay; a B2900 has no auto zero; a 6221 no timing. */
    @Test
    void eachModelIsHeldToItsOwnSettings() throws Exception {
        LabConfigException b2900 = refuse("keysight-b2901a", "{auto_zero: on}");
        assertEquals("instruments[0].timing.auto_zero", b2900.field());
        assertEquals(7, b2900.line());
        assertTrue(b2900.problem().contains("no auto zero"), b2900.getMessage());
        assertEquals("instruments[0].timing.auto_zero", refuse("keysight-b2902a", "{nplc: 0.01}").field(),
                "left out, auto zero would be the Keithleys' on");
        assertEquals("instruments[0].timing", refuse("keithley-6221", "{nplc: 1}").field());
        LabConfigLoader.parse(FILE, CONFIG.replace("MODEL", "keithley-2450")
                .replace("TIMING", "{nplc: 0.01, auto_zero: once, trigger_delay_s: 1.0e-3}"));
        LabConfig b = LabConfigLoader.parse(FILE, CONFIG.replace("MODEL", "keysight-b2901a").replace("TIMING",
                "{nplc: 0.01, auto_zero: once, trigger_delay_s: 1.0e-3, measure_in_lists: false}")).config();
        SourceTiming t = b.instruments().get(0).timing().toTiming();
        assertEquals(new SourceTiming(0.01, SourceTiming.AutoZero.ONCE, 1e-3, false), t);
    }

    @Test
    void theBlockIsSetOnTheSourceWhenTheBenchOpensIt(@TempDir Path dir) throws Exception {
        String yaml = Files.readString(TestLabConfigs.exactBench(dir)).replace("    traffic_log: false\n",
                "    traffic_log: false\n    timing: {nplc: 0.1, auto_zero: off, trigger_delay_s: 2.0e-3}\n");
        Path p = dir.resolve("timed.yaml");
        Files.writeString(p, yaml);
        try (Bench bench = Bench.of(LabConfigLoader.load(p)); DeviceRig rig = bench.openDevice("stno-a")) {
            CurrentSource s = rig.source();
            SourceTiming t = s.timing();
            assertEquals(0.1, t.nplc(), 1e-12);
            assertEquals(SourceTiming.AutoZero.OFF, t.autoZero());
            assertEquals(2e-3, t.triggerDelayS(), 1e-12);
            assertTrue(t.measureInLists());
            assertFalse(s.isOutputOn(), "setting the timing switches nothing on");
        }
        try (Bench bench = Bench.of(LabConfigLoader.load(TestLabConfigs.exactBench(dir)));
             DeviceRig rig = bench.openDevice("stno-b")) {
            assertTrue(rig.source().timing().matches(SourceTiming.instrumentDefaults()), "no block: left as it is");
        }
    }
}
