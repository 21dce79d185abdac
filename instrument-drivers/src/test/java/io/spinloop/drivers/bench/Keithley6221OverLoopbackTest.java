package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static io.spinloop.drivers.bench.BenchFixture.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.InstrumentMismatchException;
import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.scpi.InstrumentErrorException;
import io.spinloop.drivers.source.ComplianceTripException;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.MissingCapabilityException;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.drivers.transport.TransportTimeoutException;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Keithley 6221 driver against the emulated 6221 over a loopback socket: chosen by {@code *IDN?}, it sources
 * with its compliance, refuses what a source that measures nothing cannot do before sending a byte, and every
 * fault ends, in the emulator's record, at 0 A with the output off.
 */
class Keithley6221OverLoopbackTest {
    private EmulatedBench bench;

    @BeforeEach
    void startBench() throws IOException {
        bench = EmulatedBench.builder().seed(7)
                .device("stno1", DeviceParameters.defaults())
                .currentSource("cs1", SourceModel.KEITHLEY_6221, 0, "stno1")
                .analyzer("sa1", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno1")
                .triggerLink("cs1", "sa1")
                .timing(Timing.VIRTUAL)
                .start();
    }

    @AfterEach
    void stopBench() {
        bench.close();
    }

    private CurrentSource driven(Timeouts timeouts) {
        CurrentSource cs = Instruments.openCurrentSource("cs1", tcp(bench, "cs1"), "auto", timeouts, LIMITS);
        cs.outputOn();
        cs.setCurrent(2e-3);
        return cs;
    }

    @Test
    void autoSelectsThe6221AndSourcesWithItsCompliance() {
        try (CurrentSource cs = Instruments.openCurrentSource("cs1", tcp(bench, "cs1"), "auto", TIMEOUTS, LIMITS)) {
            assertTrue(cs.identity().raw().contains("MODEL 6221"), cs.identity().raw());
            assertEquals(Model.KEITHLEY_6221, Model.of(cs.identity()).orElseThrow());
            cs.setComplianceVoltage(1.5);
            assertEquals(1.5, cs.complianceVoltage(), 1e-9);
            cs.outputOn();
            cs.setCurrent(2e-3);
            assertEquals(2e-3, cs.readState().levelA(), 1e-12);
            assertTrue(cs.readState().outputOn());
            assertFalse(cs.complianceTripped(), "about 1 V across the device, under 1.5 V");
        }
        assertEndedSafe(bench, "cs1", LIMITS);
    }

    @Test
    void theNamedModelIsAcceptedAndAnotherRefused() {
        try (CurrentSource cs = Instruments.openCurrentSource("cs1", tcp(bench, "cs1"), "keithley-6221", TIMEOUTS,
                LIMITS)) {
            assertTrue(cs.identity().raw().contains("6221"));
        }
        assertThrows(InstrumentMismatchException.class, () -> Instruments.openCurrentSource("cs1", tcp(bench, "cs1"),
                "keithley-2400", TIMEOUTS, LIMITS).close());
    }

    /** Reading a voltage or playing a measured list is refused before anything is sent: the level stays. */
    @Test
    void measuringIsRefusedWithTheSourceLeftAsItWas() {
        try (CurrentSource cs = driven(TIMEOUTS)) {
            int before = bench.history("cs1").size();
            MissingCapabilityException m = assertThrows(MissingCapabilityException.class, cs::measure);
            assertTrue(m.getMessage().contains("cs1") && m.getMessage().contains("Keithley 6221")
                    && m.getMessage().contains("voltage-readback"), m.getMessage());
            MissingCapabilityException l = assertThrows(MissingCapabilityException.class,
                    () -> cs.runList(new double[] {2e-3, 2.1e-3}, Duration.ofMillis(1), true));
            assertTrue(l.getMessage().contains("measured list sweep"), l.getMessage());
            assertThrows(MissingCapabilityException.class, () -> cs.listPointTiming(Duration.ofMillis(1)));
            assertEquals(before, bench.history("cs1").size(), "nothing reached the source");
            assertTrue(cs.isOutputOn());
            assertEquals(2e-3, cs.readState().levelA(), 1e-12);
        }
        assertEndedSafe(bench, "cs1", LIMITS);
    }

    /** The emulated 6221 has no measure commands at all: a raw {@code :READ?} is an undefined header. */
    @Test
    void theEmulated6221AnswersNoReadings() {
        try (var session = io.spinloop.drivers.scpi.ScpiSession.open("cs1", tcp(bench, "cs1"), TIMEOUTS)) {
            session.identify();
            session.write(":MEAS:VOLT?");
            var errors = session.drainErrors();
            assertEquals(-113, errors.get(0).code(), errors.toString());
            session.write(":SOUR:CURR 0.2");
            assertEquals(-222, session.drainErrors().get(0).code(), "beyond the 6221's 105 mA");
        }
    }

    @Test
    void droppedLink() {
        try (CurrentSource cs = driven(TIMEOUTS)) {
            bench.faults("cs1").dropConnections();
            TransportException e = assertThrows(TransportException.class, cs::readState);
            assertTrue(e.getMessage().contains("cs1"), e.getMessage());
            assertEndedSafe(bench, "cs1", LIMITS);
        }
        assertEndedSafe(bench, "cs1", LIMITS);
    }

    /** The link drops after the query ran and before its reply: the source is still made safe. */
    @Test
    void droppedLinkMidReply() {
        try (CurrentSource cs = driven(TIMEOUTS)) {
            bench.faults("cs1").dropConnectionsAfter(1);
            TransportException e = assertThrows(TransportException.class, cs::readState);
            assertTrue(e.getMessage().contains("cs1") && e.getMessage().contains(":OUTP?"), e.getMessage());
            assertEndedSafe(bench, "cs1", LIMITS);
        }
        assertEndedSafe(bench, "cs1", LIMITS);
    }

    @Test
    void lateReply() {
        try (CurrentSource cs = driven(TIMEOUTS.withRead(Duration.ofMillis(400)))) {
            bench.faults("cs1").replyLate(Duration.ofMillis(1500));
            TransportTimeoutException e = assertThrows(TransportTimeoutException.class, () -> cs.setCurrent(2.2e-3));
            assertTrue(e.getMessage().contains("cs1") && e.getMessage().contains("400 ms"), e.getMessage());
            assertEndedSafe(bench, "cs1", LIMITS);
        }
        assertEndedSafe(bench, "cs1", LIMITS);
    }

    @Test
    void instrumentError() {
        try (CurrentSource cs = driven(TIMEOUTS)) {
            bench.faults("cs1").pushError(-222, "Data out of range");
            InstrumentErrorException e = assertThrows(InstrumentErrorException.class, () -> cs.setCurrent(2.2e-3));
            assertEquals(-222, e.code());
            assertTrue(e.getMessage().contains("cs1") && e.getMessage().contains(":SOUR:CURR"), e.getMessage());
            assertEndedSafe(bench, "cs1", LIMITS);
        }
        assertEndedSafe(bench, "cs1", LIMITS);
    }

    /** A trip shows in the measurement condition register; the next change of level sees it and makes the source safe. */
    @Test
    void complianceTripReadFromTheConditionRegister() {
        try (CurrentSource cs = driven(TIMEOUTS)) {
            bench.faults("cs1").tripCompliance();
            assertTrue(cs.complianceTripped());
            ComplianceTripException e = assertThrows(ComplianceTripException.class, () -> cs.setCurrent(2.5e-3));
            assertTrue(e.getMessage().contains("cs1"), e.getMessage());
            assertEndedSafe(bench, "cs1", LIMITS);
        }
        assertEndedSafe(bench, "cs1", LIMITS);
    }
}
