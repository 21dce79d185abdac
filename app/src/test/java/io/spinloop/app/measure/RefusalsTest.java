package io.spinloop.app.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands refuse bad input before touching anything, and say what is at fault. */
class RefusalsTest {
    @TempDir
    Path dir;

    private static final String REAL_BENCH = """
            bench: unplugged
            instruments:
              - name: smu
                role: source
                model: keithley-2400
                resource: tcp://127.0.0.1:%d
                timeouts: {connect_s: 0.5, read_s: 0.5}
              - name: sa
                role: analyzer
                resource: tcp://127.0.0.1:%d
                timeouts: {connect_s: 0.5, read_s: 0.5}
            devices:
              - id: d1
                source: smu
                analyzer: sa
                limits: {max_current_A: 3.0e-3, compliance_V: 2.0, ramp_rate_A_per_s: 0.5, ramp_step_A: 2.5e-4}
            """;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void badConfigIsRefusedWithFileLineAndField() throws Exception {
        String bad = TestBenches.defaultBenchText().replace("compliance_V: 2.0          # 500 ohm x 3 mA = 1.5 V",
                "compliance_V: 250.0");
        Path cfg = TestBenches.write(dir, "bad.yaml", bad);
        Path out = dir.resolve("never.h5");
        Cli.Result r = Cli.run("measure", "sweep", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("bad.yaml:47: devices[0].limits.compliance_V: 250.0 V is beyond the compliance range"),
                r.err());
        assertFalse(Files.exists(out));
        Cli.Result check = Cli.run("bench", "check", "--config", cfg.toString());
        assertEquals(2, check.exit());
    }

    @Test
    void unknownFieldAndWrongTypeAreRefusedByEveryCommand() throws Exception {
        Path unknown = TestBenches.write(dir, "unknown.yaml",
                TestBenches.defaultBenchText().replace("  seed: 20260101", "  seed: 20260101\n  sed: 3"));
        Cli.Result r = Cli.run("bench", "check", "--config", unknown.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("emulator.sed: unknown field 'sed'"), r.err());
        Path wrongType = TestBenches.write(dir, "type.yaml",
                TestBenches.defaultBenchText().replace("    count: 8 ", "    count: eight "));
        Cli.Result w = Cli.run("measure", "sequences", "--config", wrongType.toString(), "--out",
                dir.resolve("x.h5").toString());
        assertEquals(2, w.exit());
        assertTrue(w.err().contains("presets.sequences.count: expected a whole number, got 'eight'"), w.err());
    }

    @Test
    void missingInstrumentIsRefused() throws Exception {
        Path cfg = TestBenches.write(dir, "missing.yaml",
                TestBenches.defaultBenchText().replace("    analyzer: sa-b\n", "    analyzer: sa-z\n"));
        Cli.Result r = Cli.run("emulator", "serve", "--config", cfg.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("devices[1].analyzer: no instrument named 'sa-z'"), r.err());
    }

    @Test
    void sweepBeyondTheDeviceLimitIsRefused() throws Exception {
        Cli.Result r = Cli.run("measure", "sweep", "--config", TestBenches.defaultBench().toString(), "--out",
                dir.resolve("x.h5").toString(), "--to", "3.5e-3");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--to 3.5 mA is beyond device 'stno-a' max_current_A 3 mA"), r.err());
    }

    @Test
    void resourceThatDoesNotAnswerIsNamed() throws Exception {
        int a = freePort();
        int b = freePort();
        Path cfg = TestBenches.write(dir, "unplugged.yaml", String.format(REAL_BENCH, a, b));
        Cli.Result r = Cli.run("bench", "check", "--config", cfg.toString());
        assertEquals(3, r.exit(), "the check ran and did not pass: " + r.out() + r.err());
        assertTrue(r.out().contains("FAILED") && r.out().contains("127.0.0.1:" + a), r.out());
        Path out = dir.resolve("unplugged.h5");
        Cli.Result m = Cli.run("measure", "sweep", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(1, m.exit());
        assertTrue(m.err().contains("127.0.0.1:" + a), m.err());
        assertFalse(Files.exists(out), "nothing written when the bench is not there");
    }

    @Test
    void instrumentThatIsAnotherModelThanConfiguredIsRefused() throws Exception {
        Path cfg = TestBenches.write(dir, "mismatch.yaml", TestBenches.defaultBenchText()
                .replace("    model: auto                  # *IDN? picks the driver", "    model: keithley-2450"));
        Cli.Result r = Cli.run("bench", "check", "--config", cfg.toString());
        assertEquals(3, r.exit(), "the check ran and did not pass: " + r.out());
        assertTrue(r.out().contains("smu-a") && r.out().contains("FAILED") && r.out().contains("2450")
                && r.out().contains("MODEL 2400"), r.out());
    }

    @Test
    void serialSettingsTheDriversRefuseAreRefusedInTheConfig() throws Exception {
        Path cfg = TestBenches.write(dir, "baud.yaml", Files.readString(TestBenches.repoRoot()
                .resolve("lab-configs/keithley2400-rs232-fsv.yaml")).replace("baud=9600", "baud=fast"));
        Cli.Result r = Cli.run("bench", "check", "--config", cfg.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("baud.yaml:10: instruments[0].resource:"), r.err());
    }

    @Test
    void existingOutputIsNotOverwritten() throws Exception {
        Path out = dir.resolve("precious.h5");
        byte[] precious = "not yours".getBytes();
        Files.write(out, precious);
        Cli.Result r = Cli.run("measure", "sweep", "--config", TestBenches.defaultBench().toString(), "--out",
                out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("precious.h5: exists; choose another --out or add --overwrite"), r.err());
        assertArrayEquals(precious, Files.readAllBytes(out));
        Cli.Result s = Cli.run("measure", "sequences", "--config", TestBenches.defaultBench().toString(), "--out",
                out.toString());
        assertEquals(2, s.exit());
        assertArrayEquals(precious, Files.readAllBytes(out));
    }
}
