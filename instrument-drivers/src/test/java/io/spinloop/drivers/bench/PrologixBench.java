package io.spinloop.drivers.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.server.PseudoTerminalPair;
import io.spinloop.emulator.time.Timing;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An emulated bench whose Keithley 2400 (GPIB 24) and N9030B (GPIB 18, trigger-linked to it) hang behind one
 * emulated Prologix controller, reached over one of its wires: TCP (a GPIB-ETHERNET), or a pseudo-terminal pair
 * (a GPIB-USB) opened with jSerialComm or with jssc.
 */
final class PrologixBench implements AutoCloseable {
    /** How the driver reaches the controller. */
    enum Wire {
        TCP(""), SERIAL(""), SERIAL_JSSC("&backend=jssc");

        private final String serialOptions;

        Wire(String serialOptions) {
            this.serialOptions = serialOptions;
        }
    }

    static final int SMU = 24;
    static final int SA = 18;

    final EmulatedBench bench;
    private final PseudoTerminalPair pty;
    private final Wire wire;

    private PrologixBench(EmulatedBench bench, PseudoTerminalPair pty, Wire wire) {
        this.bench = bench;
        this.pty = pty;
        this.wire = wire;
    }

    /** Starts the bench and, for a serial wire, the pseudo-terminal pair (the test is skipped without socat). */
    static PrologixBench start(Wire wire, Path dir) throws IOException {
        if (wire != Wire.TCP) {
            assumeTrue(socatAvailable(), "socat is not installed: the GPIB-USB tests need it for a pseudo-terminal"
                    + " pair (apt-get install socat; .ci/run does this)");
        }
        EmulatedBench bench = EmulatedBench.builder().seed(42)
                .device("stno1", DeviceParameters.defaults())
                .currentSource("smu1", SourceModel.KEITHLEY_2400, 0, "stno1")
                .analyzer("sa1", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno1")
                .triggerLink("smu1", "sa1")
                .prologixGateway(0, Map.of("smu1", SMU, "sa1", SA))
                .timing(Timing.VIRTUAL)
                .start();
        if (wire == Wire.TCP) {
            return new PrologixBench(bench, null, wire);
        }
        PseudoTerminalPair pty = null;
        try {
            pty = PseudoTerminalPair.open(dir.resolve("ttyPrologixUsb"), dir.resolve("ttyGateway"));
            bench.gateway().servePseudoTerminal(pty.server());
            return new PrologixBench(bench, pty, wire);
        } catch (IOException | RuntimeException e) {
            if (pty != null) {
                pty.close();
            }
            bench.close();
            throw e;
        }
    }

    /** The VISA resource of the instrument at {@code address}, through this bench's controller. */
    String resource(int address) {
        if (wire == Wire.TCP) {
            return "GPIB0::" + address + "::INSTR?via=127.0.0.1:" + bench.gatewayAddress().getPort();
        }
        return "GPIB0::" + address + "::INSTR?via=serial://" + pty.client() + "?baud=115200" + wire.serialOptions;
    }

    /** The words the controller goes by in errors: "Prologix GPIB-ETHERNET at tcp://..." or "... GPIB-USB at serial://...". */
    String controllerLabel() {
        return wire == Wire.TCP ? "Prologix GPIB-ETHERNET at tcp://127.0.0.1:" : "Prologix GPIB-USB at serial://" + pty.client();
    }

    static boolean socatAvailable() {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "socat"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        bench.close();
        if (pty != null) {
            pty.close();
        }
    }
}
