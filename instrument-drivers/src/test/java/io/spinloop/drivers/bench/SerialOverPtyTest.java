package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spinloop.drivers.analyzer.Marker;
import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.TraceFormat;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.ListSweepResult;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.server.PseudoTerminalPair;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A driver over RS-232: socat makes a pseudo-terminal bridged to the emulator's TCP port, and the driver opens
 * it like a USB-serial adapter, with each serial backend: jSerialComm (the default) and jssc ({@code backend=jssc}).
 * (A pty ignores baud and parity, so this proves the serial code path, not line settings.) Skipped only when socat
 * is not installed; {@code .ci/run} installs it.
 */
class SerialOverPtyTest {

    @TempDir
    Path dir;

    private static boolean socatAvailable() {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "socat"))) {
                return true;
            }
        }
        return false;
    }

    /** Both spellings of a serial port (spinloop's own and the VISA one, {@code ASRL/dev/...::INSTR}), both backends. */
    @ParameterizedTest
    @ValueSource(strings = {"serial", "visa", "serial-jssc", "visa-jssc"})
    void keithleyOverAPseudoTerminal(String spelling) throws Exception {
        assumeTrue(socatAvailable(), "socat is not installed: the serial test needs it to make a pseudo-terminal"
                + " (apt-get install socat; .ci/run does this)");
        try (EmulatedBench bench = EmulatorBenches.sourcesAndAnalyzers()) {
            InetSocketAddress a = bench.address("smu1");
            Path tty = dir.resolve("ttyKeithley-" + spelling);
            Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + tty,
                    "tcp:" + a.getHostString() + ":" + a.getPort()).redirectErrorStream(true).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!Files.exists(tty) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertTrue(Files.exists(tty), "socat did not create " + tty);
                String backend = spelling.endsWith("-jssc") ? "&backend=jssc" : "";
                String resource = spelling.startsWith("visa") ? "ASRL" + tty + "::INSTR?baud=115200" + backend
                        : "serial://" + tty + "?baud=115200&parity=none&data=8&stop=1&flow=none&term=lf" + backend;
                try (CurrentSource smu = Instruments.openCurrentSource("smu1", resource, "auto", TIMEOUTS, LIMITS)) {
                    assertTrue(smu.identity().raw().contains("MODEL 2400"), smu.identity().raw());
                    smu.outputOn();
                    smu.setCurrent(1.5e-3);
                    assertEquals(1.5e-3, smu.measure().current(), 2e-5);
                    ListSweepResult r = smu.runList(new double[] {1.5e-3, 1.6e-3, 1.5e-3}, Duration.ofMillis(1), false);
                    assertEquals(3, r.points());
                }
                assertEndedSafe(bench, "smu1", LIMITS);
            } finally {
                socat.destroy();
                socat.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The analyzer on a serial line too, with each backend: a REAL,32 trace (its bytes are data, not line ends) and
     * the trigger link from the source's list into the analyzer's zero-span sweep.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jserialcomm", "jssc"})
    void bothDriversAndTheTriggerLinkOverPseudoTerminals(String backend) throws Exception {
        assumeTrue(socatAvailable(), "socat is not installed: the serial test needs it to make a pseudo-terminal"
                + " (apt-get install socat; .ci/run does this)");
        try (EmulatedBench bench = EmulatorBenches.sourcesAndAnalyzers();
             PseudoTerminalPair smuTty = PseudoTerminalPair.bridgedToTcp(dir.resolve("ttySmu"), bench.address("smu1"));
             PseudoTerminalPair saTty = PseudoTerminalPair.bridgedToTcp(dir.resolve("ttySa"), bench.address("sa1"))) {
            String options = "?baud=115200&backend=" + backend;
            try (CurrentSource smu = Instruments.openCurrentSource("smu1", "serial://" + smuTty.client() + options,
                    "auto", TIMEOUTS, LIMITS);
                 SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", "serial://" + saTty.client() + options,
                         "auto", TIMEOUTS)) {
                smu.outputOn();
                smu.setCurrent(2e-3);
                sa.setCenterSpan(4.5e9, 2e9);
                sa.setResolutionBandwidth(3e6);
                sa.setPoints(1001);
                sa.setTraceFormat(TraceFormat.REAL32_LITTLE_ENDIAN);
                sa.sweep();
                float[] little = sa.readTrace();
                sa.setTraceFormat(TraceFormat.REAL32_BIG_ENDIAN);
                assertArrayEquals(little, sa.readTrace());
                Marker line = sa.peakAboveNoise(10);
                smu.setCurrent(0.5e-3);
                double[] drive = LoopbackExchanges.triangleDrive();
                sa.armZeroSpan(line.frequencyHz(), 8e6, drive.length * 25e-3, 311);
                ListSweepResult r = smu.runList(drive, Duration.ofMillis(1), true);
                assertEquals(drive.length, r.points());
                PowerVersusTime pvt = sa.awaitZeroSpan(Duration.ofSeconds(10));
                assertEquals(311, pvt.points());
            }
            assertEndedSafe(bench, "smu1", LIMITS);
        }
    }
}
