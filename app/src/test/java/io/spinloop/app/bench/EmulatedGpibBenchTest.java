package io.spinloop.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.Sweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped GPIB bench: its sources behind the emulated Prologix GPIB-ETHERNET gateway, reached through the
 * drivers' Prologix controller, with {@code bench check} and {@code measure sweep} as a lab person runs them.
 */
class EmulatedGpibBenchTest {
    static final Path CONFIG = TestBenches.repoRoot().resolve("lab-configs/emulated-gpib-bench.yaml");

    @TempDir
    Path dir;

    @Test
    void benchCheckReachesTheSourcesThroughTheGateway() {
        Cli.Result r = Cli.run("bench", "check", "--config", CONFIG.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("all instruments answered as configured"), r.out());
        for (String address : new String[] {"GPIB0::24::INSTR?controller=prologix-1&via=tcp://127.0.0.1:", "GPIB0::25::INSTR?controller=prologix-1&via=",
                "GPIB0::26::INSTR?controller=prologix-1&via=", "TCPIP0::127.0.0.1::hislip0,", "TCPIP0::127.0.0.1::hislip1,",
                "TCPIP0::127.0.0.1::inst0::INSTR?portmapper="}) {
            assertTrue(r.out().contains(address), address + " in\n" + r.out());
        }
    }

    /** stno-a's analyzer answers over HiSLIP, stno-b's over VXI-11; both sources through the gateway. */
    @ParameterizedTest
    @ValueSource(strings = {"stno-a", "stno-b"})
    void aSweepThroughTheGatewayWritesAValidFile(String device) throws Exception {
        Path out = dir.resolve("sweep.h5");
        Cli.Result r = Cli.run("measure", "sweep", "--config", CONFIG.toString(), "--device", device, "--out",
                out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.out() + r.err());
        Sweep s = MeasurementFile.open(out).sweeps().get(0);
        assertTrue(s.complete());
        assertEquals(51, s.points()); // presets.sweep: 0 to 2.5 mA in 50 uA steps
        assertEquals(1001, s.frequencyHz().length);
    }

    /**
     * The README's commands for this bench are the ones these tests run: bench check and a sweep of stno-b (its
     * analyzer on VXI-11) as written, serve with free ports in place of the config's.
     */
    @Test
    void theReadmeCommandsForThisBenchAreTheOnesRunHere() throws Exception {
        String readme = Files.readString(TestBenches.repoRoot().resolve("README.md"));
        int at = readme.indexOf("(EmulatedGpibBenchTest runs all");
        int start = readme.indexOf("```bash\n", at) + 8;
        String block = readme.substring(start, readme.indexOf("```", start));
        assertEquals("""
                ./spinloop emulator serve --config lab-configs/emulated-gpib-bench.yaml
                ./spinloop bench check --config lab-configs/emulated-gpib-bench.yaml
                ./spinloop measure sweep --config lab-configs/emulated-gpib-bench.yaml --device stno-b --out b.h5
                """, block);
    }

    /** A port free now (the serve test cannot use 4880 and 1111, which may be taken on this machine). */
    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * {@code emulator serve} prints the gateway's port next to the raw sockets, and a real-bench config that names
     * a controller at that port reaches the sources through it (free ports: 1234 and 50xx may be taken here).
     */
    @Test
    void emulatorServePrintsTheGatewayAndARealBenchReachesItThroughItsController() throws Exception {
        int hislip = freePort(); // one HiSLIP server, both analyzers' port
        String text = Files.readString(CONFIG).replaceAll("tcp://127\\.0\\.0\\.1:\\d+", "tcp://127.0.0.1:0")
                .replace("hislip0,4880", "hislip0," + hislip).replace("hislip1::", "hislip1," + hislip + "::")
                .replace("portmapper=1111", "portmapper=" + freePort());
        Path cfg = TestBenches.write(dir, "serve.yaml", text);
        try (ChildSpinloop child = ChildSpinloop.start("emulator", "serve", "--config", cfg.toString())) {
            child.awaitLine(l -> l.contains("serving; Ctrl-C to stop"));
            Matcher gateway = Pattern.compile("gpib\\s+Prologix GPIB-ETHERNET gateway\\s+tcp://127\\.0\\.0\\.1:(\\d+)")
                    .matcher(child.log());
            Matcher sa = Pattern.compile("(?i)sa-a\\s+keysight.*n9030b\\s+(TCPIP0::127\\.0\\.0\\.1::hislip0,\\d+::INSTR)")
                    .matcher(child.log());
            Matcher sb = Pattern.compile("(?i)sa-b\\s+keysight.*n9030b\\s+(TCPIP0::127\\.0\\.0\\.1::inst0::INSTR\\?portmapper=\\d+)")
                    .matcher(child.log());
            assertTrue(gateway.find() && sa.find() && sb.find(), child.log());
            assertTrue(child.log().contains("GPIB0::24::INSTR?controller=prologix-1&via=tcp://127.0.0.1:" + gateway.group(1)), child.log());
            assertTrue(Pattern.compile("hislip\\s+HiSLIP server\\s+tcp://127\\.0\\.0\\.1:\\d+").matcher(child.log()).find()
                    && Pattern.compile("vxi11\\s+VXI-11 portmapper\\s+tcp://127\\.0\\.0\\.1:\\d+").matcher(child.log()).find(),
                    child.log());
            String real = """
                    bench: served-gpib
                    controllers:
                      - {name: prologix-1, kind: prologix-ethernet, resource: "tcp://127.0.0.1:%s"}
                    instruments:
                      - {name: smu-a, role: source, model: keithley-2400, controller: prologix-1, gpib_address: 24}
                      - {name: sa-a, role: analyzer, model: auto, resource: "%s"}
                      - {name: smu-b, role: source, model: keithley-2400, controller: prologix-1, gpib_address: 25}
                      - {name: sa-b, role: analyzer, model: auto, resource: "%s"}
                    devices:
                      - id: stno-a
                        source: smu-a
                        analyzer: sa-a
                        limits: {max_current_A: 3.0e-3, compliance_V: 2.0, ramp_rate_A_per_s: 0.5, ramp_step_A: 2.5e-4}
                      - id: stno-b
                        source: smu-b
                        analyzer: sa-b
                        limits: {max_current_A: 3.0e-3, compliance_V: 2.0, ramp_rate_A_per_s: 0.5, ramp_step_A: 2.5e-4}
                    """.formatted(gateway.group(1), sa.group(1), sb.group(1));
            Cli.Result check = Cli.run("bench", "check", "--config",
                    TestBenches.write(dir, "served.yaml", real).toString());
            assertEquals(0, check.exit(), check.out() + check.err());
            assertTrue(check.out().contains("GPIB0::24::INSTR?controller=prologix-1&via=tcp://127.0.0.1:" + gateway.group(1)), check.out());
            assertTrue(check.out().contains(sa.group(1)) && check.out().contains(sb.group(1)), check.out());
            child.process().toHandle().destroy(); // SIGTERM, as Ctrl-C
            assertTrue(child.process().waitFor(20, TimeUnit.SECONDS), "serve stops when interrupted");
        }
    }
}
