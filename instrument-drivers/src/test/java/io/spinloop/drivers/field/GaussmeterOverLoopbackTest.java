package io.spinloop.drivers.field;

import static io.spinloop.drivers.field.FieldBench.TIMEOUTS;
import static io.spinloop.drivers.field.FieldBench.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.InstrumentException;
import io.spinloop.drivers.scpi.ReplyFormatException;
import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.drivers.transport.TransportTimeoutException;
import io.spinloop.emulator.EmulatedBench;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Lake Shore driver against the emulated 475 and 425 over real sockets: selected by *IDN?, opened in tesla with
 * autorange, and its faults: a reading beyond a fixed range ({@code OL}), a garbled reply, a meter that stops
 * answering — each a clear error naming the gaussmeter, the next reading good again.
 */
class GaussmeterOverLoopbackTest {

    @Test
    void the425IsSelectedByItsIdentityAndReadsTesla() {
        try (EmulatedBench bench = FieldBench.start("lakeshore-425");
             Gaussmeter gm = FieldInstruments.openGaussmeter("gm1", tcp(bench, "gm1"), "auto", TIMEOUTS)) {
            assertEquals("MODEL425", gm.identity().model());
            assertEquals(0.010878, gm.readField(), 1e-4, "the gap's bias field, in tesla");
        }
    }

    @Test
    void aReadingBeyondAFixedRangeIsAnOverload() {
        try (EmulatedBench bench = FieldBench.start("lakeshore-475");
             Gaussmeter gm = FieldInstruments.openGaussmeter("gm1", tcp(bench, "gm1"), "475", TIMEOUTS)) {
            try (ScpiSession panel = ScpiSession.open("panel", tcp(bench, "gm1"), TIMEOUTS)) {
                panel.write("RANGE 1"); // someone at the front panel picks the 3 mT range
                assertEquals("1", panel.query("RANGE?").trim());
            }
            FieldOverloadException e = assertThrows(FieldOverloadException.class, gm::readField);
            assertTrue(e.getMessage().contains("gm1") && e.getMessage().contains("OL"), e.getMessage());
        }
    }

    @Test
    void aGarbledReplyIsReportedAndTheNextReadingIsGood() {
        try (EmulatedBench bench = FieldBench.start("lakeshore-475");
             Gaussmeter gm = FieldInstruments.openGaussmeter("gm1", tcp(bench, "gm1"), "auto", TIMEOUTS)) {
            bench.faults("gm1").garbleNextReply();
            InstrumentException e = assertThrows(InstrumentException.class, gm::readField);
            assertTrue(e instanceof ReplyFormatException || e instanceof TransportException, e.toString());
            assertTrue(e.getMessage().contains("gm1"), e.getMessage());
            assertEquals(0.010878, gm.readField(), 1e-4);
        }
    }

    /**
     * Like the real 475 and 425 (IEEE 488.2 common commands and Lake Shore queries, no SCPI error queue): the
     * emulated meter leaves {@code SYST:ERR?} unanswered and sets the command error bit (5) of {@code *ESR?}.
     */
    @Test
    void theEmulatedMetersHaveNoScpiErrorQueueButTheCommandErrorBit() {
        for (String model : new String[] {"lakeshore-475", "lakeshore-425"}) {
            try (EmulatedBench bench = FieldBench.start(model);
                 ScpiSession raw = ScpiSession.open("raw", tcp(bench, "gm1"), TIMEOUTS)) {
                raw.write("*CLS");
                raw.write("SYST:ERR?"); // no reply comes: the next reply is the *ESR? below
                assertEquals(32, raw.queryInt("*ESR?"), model + ": command error bit, nothing else");
                assertEquals(0, raw.queryInt("*ESR?"), model + ": *ESR? clears it");
                raw.write("UNIT 9"); // out of range: an execution error
                assertEquals(16, raw.queryInt("*ESR?"), model);
                assertTrue(raw.query("*IDN?").startsWith("LSCI,MODEL4"), model + ": still in step");
            }
        }
    }

    /**
     * A link that drops mid-run is reopened without {@code SYST:ERR?} (which the meter would leave unanswered, so the
     * reconnect would time out): the session reads {@code *ESR?} instead and the next reading is good.
     */
    @Test
    void aDroppedLinkReconnectsThroughTheEventStatusRegister() {
        try (EmulatedBench bench = FieldBench.start("lakeshore-475");
             Gaussmeter gm = FieldInstruments.openGaussmeter("gm1", tcp(bench, "gm1"), "475", TIMEOUTS)) {
            assertEquals(0.010878, gm.readField(), 1e-4);
            bench.faults("gm1").dropConnections();
            try {
                gm.readField(); // may fail naming the meter, or reconnect at once
            } catch (InstrumentException e) {
                assertTrue(e.getMessage().contains("gm1"), e.getMessage());
            }
            assertEquals(0.010878, gm.readField(), 1e-4, "read again after reconnecting");
        }
    }

    /** A gaussmeter named as an analyzer by mistake is refused on its identity, before any SYST:ERR? goes unanswered. */
    @Test
    void aGaussmeterConfiguredAsAnAnalyzerIsRefusedAtOnce() {
        try (EmulatedBench bench = FieldBench.start("lakeshore-475")) {
            var e = assertThrows(io.spinloop.drivers.InstrumentMismatchException.class,
                    () -> io.spinloop.drivers.bench.Instruments.openSpectrumAnalyzer("sa1", tcp(bench, "gm1"), "auto",
                            TIMEOUTS));
            assertTrue(e.getMessage().contains("MODEL475"), e.getMessage());
        }
    }

    @Test
    void aMeterThatStopsAnsweringTimesOutNamingIt() {
        try (EmulatedBench bench = FieldBench.start("lakeshore-475");
             Gaussmeter gm = FieldInstruments.openGaussmeter("gm1", tcp(bench, "gm1"), "auto",
                     TIMEOUTS.withRead(Duration.ofMillis(300)))) {
            bench.faults("gm1").replyLate(Duration.ofSeconds(5));
            TransportTimeoutException e = assertThrows(TransportTimeoutException.class, gm::readField);
            assertTrue(e.getMessage().contains("gm1") && e.getMessage().contains("RDGFIELD?"), e.getMessage());
        }
    }
}
