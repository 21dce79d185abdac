package io.spinloop.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bench through real loopback sockets: identification, status, errors, several clients, faults. */
class BenchSocketTest {
    private EmulatedBench bench;

    @BeforeEach
    void start() throws IOException {
        bench = EmulatedBench.builder().seed(42)
                .device("stno1", DeviceParameters.defaults())
                .currentSource("smu1", SourceModel.KEITHLEY_2400, 0, "stno1")
                .currentSource("smu2", SourceModel.KEITHLEY_2450, 0, null)
                .analyzer("sa1", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno1")
                .analyzer("fsv", AnalyzerModel.RS_FSV, 0, "stno1")
                .triggerLink("smu1", "sa1")
                .start();
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    private ScpiClient client(String name) throws IOException {
        return new ScpiClient(bench.address(name), 3000);
    }

    @Test
    void identifiesLikeTheRealModelsWithAnEmulatorSerial() throws IOException {
        try (ScpiClient smu = client("smu1"); ScpiClient k = client("smu2"); ScpiClient sa = client("sa1");
             ScpiClient fsv = client("fsv")) {
            assertEquals("KEITHLEY INSTRUMENTS INC.,MODEL 2400,EMU-0001,C33 (spinloop emulator)",
                    smu.query("*IDN?"));
            assertEquals("KEITHLEY INSTRUMENTS,MODEL 2450,EMU-0002,1.7.12b (spinloop emulator)", k.query("*idn?"));
            assertEquals("Keysight Technologies,N9030B,EMU-0003,A.33.03 (spinloop emulator)", sa.query("*IDN?"));
            assertEquals("Rohde&Schwarz,FSV-7,EMU-0004/000,3.40 (spinloop emulator)", fsv.query("*IDN?"));
            assertEquals("SCPI", k.query("*LANG?"));
            assertEquals("1999.0", sa.query("SYST:VERS?"));
        }
        assertTrue(bench.address("smu1").getAddress().isLoopbackAddress());
    }

    @Test
    void errorQueueAndEventStatusBits() throws IOException {
        try (ScpiClient smu = client("smu1"); ScpiClient sa = client("sa1")) {
            assertEquals("128", smu.query("*ESR?"), "power-on bit set once");
            assertEquals("0", smu.query("*ESR?"));
            smu.write("FOO");
            smu.write("SOUR:CURR 2");
            assertEquals("2", smu.query("SYST:ERR:COUN?"));
            assertEquals(String.valueOf(0x20 | 0x10), smu.query("*ESR?"));
            assertEquals("-113,\"Undefined header\"", smu.query("SYST:ERR?"));
            assertEquals("-222,\"Data out of range\"", smu.query("SYST:ERR:NEXT?"));
            assertEquals("0,\"No error\"", smu.query("SYST:ERR?"));
            assertEquals("+0,\"No error\"", sa.query("SYST:ERR?"), "Keysight signs the code");
            for (int i = 0; i < 15; i++) {
                smu.write("BAD" + i);
            }
            for (int i = 0; i < 9; i++) {
                assertEquals("-113,\"Undefined header\"", smu.query("SYST:ERR?"));
            }
            assertEquals("-350,\"Queue overflow\"", smu.query("SYST:ERR?"));
            assertEquals("0,\"No error\"", smu.query("SYST:ERR?"));
        }
    }

    @Test
    void statusByteSummaries() throws IOException {
        try (ScpiClient smu = client("smu1")) {
            smu.write("*CLS;*ESE 32;*SRE 32");
            assertEquals("0", smu.query("*STB?"));
            smu.write("FOO");
            // error queue not empty (4), event summary (32), master summary (64)
            assertEquals(String.valueOf(4 | 32 | 64), smu.query("*STB?"));
            assertEquals("32", smu.query("*ESE?"));
            assertEquals("32", smu.query("*SRE?"));
            assertEquals("*IDN", smu.query("*IDN?;*STB?").substring(0, 0) + "*IDN");
            smu.write("*CLS");
            assertEquals("0", smu.query("*STB?"));
            // message available while an earlier reply of the same message waits in the output queue
            String[] both = smu.query("*IDN?;*STB?").split(";");
            assertEquals(String.valueOf(0x10), both[1]);
            smu.write("*ESE 256");
            assertEquals("-222,\"Data out of range\"", smu.query("SYST:ERR?"));
        }
    }

    @Test
    void resetLeavesTheErrorQueueAndEnableRegistersAlone() throws IOException {
        try (ScpiClient sa = client("sa1")) {
            sa.write("*CLS;*ESE 60;*SRE 48");
            sa.write("FOO");
            sa.write(":FREQ:CENT 1e3");
            assertEquals("+1.00000000000E+03", sa.query(":FREQ:CENT?"));
            sa.write("*RST");
            assertEquals("+1", sa.query("SYST:ERR:COUN?"), "IEEE 488.2 §10.32: *RST does not touch the queue");
            assertEquals("60", sa.query("*ESE?"));
            assertEquals("48", sa.query("*SRE?"));
            assertEquals("+1.32500000000E+10", sa.query(":FREQ:CENT?"), "settings back to their defaults");
            sa.write("*CLS");
            assertEquals("+0", sa.query("SYST:ERR:COUN?"));
            assertEquals("0", sa.query("*ESR?"));
        }
    }

    @Test
    void operationCompleteAfterASweep() throws IOException {
        try (ScpiClient sa = client("sa1")) {
            sa.write("*CLS;:INIT:CONT OFF;:SWE:TIME 2;:INIT;*OPC");
            assertEquals("1", sa.query("*ESR?"));
            double before = bench.now();
            assertEquals("1", sa.query(":INIT;*OPC?"));
            assertTrue(bench.now() - before >= 2, "virtual clock jumped over the 2 s sweep");
        }
    }

    @Test
    void severalClientsAtOnceNeverGetEachOthersReplies() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int id = c;
                results.add(pool.submit(() -> {
                    try (ScpiClient cl = client("sa1")) {
                        for (int i = 0; i < 300; i++) {
                            String v = String.valueOf(1_000_000 + id * 1000 + i);
                            cl.write(":CALC:MARK" + (id + 1) + ":X " + v);
                            double back = Double.parseDouble(cl.query(":CALC:MARK" + (id + 1) + ":X?"));
                            assertEquals(Double.parseDouble(v), back, 1e-3);
                        }
                        return 300;
                    }
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(300, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void binaryTracesInBothByteOrdersAndAscii() throws IOException {
        try (ScpiClient sa = client("sa1")) {
            sa.write(":INIT:CONT OFF;:FREQ:CENT 4.6GHz;SPAN 100MHz;:SWE:POIN 11;:INIT;*WAI");
            sa.write(":FORM:DATA ASC");
            String[] ascii = sa.query(":TRAC? TRACE1").split(",");
            assertEquals(11, ascii.length);
            sa.write(":FORM REAL,32;:FORM:BORD NORM;:TRAC:DATA? TRACE1");
            ByteBuffer big = ByteBuffer.wrap(sa.readBlock()).order(ByteOrder.BIG_ENDIAN);
            sa.write(":FORM:BORD SWAP;:TRAC? TRACE1");
            ByteBuffer little = ByteBuffer.wrap(sa.readBlock()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 11; i++) {
                float v = big.getFloat();
                assertEquals(v, little.getFloat());
                assertEquals(Double.parseDouble(ascii[i]), v, 1e-5 * Math.abs(v));
            }
            assertEquals("REAL,32", sa.query("FORM?"));
            assertEquals("SWAP", sa.query("FORM:BORD?"));
        }
    }

    @Test
    void malformedBytesOverTheWireDoNotKillTheServer() throws IOException {
        try (ScpiClient sa = client("sa1")) {
            byte[] junk = new byte[5000];
            new java.util.SplittableRandom(3).nextBytes(junk);
            sa.writeRaw(junk);
            sa.write("");
            sa.write("*CLS");
            assertEquals("Keysight Technologies", sa.query("*IDN?").split(",")[0]);
        }
    }

    @Test
    void droppedConnectionsAndRecovery() throws IOException {
        try (ScpiClient smu = client("smu1")) {
            assertEquals("0", smu.query("OUTP?"));
            bench.faults("smu1").dropConnections();
            assertThrows(IOException.class, () -> smu.query("*IDN?"));
        }
        try (ScpiClient smu = client("smu1")) {
            bench.faults("smu1").dropConnectionsAfter(2);
            assertEquals("0", smu.query("OUTP?"));
            smu.write("*IDN?");
            assertThrows(IOException.class, smu::readLine);
        }
        try (ScpiClient smu = client("smu1")) {
            assertTrue(smu.query("*IDN?").contains("MODEL 2400"));
        }
    }

    @Test
    void aDropWhileWaitingForATriggerLeavesNoErrorBehind() throws Exception {
        try (ScpiClient sa = client("sa1")) {
            sa.write(":INIT:CONT OFF;:TRIG:SOUR EXT;:INIT;*OPC?");
            Thread.sleep(100); // the *OPC? now waits for a trigger that never comes
            bench.faults("sa1").dropConnections();
            assertThrows(IOException.class, sa::readLine);
        }
        try (ScpiClient sa = client("sa1")) {
            assertEquals("+0,\"No error\"", sa.query("SYST:ERR?"));
            // still armed: the trace memory answers at once, and a new INIT replaces the armed sweep
            sa.write(":SWE:POIN 5;:INIT");
            assertEquals(5, sa.query(":TRAC? TRACE1").split(",").length);
            sa.write(":TRIG:SOUR IMM");
            assertEquals("1", sa.query(":INIT;*OPC?"));
        }
    }

    @Test
    void lateAndGarbledReplies() throws IOException {
        try (ScpiClient sa = new ScpiClient(bench.address("sa1"), 200)) {
            bench.faults("sa1").replyLate(Duration.ofMillis(600));
            assertThrows(java.net.SocketTimeoutException.class, () -> sa.query("*IDN?"));
        }
        // Faults hit an instrument's next reply, whichever connection it goes to: garble another instrument,
        // so that a late-running reply of the connection above cannot take this fault.
        try (ScpiClient fsv = client("fsv")) {
            bench.faults("fsv").garbleNextReply();
            String garbled = fsv.query("*IDN?");
            assertFalse(garbled.startsWith("Rohde"));
            assertEquals("Rohde&Schwarz,FSV-7,EMU-0004/000,3.40 (spinloop emulator)".length(), garbled.length());
            assertTrue(fsv.query("*IDN?").startsWith("Rohde"));
        }
    }

    @Test
    void pushedErrorsAndComplianceTrip() throws IOException {
        try (ScpiClient smu = client("smu1")) {
            bench.faults("smu1").pushError(-222, "Data out of range");
            assertEquals("-222,\"Data out of range\"", smu.query("SYST:ERR?"));
            smu.write("*RST;:SOUR:FUNC CURR;:SOUR:CURR 1e-3;:SENS:VOLT:PROT 5;:FORM:ELEM VOLT,STAT;:OUTP ON");
            assertEquals("0", smu.query(":SENS:VOLT:PROT:TRIP?"));
            bench.faults("smu1").tripCompliance();
            String[] reading = smu.query(":READ?").split(",");
            assertEquals(5.0, Double.parseDouble(reading[0]), 1e-3);
            assertEquals(8, (int) Double.parseDouble(reading[1]) & 8, "compliance bit of the status word");
            assertEquals("1", smu.query(":SENS:VOLT:PROT:TRIP?"));
        }
    }

    @Test
    void faultsFromPlainValues() throws IOException {
        try (EmulatedBench b = EmulatedBench.builder().seed(1)
                .device("d", DeviceParameters.fromValues(Map.of("thresholdCurrentA", 0.8e-3)))
                .currentSource("s", "keithley-2400", null, 0, "d")
                .faults("s", Map.of("push_error", Map.of("code", -300, "text", "Device-specific error")))
                .faults("d", Map.of("stop_oscillating", true))
                .start(); ScpiClient s = new ScpiClient(b.address("s"))) {
            assertEquals("-300,\"Device-specific error\"", s.query("SYST:ERR?"));
            assertFalse(b.device("d").isOscillating());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmulatedBench.builder()
                .currentSource("s", "keithley-2400", null, 0, null).faults("s", Map.of("explode", true)).start());
        assertTrue(e.getMessage().contains("explode"), e.getMessage());
    }

    @Test
    void historyRecordsLevelsAndOutputWithBenchTimes() throws IOException {
        try (ScpiClient smu = client("smu1")) {
            smu.write("*RST;:SOUR:FUNC CURR;:SOUR:CURR 0.5e-3;:OUTP ON;:SOUR:CURR 1e-3;:OUTP OFF");
            smu.query("*OPC?");
        }
        List<SourceEvent> h = bench.history("smu1");
        List<SourceEvent.Cause> causes = h.stream().map(SourceEvent::cause).toList();
        assertEquals(List.of(SourceEvent.Cause.POWER_ON, SourceEvent.Cause.RESET, SourceEvent.Cause.FUNCTION,
                SourceEvent.Cause.LEVEL, SourceEvent.Cause.OUTPUT, SourceEvent.Cause.LEVEL,
                SourceEvent.Cause.OUTPUT), causes);
        assertEquals(1e-3, h.get(5).flowingCurrent(), 1e-12);
        assertEquals(0, h.get(6).flowingCurrent());
        for (int i = 1; i < h.size(); i++) {
            assertTrue(h.get(i).time() >= h.get(i - 1).time());
        }
    }
}
