package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static io.spinloop.drivers.bench.LoopbackExchanges.assertUsableAgain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.scpi.InstrumentErrorException;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.drivers.transport.TransportTimeoutException;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.server.PseudoTerminalPair;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults on a plain serial line (jSerialComm and jssc) and on a usbtmc device file: each is a socat pseudo-terminal
 * bridged to the emulated 2400's raw socket, so every byte the driver reads crossed a real terminal. After each: a
 * clear error naming the instrument, the resource and the command, the session recovers, and the emulator's record
 * shows the source at 0 A with its output off. Neither medium has a device clear: after a timeout the driver reopens
 * the port (which flushes what is buffered) and re-identifies; the late reply must never reach a later query.
 */
@Timeout(300)
class SerialAndUsbtmcFaultsTest {
    /**
     * 3 s, so a busy machine's slow reply is no fault. A late reply comes 5 s late: past this timeout by 2 s, and
     * within the 3 s the recovery then waits for the line to give the late reply and the identity (the instrument
     * answers in order: nothing can overtake the late reply on a serial line).
     */
    private static final Timeouts SHORT = TIMEOUTS.withRead(Duration.ofMillis(3000));

    /** How the driver opens the pseudo-terminal standing in for the instrument's port. */
    enum Wire {
        JSERIALCOMM("serial://", "?baud=115200"),
        JSSC("serial://", "?baud=115200&backend=jssc"),
        USBTMC("usbtmc://", "");

        private final String scheme;
        private final String options;

        Wire(String scheme, String options) {
            this.scheme = scheme;
            this.options = options;
        }
    }

    @TempDir
    Path dir;

    /** The emulated bench and the socat bridge from a pseudo-terminal to the source's raw socket. */
    private static final class Bridged implements AutoCloseable {
        final EmulatedBench bench = EmulatorBenches.sourcesAndAnalyzers();
        final Path tty;
        PseudoTerminalPair pty;

        Bridged(Path tty) throws IOException {
            this.tty = tty;
            try {
                pty = PseudoTerminalPair.bridgedToTcp(tty, bench.address("smu1"));
            } catch (IOException | RuntimeException e) {
                bench.close();
                throw e;
            }
        }

        /** socat ends when the emulator closes its connection: a new one at the same path, as a lab person would. */
        void restart() throws IOException {
            pty.close();
            pty = PseudoTerminalPair.bridgedToTcp(tty, bench.address("smu1"));
        }

        @Override
        public void close() {
            try {
                bench.close();
            } finally {
                pty.close();
            }
        }
    }

    private Bridged start(Wire wire) throws IOException {
        assumeTrue(PrologixBench.socatAvailable(), "socat is not installed: it makes the pseudo-terminals these"
                + " tests open as serial ports and usbtmc device files (apt-get install socat; .ci/run does this)");
        return new Bridged(dir.resolve("tty-" + wire.name().toLowerCase()));
    }

    private static CurrentSource drivenSource(Wire wire, Bridged b, Timeouts timeouts) {
        return LoopbackExchanges.drivenSource(wire.scheme + b.tty + wire.options, timeouts);
    }

    private static void assertNamesInstrumentResourceAndCommand(Exception e, Bridged b, String command) {
        String m = e.getMessage();
        assertTrue(m.contains("smu1") && m.contains(b.tty.toString()) && m.contains(command), m);
    }


    /**
     * The emulator sends half of the reading and closes its connection, so socat ends and the port goes away in the
     * middle of a reply. Once a bridge is back at the same path, the session reopens the port and goes on.
     */
    @ParameterizedTest
    @EnumSource(Wire.class)
    void replyCutInTheMiddleAndTheBridgeRestarted(Wire wire) throws Exception {
        try (Bridged b = start(wire)) {
            try (CurrentSource smu = drivenSource(wire, b, SHORT)) {
                b.bench.faults("smu1").cutNextReply();
                TransportException e = assertThrows(TransportException.class, smu::measure);
                assertNamesInstrumentResourceAndCommand(e, b, ":READ?");
                b.restart();
                // the first exchange after the bridge is back reopens the port and takes the source down safely
                smu.outputOff();
                assertEndedSafe(b.bench, "smu1", LIMITS);
                assertUsableAgain(smu);
            }
            assertEndedSafe(b.bench, "smu1", LIMITS);
        }
    }

    /**
     * A reading answered 5 s late, past the 3 s read timeout: a timeout naming the command, the source made safe,
     * and the late reading never taken for the answer to a later query.
     */
    @ParameterizedTest
    @EnumSource(Wire.class)
    void aLateReplyThenAResync(Wire wire) throws Exception {
        try (Bridged b = start(wire)) {
            try (CurrentSource smu = drivenSource(wire, b, SHORT)) {
                b.bench.faults("smu1").replyLate(Duration.ofMillis(5000));
                TransportTimeoutException e = assertThrows(TransportTimeoutException.class, smu::measure);
                assertNamesInstrumentResourceAndCommand(e, b, ":READ?");
                assertTrue(e.getMessage().contains("3000 ms"), e.getMessage());
                assertEndedSafe(b.bench, "smu1", LIMITS);
                assertUsableAgain(smu);
                assertTrue(smu.identity().raw().contains("2400"), smu.identity().raw());
            }
            assertEndedSafe(b.bench, "smu1", LIMITS);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void anInstrumentError(Wire wire) throws Exception {
        try (Bridged b = start(wire)) {
            try (CurrentSource smu = drivenSource(wire, b, TIMEOUTS)) {
                b.bench.faults("smu1").pushError(-222, "Data out of range");
                InstrumentErrorException e = assertThrows(InstrumentErrorException.class, () -> smu.setCurrent(2.2e-3));
                assertEquals(-222, e.code());
                assertTrue(e.getMessage().contains("Data out of range"), e.getMessage());
                assertNamesInstrumentResourceAndCommand(e, b, ":SOUR:CURR");
                assertEndedSafe(b.bench, "smu1", LIMITS);
                assertUsableAgain(smu);
            }
            assertEndedSafe(b.bench, "smu1", LIMITS);
        }
    }
}
