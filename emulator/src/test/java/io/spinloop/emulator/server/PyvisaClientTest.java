package io.spinloop.emulator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program written for real instruments, with its own VISA layer, against the emulator unchanged: Debian's pyvisa and
 * pyvisa-py ({@code /usr/bin/python3}, the '@py' backend) over VXI-11 ({@code TCPIP::127.0.0.1::INSTR}, which asks
 * the portmapper on port 111, so the bench serves it there) and over raw sockets ({@code ::SOCKET}): *IDN?, a current
 * set and read back, a REAL,32 trace. Skipped, saying why, where pyvisa-py is not installed or port 111 cannot be
 * bound (not root, or an rpcbind running). Also over serial ports ({@code ASRL/path::INSTR}, pyserial on pseudo-terminals
 * that socat bridges to the instruments' sockets).
 */
class PyvisaClientTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static EmulatedBench bench;
    private static String skip;

    @BeforeAll
    static void serve() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON)) || run(List.of(PYTHON, "-c", "import pyvisa, pyvisa_py"))
                .exit() != 0) {
            skip = "pyvisa and pyvisa-py are not installed for " + PYTHON
                    + " (apt-get install python3-pyvisa python3-pyvisa-py)";
            return;
        }
        try {
            bench = EmulatedBench.builder().seed(42)
                    .device("stno1", DeviceParameters.defaults())
                    .currentSource("smu1", SourceModel.KEITHLEY_2400, 0, "stno1")
                    .analyzer("sa1", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno1")
                    .vxi11(Vxi11Server.PORTMAPPER_PORT, 0, Map.of("inst0", "smu1", "inst1", "sa1"))
                    .timing(Timing.VIRTUAL)
                    .start();
        } catch (IOException e) {
            skip = "the VXI-11 portmapper cannot be served on port 111, where pyvisa-py asks: " + e.getMessage();
        }
    }

    @AfterAll
    static void stop() {
        if (bench != null) {
            bench.close();
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String check(Path dir, String source, String analyzer) throws Exception {
        Path script = dir.resolve("check_instruments.py");
        try (InputStream in = PyvisaClientTest.class.getResourceAsStream("/pyvisa/check_instruments.py")) {
            Files.write(script, in.readAllBytes());
        }
        Result r = run(List.of(PYTHON, script.toString(), source, analyzer));
        assertEquals(0, r.exit(), r.output());
        return r.output();
    }

    private static void assertAnswered(String out) {
        assertTrue(out.contains("smu KEITHLEY INSTRUMENTS INC.,MODEL 2400"), out);
        assertTrue(out.contains("current 0.0001"), out);
        assertTrue(out.contains("output 0"), out);
        assertTrue(out.contains("sa Keysight Technologies,N9030B"), out);
        assertTrue(out.contains("points 1001"), out);
        List<SourceEvent> h = bench.history("smu1");
        SourceEvent last = h.get(h.size() - 1);
        assertTrue(!last.outputOn() && last.level() == 0, "the script left the source at 0 A, off: " + last);
    }

    @Test
    void pyvisaOverVxi11AsksThePortmapperOn111(@TempDir Path dir) throws Exception {
        assumeTrue(skip == null, skip);
        assertAnswered(check(dir, "TCPIP::127.0.0.1::INSTR", "TCPIP::127.0.0.1::inst1::INSTR"));
    }

    @Test
    void pyvisaOverSerialPorts(@TempDir Path dir) throws Exception {
        assumeTrue(skip == null, skip);
        assumeTrue(run(List.of(PYTHON, "-c", "import serial")).exit() == 0,
                "pyserial is not installed for " + PYTHON + " (apt-get install python3-serial; .ci/run does this)");
        assumeTrue(run(List.of("sh", "-c", "command -v socat")).exit() == 0,
                "socat is not installed: it makes the pseudo-terminals standing in for the RS-232 ports");
        // Each instrument's raw socket behind a pseudo-terminal, as a USB-RS-232 adapter would carry it.
        try (PseudoTerminalPair smu = PseudoTerminalPair.bridgedToTcp(dir.resolve("ttySMU"), bench.address("smu1"));
             PseudoTerminalPair sa = PseudoTerminalPair.bridgedToTcp(dir.resolve("ttySA"), bench.address("sa1"))) {
            assertAnswered(check(dir, "ASRL" + smu.client() + "::INSTR", "ASRL" + sa.client() + "::INSTR"));
        }
    }

    @Test
    void pyvisaOverRawSockets(@TempDir Path dir) throws Exception {
        assumeTrue(skip == null, skip);
        assertAnswered(check(dir, "TCPIP::127.0.0.1::" + bench.address("smu1").getPort() + "::SOCKET",
                "TCPIP::127.0.0.1::" + bench.address("sa1").getPort() + "::SOCKET"));
    }
}
