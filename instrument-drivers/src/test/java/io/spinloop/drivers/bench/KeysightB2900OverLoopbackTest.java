package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static io.spinloop.drivers.bench.BenchFixture.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.analyzer.Marker;
import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.scpi.InstrumentErrorException;
import io.spinloop.drivers.scpi.TrafficEntry;
import io.spinloop.drivers.scpi.TrafficLog;
import io.spinloop.drivers.source.ComplianceTripException;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.CurrentSources;
import io.spinloop.drivers.source.ListSweepResult;
import io.spinloop.drivers.source.SourceReading;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.drivers.transport.TransportTimeoutException;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Keysight B2900 driver against an emulated B2902A over loopback sockets: its two channels source into two
 * devices, each opened as its own current source with channel-numbered SCPI; a channel's list sweep pulses the
 * trigger link to its analyzer; faults on the link, late replies and instrument errors end, in the emulator's record
 * of that channel, at 0 A with the output off.
 */
class KeysightB2900OverLoopbackTest {
    private EmulatedBench bench;

    @BeforeEach
    void startBench() throws IOException {
        bench = EmulatedBench.builder().seed(3)
                .device("stno1", DeviceParameters.defaults())
                .device("stno2", DeviceParameters.defaults())
                .currentSource("smu", SourceModel.KEYSIGHT_B2902A, 0, "stno1")
                .sourceChannel("smu-ch2", "smu", 2, "stno2")
                .analyzer("sa1", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno1")
                .analyzer("sa2", AnalyzerModel.RS_FSW, 0, "stno2")
                .triggerLink("smu", "sa1")
                .triggerLink("smu-ch2", "sa2")
                .timing(Timing.VIRTUAL)
                .start();
    }

    @AfterEach
    void stopBench() {
        bench.close();
    }

    private CurrentSource channel(String name, int ch) {
        return Instruments.openCurrentSource(name, tcp(bench, "smu"), "auto", ch, TIMEOUTS, LIMITS, null,
                CurrentSources.WARNINGS_ON_STDERR);
    }

    @Test
    void twoChannelsSourceIntoTwoDevicesWithChannelNumberedScpi() {
        try (CurrentSource a = channel("smu", 1); CurrentSource b = channel("smu-ch2", 2)) {
            assertTrue(a.identity().raw().startsWith("Keysight Technologies,B2902A,"), a.identity().raw());
            assertEquals(Model.KEYSIGHT_B2902A, Model.of(a.identity()).orElseThrow());
            TrafficLog.Recorder log = new TrafficLog.Recorder(1000);
            b.setTrafficLog(log);
            b.setComplianceVoltage(1.8);
            a.outputOn();
            b.outputOn();
            a.setCurrent(2e-3);
            b.setCurrent(1.5e-3);
            SourceReading ra = a.measure();
            SourceReading rb = b.measure();
            assertEquals(2e-3, ra.current(), 2e-5);
            assertEquals(1.5e-3, rb.current(), 2e-5);
            assertTrue(ra.voltage() > rb.voltage() && rb.voltage() > 0.5, ra + " vs " + rb);
            assertEquals(1.8, b.complianceVoltage(), 1e-9);
            assertEquals(2e-3, a.readState().levelA(), 1e-12);
            assertEquals(1.5e-3, b.readState().levelA(), 1e-12);
            double lastA = bench.history("smu").get(bench.history("smu").size() - 1).level();
            double lastB = bench.history("smu-ch2").get(bench.history("smu-ch2").size() - 1).level();
            assertEquals(2e-3, lastA, 1e-12, "channel 1's record");
            assertEquals(1.5e-3, lastB, 1e-12, "channel 2's record");
            List<String> sent = log.entries().stream().map(TrafficEntry::toString).toList();
            assertTrue(sent.stream().anyMatch(l -> l.contains("<< :SOUR2:CURR ")), sent.toString());
            assertTrue(sent.stream().anyMatch(l -> l.contains("<< :SENS2:VOLT:PROT 1.8")), sent.toString());
            assertTrue(sent.stream().anyMatch(l -> l.contains("<< :OUTP2 ON")), sent.toString());
            assertTrue(sent.stream().anyMatch(l -> l.contains("<< :MEAS? (@2)")), sent.toString());
        }
        assertEndedSafe(bench, "smu", LIMITS);
        assertEndedSafe(bench, "smu-ch2", LIMITS);
    }

    /**
     * The unit's two channels share one session in this process (one connection): a command and its error check are
     * one exchange, so an error channel 2's command raises in the unit's one queue is channel 2's, and channel 1,
     * working at the same time, never reads it (over two connections channel 1's check could drain it, be blamed and
     * made safe, and channel 2's error be lost). Closing one channel leaves the other working; the link closes with
     * the last, and both channels' claims are released.
     */
    @Test
    void theChannelsShareOneSessionAndEachReadsOnlyItsOwnErrors() throws Exception {
        try (CurrentSource a = channel("smu", 1); CurrentSource b = channel("smu-ch2", 2)) {
            assertEquals(1, bench.openConnections("smu"), "one connection for the unit's two channels");
            a.outputOn();
            a.setCurrent(1e-3);
            java.util.concurrent.atomic.AtomicReference<Throwable> channelOne = new java.util.concurrent.atomic
                    .AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread worker = new Thread(() -> {
                try {
                    for (int k = 0; !stop.get(); k++) {
                        a.setCurrent(k % 2 == 0 ? 1.1e-3 : 1e-3);
                        a.measure();
                    }
                } catch (Throwable t) {
                    channelOne.set(t);
                }
            }, "channel-1");
            worker.start();
            try {
                for (int k = 0; k < 20; k++) {
                    b.outputOn();
                    b.setCurrent(1e-3);
                    // 0.1 mV is within spinloop's limits but below the B2902A's 0.2 mV: the instrument refuses it
                    InstrumentErrorException e = assertThrows(InstrumentErrorException.class,
                            () -> b.setComplianceVoltage(1e-4));
                    assertEquals(-222, e.code(), e.getMessage());
                    assertTrue(e.getMessage().contains(":SENS2:VOLT:PROT"), e.getMessage());
                    assertFalse(b.isOutputOn(), "channel 2 was made safe");
                }
            } finally {
                stop.set(true);
                worker.join(TimeUnit.MINUTES.toMillis(1));
            }
            assertNull(channelOne.get(), "channel 1 never read channel 2's errors: " + channelOne.get());
            assertTrue(a.isOutputOn(), "channel 1 still sourcing");
            b.close();
            assertEquals(1e-3, a.measure().current(), 1.5e-4, "channel 1 works after channel 2 closed");
        }
        assertEndedSafe(bench, "smu", LIMITS);
        assertEndedSafe(bench, "smu-ch2", LIMITS);
        try (CurrentSource again = channel("smu-ch2", 2); CurrentSource one = channel("smu", 1)) {
            assertEquals("smu-ch2", again.name(), "the claims were released with the sources");
            assertEquals("smu", one.name());
        }
    }

    @Test
    void aChannelIsClaimedOnItsOwnAndChannelThreeIsRefused() {
        try (CurrentSource b = channel("smu-ch2", 2)) {
            assertThrows(InstrumentInUseException.class, () -> channel("again", 2).close());
            try (CurrentSource a = channel("smu", 1)) {
                a.outputOn();
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> channel("ch3", 3));
            assertTrue(e.getMessage().contains("channels 1 to 2") && e.getMessage().contains("channel 3"),
                    e.getMessage());
        }
    }

    @Test
    void channelTwosListSweepStartsItsAnalyzersZeroSpan() {
        try (CurrentSource a = channel("smu", 1); CurrentSource b = channel("smu-ch2", 2);
             SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa2", tcp(bench, "sa2"), "auto", TIMEOUTS)) {
            a.outputOn();
            a.setCurrent(1e-3);
            int aBefore = bench.history("smu").size();
            b.outputOn();
            b.setCurrent(2e-3);
            Marker line = LoopbackExchanges.findLine(sa);
            b.setCurrent(0.5e-3);
            double[] drive = LoopbackExchanges.triangleDrive();
            double recordS = drive.length * 25e-3;
            sa.armZeroSpan(line.frequencyHz(), 8e6, recordS, 311);
            ListSweepResult r = b.runList(drive, Duration.ofMillis(1), true);
            PowerVersusTime pvt = sa.awaitZeroSpan(Duration.ofSeconds(5));
            assertEquals(31, r.points());
            assertEquals(2.0e-3, r.current()[15], 2e-5, "the list's top, read back");
            assertTrue(r.voltage()[15] > r.voltage()[0], "the voltage follows the list");
            double early = 0;
            for (int i = 0; i < 10; i++) {
                early += pvt.powerDbm()[i] / 10.0;
            }
            float top = Float.NEGATIVE_INFINITY;
            for (float p : pvt.powerDbm()) {
                top = Math.max(top, p);
            }
            assertTrue(top > early + 20, "top " + top + " dBm vs below threshold " + early + " dBm");
            assertEquals(aBefore, bench.history("smu").size(), "channel 1 untouched by channel 2's list");
        }
        assertEndedSafe(bench, "smu", LIMITS);
        assertEndedSafe(bench, "smu-ch2", LIMITS);
    }

    /** The one-channel B2901A: chosen by *IDN?, channel 1 only; its emulation refuses a channel-2 header (-114). */
    @Test
    void theB2901AHasOneChannel() throws IOException {
        try (EmulatedBench one = EmulatedBench.builder().seed(5).device("d", DeviceParameters.defaults())
                .currentSource("b1", SourceModel.KEYSIGHT_B2901A, 0, "d").timing(Timing.VIRTUAL).start()) {
            try (CurrentSource s = Instruments.openCurrentSource("b1", tcp(one, "b1"), "keysight-b2901a", 1, TIMEOUTS,
                    LIMITS, null, CurrentSources.WARNINGS_ON_STDERR)) {
                assertEquals(Model.KEYSIGHT_B2901A, Model.of(s.identity()).orElseThrow());
                s.outputOn();
                s.setCurrent(1e-3);
                assertEquals(1e-3, s.measure().current(), 2e-5);
            }
            assertEndedSafe(one, "b1", LIMITS);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Instruments
                    .openCurrentSource("b1", tcp(one, "b1"), "auto", 2, TIMEOUTS, LIMITS, null,
                            CurrentSources.WARNINGS_ON_STDERR));
            assertTrue(e.getMessage().contains("one channel"), e.getMessage());
            try (var session = io.spinloop.drivers.scpi.ScpiSession.open("b1", tcp(one, "b1"), TIMEOUTS)) {
                session.write(":SOUR2:CURR 1e-3");
                assertEquals(-114, session.drainErrors().get(0).code());
            }
        }
    }

    @Test
    void droppedLink() {
        try (CurrentSource b = channel("smu-ch2", 2)) {
            b.outputOn();
            b.setCurrent(2e-3);
            bench.faults("smu-ch2").dropConnections();
            TransportException e = assertThrows(TransportException.class, b::measure);
            assertTrue(e.getMessage().contains("smu-ch2"), e.getMessage());
            assertEndedSafe(bench, "smu-ch2", LIMITS);
        }
        assertEndedSafe(bench, "smu-ch2", LIMITS);
    }

    /** The link drops after channel 2's reading ran and before its reply: channel 2 is still made safe. */
    @Test
    void droppedLinkMidReply() {
        try (CurrentSource b = channel("smu-ch2", 2)) {
            b.outputOn();
            b.setCurrent(2e-3);
            bench.faults("smu-ch2").dropConnectionsAfter(1);
            TransportException e = assertThrows(TransportException.class, b::measure);
            assertTrue(e.getMessage().contains("smu-ch2") && e.getMessage().contains(":MEAS? (@2)"), e.getMessage());
            assertEndedSafe(bench, "smu-ch2", LIMITS);
        }
        assertEndedSafe(bench, "smu-ch2", LIMITS);
    }

    @Test
    void lateReply() {
        try (CurrentSource b = Instruments.openCurrentSource("smu-ch2", tcp(bench, "smu"), "keysight-b2902a", 2,
                TIMEOUTS.withRead(Duration.ofMillis(400)), LIMITS, null, CurrentSources.WARNINGS_ON_STDERR)) {
            b.outputOn();
            b.setCurrent(2e-3);
            bench.faults("smu-ch2").replyLate(Duration.ofMillis(1500));
            TransportTimeoutException e = assertThrows(TransportTimeoutException.class, b::measure);
            assertTrue(e.getMessage().contains("smu-ch2") && e.getMessage().contains("400 ms"), e.getMessage());
            assertEndedSafe(bench, "smu-ch2", LIMITS);
        }
        assertEndedSafe(bench, "smu-ch2", LIMITS);
    }

    @Test
    void instrumentError() {
        try (CurrentSource b = channel("smu-ch2", 2)) {
            b.outputOn();
            b.setCurrent(2e-3);
            bench.faults("smu-ch2").pushError(-222, "Data out of range");
            InstrumentErrorException e = assertThrows(InstrumentErrorException.class, () -> b.setCurrent(2.2e-3));
            assertEquals(-222, e.code());
            assertTrue(e.getMessage().contains("smu-ch2") && e.getMessage().contains(":SOUR2:CURR"), e.getMessage());
            assertEndedSafe(bench, "smu-ch2", LIMITS);
        }
        assertEndedSafe(bench, "smu-ch2", LIMITS);
    }

    /** A trip injected on channel 2 is channel 2's: its reading stops it safe, channel 1 keeps sourcing. */
    @Test
    void complianceTripOnChannelTwoLeavesChannelOneSourcing() {
        try (CurrentSource a = channel("smu", 1); CurrentSource b = channel("smu-ch2", 2)) {
            a.outputOn();
            a.setCurrent(1e-3);
            b.outputOn();
            b.setCurrent(2e-3);
            bench.faults("smu-ch2").tripCompliance();
            ComplianceTripException e = assertThrows(ComplianceTripException.class, b::measure);
            assertTrue(e.getMessage().contains("smu-ch2"), e.getMessage());
            assertEndedSafe(bench, "smu-ch2", LIMITS);
            assertEquals(1e-3, a.measure().current(), 2e-5, "channel 1 untouched");
        }
        assertEndedSafe(bench, "smu", LIMITS);
    }

    @Test
    void complianceReachedInsideChannelTwosList() {
        try (CurrentSource b = channel("smu-ch2", 2)) {
            b.setComplianceVoltage(0.6);
            b.outputOn();
            b.setCurrent(1e-3);
            double[] list = {1.0e-3, 1.1e-3, 1.2e-3, 1.3e-3, 1.4e-3, 1.3e-3, 1.2e-3, 1.1e-3, 1.0e-3};
            ComplianceTripException e = assertThrows(ComplianceTripException.class,
                    () -> b.runList(list, Duration.ofMillis(1), false));
            assertTrue(e.getMessage().contains("smu-ch2") && e.getMessage().contains("list sweep"), e.getMessage());
            assertEndedSafe(bench, "smu-ch2", LIMITS);
        }
        assertEndedSafe(bench, "smu-ch2", LIMITS);
    }
}
