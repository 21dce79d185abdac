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
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both drivers over {@code usbtmc://} device files. No usbtmc device is available here, so each device file is a
 * pseudo-terminal bridged to the emulated instrument's raw socket: this proves the device-file transport (one
 * write per message, reads on their own thread) end to end, not the kernel driver's USB side.
 */
class UsbtmcOverPtyTest {
    @TempDir
    Path dir;

    @Test
    void bothDriversThroughDeviceFiles() throws Exception {
        assumeTrue(PrologixBench.socatAvailable(), "socat is not installed: it makes the pseudo-terminals standing in"
                + " for /dev/usbtmcN (apt-get install socat; .ci/run does this)");
        try (EmulatedBench bench = EmulatorBenches.sourcesAndAnalyzers();
             PseudoTerminalPair smuFile = PseudoTerminalPair.bridgedToTcp(dir.resolve("usbtmc0"), bench.address("smu1"));
             PseudoTerminalPair saFile = PseudoTerminalPair.bridgedToTcp(dir.resolve("usbtmc1"), bench.address("sa1"))) {
            try (CurrentSource smu = Instruments.openCurrentSource("smu1", "usbtmc://" + smuFile.client(), "auto",
                    TIMEOUTS, LIMITS);
                 SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", "usbtmc://" + saFile.client(), "auto",
                         TIMEOUTS)) {
                smu.outputOn();
                smu.setCurrent(2e-3);
                assertEquals(2e-3, smu.measure().current(), 2e-5);
                ListSweepResult sweep = smu.runList(new double[] {2.0e-3, 2.1e-3, 2.0e-3}, Duration.ofMillis(1), false);
                assertEquals(3, sweep.points());
                sa.setCenterSpan(4.5e9, 2e9);
                sa.setResolutionBandwidth(3e6);
                sa.setPoints(1001);
                sa.singleSweep();
                sa.setTraceFormat(TraceFormat.REAL32_LITTLE_ENDIAN);
                float[] little = sa.readTrace();
                sa.setTraceFormat(TraceFormat.REAL32_BIG_ENDIAN);
                assertArrayEquals(little, sa.readTrace());
                assertEquals(1001, little.length);
                // the trigger link
                sa.sweep();
                Marker line = sa.peakAboveNoise(10);
                smu.setCurrent(0.5e-3);
                double[] drive = LoopbackExchanges.triangleDrive();
                sa.armZeroSpan(line.frequencyHz(), 8e6, drive.length * 25e-3, 311);
                smu.runList(drive, Duration.ofMillis(1), true);
                PowerVersusTime pvt = sa.awaitZeroSpan(Duration.ofSeconds(10));
                assertEquals(311, pvt.points());
                assertTrue(smu.identity().raw().contains("2400"));
            }
            assertEndedSafe(bench, "smu1", LIMITS);
        }
    }
}
