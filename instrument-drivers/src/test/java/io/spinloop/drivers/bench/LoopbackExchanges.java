package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.analyzer.Marker;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.TraceFormat;
import io.spinloop.drivers.source.CurrentSource;

/**
 * The exchanges the loopback tests make the same way over every transport and model: a source driven before a fault
 * and found usable after it, the line found in a wide sweep, a trace read in each format, and the triangular drive
 * of a trigger-linked list.
 */
final class LoopbackExchanges {
    private LoopbackExchanges() {
    }

    /** {@code smu1} at {@code resource}, output on at 2 mA (with {@link BenchFixture#LIMITS}). */
    static CurrentSource drivenSource(String resource, Timeouts timeouts) {
        CurrentSource smu = Instruments.openCurrentSource("smu1", resource, "auto", timeouts, LIMITS);
        smu.outputOn();
        smu.setCurrent(2e-3);
        return smu;
    }

    /** After a fault the source must be usable again: on, ramp, measure. */
    static void assertUsableAgain(CurrentSource smu) {
        assertFalse(smu.isOutputOn(), "the failure left the output off");
        smu.outputOn();
        smu.setCurrent(1e-3);
        assertEquals(1e-3, smu.measure().current(), 2e-5);
    }

    /** The device's line: a 2 GHz wide sweep around 4.5 GHz at 3 MHz RBW, its peak above the noise. */
    static Marker findLine(SpectrumAnalyzer sa) {
        sa.setCenterSpan(4.5e9, 2e9);
        sa.setResolutionBandwidth(3e6);
        sa.sweep();
        return sa.peakAboveNoise(10);
    }

    /**
     * The last sweep's trace read as little- and big-endian REAL,32 (the same floats) and as ASCII (the same to
     * its digits); the analyzer is left in ASCII.
     *
     * @return the little-endian trace
     */
    static float[] readTraceInEachFormat(SpectrumAnalyzer sa) {
        sa.setTraceFormat(TraceFormat.REAL32_LITTLE_ENDIAN);
        float[] little = sa.readTrace();
        sa.setTraceFormat(TraceFormat.REAL32_BIG_ENDIAN);
        float[] big = sa.readTrace();
        sa.setTraceFormat(TraceFormat.ASCII);
        float[] ascii = sa.readTrace();
        assertArrayEquals(little, big);
        assertEquals(little.length, ascii.length);
        for (int k = 0; k < little.length; k++) {
            assertEquals(ascii[k], little[k], Math.abs(ascii[k]) * 1e-5, "point " + k);
        }
        return little;
    }

    /** 31 currents from 0.5 mA up to 2 mA and back, 0.1 mA apart: below threshold at both ends, the line between. */
    static double[] triangleDrive() {
        double[] drive = new double[31];
        for (int i = 0; i < drive.length; i++) {
            drive[i] = i < 15 ? 0.5e-3 + i * 1e-4 : 2.0e-3 - (i - 15) * 1e-4;
        }
        return drive;
    }
}
