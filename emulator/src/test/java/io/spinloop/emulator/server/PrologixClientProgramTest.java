package io.spinloop.emulator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program written for real instruments with its own Prologix layer (docs/examples/prologix_client.py: Python,
 * the standard library's socket, or pyserial for a serial port) works against the emulator's gateway unchanged,
 * over TCP as a GPIB-ETHERNET and over a pseudo-terminal as a GPIB-USB.
 */
@Timeout(120) // a blocking read of a terminal or a process must not hang the build
class PrologixClientProgramTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    private static Path script() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("docs/examples/prologix_client.py"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("docs/examples/prologix_client.py not found above "
                    + Paths.get("").toAbsolutePath());
        }
        return p.resolve("docs/examples/prologix_client.py");
    }

    private static EmulatedBench bench() throws IOException {
        return EmulatedBench.builder().seed(7)
                .device("stno1", DeviceParameters.defaults())
                .currentSource("smu", SourceModel.KEITHLEY_2400, 0, "stno1")
                .analyzer("sa", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno1")
                .prologixGateway(0, Map.of("smu", 24, "sa", 18))
                .start();
    }

    @Test
    void overTcpAsAGpibEthernet() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        try (EmulatedBench bench = bench()) {
            String out = run("--tcp", "127.0.0.1:" + bench.gatewayAddress().getPort());
            assertTrue(out.contains("controller: Prologix GPIB-ETHERNET"), out);
            assertAnswered(out);
            // the source's error queue is empty: its serial poll byte has no error bit (EAV, 4)
            assertTrue(out.contains("source status byte: 0"), out);
        }
    }

    @Test
    void overAPseudoTerminalAsAGpibUsb() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        assumeTrue(onPath("socat"), "socat is not installed (apt-get install socat)");
        assumeTrue(pythonHas("serial"), "pyserial is not installed for /usr/bin/python3 (apt-get install python3-serial;"
                + " .ci/run does this)");
        try (EmulatedBench bench = bench();
             PseudoTerminalPair pty = PseudoTerminalPair.open(dir.resolve("ttyUSB0"), dir.resolve("gateway"))) {
            bench.gateway().servePseudoTerminal(pty.server());
            bench.faults("smu").pushError(-113, "Undefined header");
            String out = run("--serial", pty.client().toString());
            assertTrue(out.contains("controller: Prologix GPIB-USB"), out);
            assertAnswered(out);
            assertTrue(out.contains("source status byte: 4"), "an error is queued: EAV; " + out);
        }
    }

    private static void assertAnswered(String out) {
        assertTrue(out.contains("source: KEITHLEY INSTRUMENTS") && out.contains("MODEL 2400"), out);
        assertTrue(out.contains("analyzer: Keysight Technologies,N9030B"), out);
        assertTrue(out.contains("trace: 1001 points"), out);
        assertTrue(out.contains("analyzer errors: +0,\"No error\""), out);
    }

    private String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the client did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static boolean pythonHas(String module) throws Exception {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
