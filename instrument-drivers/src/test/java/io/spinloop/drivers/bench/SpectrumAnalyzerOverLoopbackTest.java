package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static io.spinloop.drivers.bench.BenchFixture.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.analyzer.Marker;
import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.SpectrumTrace;
import io.spinloop.drivers.analyzer.SweepSettings;
import io.spinloop.drivers.scpi.TrafficEntry;
import io.spinloop.drivers.scpi.TrafficLog;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.emulator.EmulatedBench;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The analyzer drivers against the emulated bench through real loopback sockets. */
class SpectrumAnalyzerOverLoopbackTest {
    private static EmulatedBench bench;

    @BeforeAll
    static void startBench() {
        bench = EmulatorBenches.sourcesAndAnalyzers();
    }

    @AfterAll
    static void stopBench() {
        bench.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sa1", "sa2"})
    void seesTheOscillatorLineWhenTheDeviceIsBiasedAboveThreshold(String name) {
        String smuName = name.equals("sa1") ? "smu1" : "smu2";
        try (CurrentSource smu = Instruments.openCurrentSource(smuName, tcp(bench, smuName), "auto", TIMEOUTS, LIMITS);
             SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer(name, tcp(bench, name), "auto", TIMEOUTS)) {
            smu.outputOn();
            smu.setCurrent(2e-3); // twice the threshold of the default device
            sa.setStartStop(3.5e9, 5.5e9);
            sa.setResolutionBandwidth(1e6);
            sa.setVideoBandwidth(1e6);
            sa.setPoints(1001);
            sa.setReferenceLevel(-20);
            sa.setAveraging(4);
            SweepSettings s = sa.settings();
            assertEquals(3.5e9, s.startHz(), 1);
            assertEquals(5.5e9, s.stopHz(), 1);
            assertEquals(1001, s.points());
            SpectrumTrace trace = sa.sweep();
            assertEquals(1001, trace.points());
            assertEquals(3.5e9, trace.frequencyHz()[0], 1);
            assertEquals(5.5e9, trace.frequencyHz()[1000], 1);
            Marker line = sa.peakAboveNoise(10);
            Marker marker = sa.peak();
            assertEquals(line.frequencyHz(), marker.frequencyHz(), 2 * (2e9 / 1000), "marker and trace agree");
            // red-shifted below f0 = 5 GHz by the nonlinear shift, and well above the noise floor
            assertTrue(line.frequencyHz() > 3.5e9 && line.frequencyHz() < 5.0e9, "line at " + line.frequencyHz());
            assertTrue(line.powerDbm() > -70 && line.powerDbm() < -20, "line power " + line.powerDbm());
            double band = sa.bandPower(line.frequencyHz() - 50e6, line.frequencyHz() + 50e6);
            assertTrue(band >= line.powerDbm() - 1 && band < line.powerDbm() + 15,
                    "band power " + band + " dBm vs peak " + line.powerDbm() + " dBm");
            // the same width away from the line holds only noise: -150 dBm/Hz over 100 MHz is -70 dBm
            double away = line.frequencyHz() > 4.5e9 ? 3.7e9 : 5.3e9;
            double noise = sa.bandPower(away - 50e6, away + 50e6);
            assertTrue(noise < band - 15 && noise > -80 && noise < -60,
                    "noise band power " + noise + " dBm vs line band power " + band + " dBm");
            if (name.equals("sa1")) {
                // Keysight evaluates band power on the last sweep: the marker is a plain peak marker again after.
                // (The FSV re-centres and sweeps again for a band off its center, so its trace has changed.)
                Marker again = sa.peak();
                assertEquals(marker.frequencyHz(), again.frequencyHz(), 1.0);
                assertEquals(marker.powerDbm(), again.powerDbm(), 1e-3);
            }
            sa.setAveraging(1);
        }
        assertEndedSafe(bench, smuName, LIMITS);
    }

    @Test
    void bothByteOrdersAndAsciiGiveTheSameTrace() {
        try (SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", tcp(bench, "sa1"), "keysight-x", TIMEOUTS)) {
            sa.setCenterSpan(5e9, 100e6);
            sa.setPoints(401);
            TrafficLog.Recorder log = new TrafficLog.Recorder(1000);
            sa.setTrafficLog(log);
            sa.singleSweep();
            float[] little = LoopbackExchanges.readTraceInEachFormat(sa);
            sa.setTrafficLog(null);
            sa.readTrace();
            List<String> lines = log.entries().stream().map(TrafficEntry::toString).toList();
            assertTrue(lines.stream().anyMatch(l -> l.contains("sa1 << :INIT:IMM")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("sa1 >> #41604<1604 bytes>")), lines.toString());
            assertEquals(3, lines.stream().filter(l -> l.contains("<< :TRAC? TRACE1")).count(), "log switched off");
            assertEquals(401, little.length);
        }
    }

    @Test
    void zeroSpanStartedByTheSourcesListSweepRecordsPowerVersusTime() {
        try (CurrentSource smu = Instruments.openCurrentSource("smu1", tcp(bench, "smu1"), "auto", TIMEOUTS, LIMITS);
             SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", tcp(bench, "sa1"), "auto", TIMEOUTS)) {
            smu.outputOn();
            smu.setCurrent(0.5e-3);
            // locate the line at the top of the drive, then watch it in zero span while the list runs
            smu.setCurrent(2.0e-3);
            Marker line = LoopbackExchanges.findLine(sa);
            smu.setCurrent(0.5e-3);
            double[] drive = LoopbackExchanges.triangleDrive();
            // A 2400 list point after *RST lasts the dwell plus a 1-NPLC measurement taken three times (auto zero:
            // 51.4 ms): record long enough for all.
            double recordS = drive.length * 55e-3;
            sa.armZeroSpan(line.frequencyHz(), 8e6, recordS, 311);
            smu.runList(drive, Duration.ofMillis(1), true);
            PowerVersusTime pvt = sa.awaitZeroSpan(Duration.ofSeconds(5));
            assertEquals(311, pvt.points());
            assertEquals(recordS, pvt.timeS()[310], 1e-9);
            // below threshold at the start of the list (0.5 mA): noise floor; near 2 mA: the line
            double early = 0;
            for (int i = 0; i < 10; i++) {
                early += pvt.powerDbm()[i] / 10.0;
            }
            float top = Float.NEGATIVE_INFINITY;
            for (float p : pvt.powerDbm()) {
                top = Math.max(top, p);
            }
            assertTrue(top > early + 20, "power near the top of the drive (" + top + " dBm) should stand well above"
                    + " the power below threshold (" + early + " dBm)");
            // the next swept spectrum is back at the auto sweep time, not the list's 1.7 s
            sa.setCenterSpan(4.5e9, 2e9);
            assertTrue(sa.settings().sweepTimeS() < 0.1, "sweep time " + sa.settings().sweepTimeS() + " s");
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }
}
