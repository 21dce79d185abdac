package io.spinloop.drivers.field;

import static io.spinloop.drivers.field.FieldBench.LIMITS;
import static io.spinloop.drivers.field.FieldBench.TIMEOUTS;
import static io.spinloop.drivers.field.FieldBench.assertRampedToZero;
import static io.spinloop.drivers.field.FieldBench.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.InstrumentMismatchException;
import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.drivers.source.SafetyLimitException;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.emulator.EmulatedBench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kepco BOP and Lake Shore drivers against the emulator over real sockets: selection by *IDN?, ramps within
 * the limits, the field read in tesla, and one test per fault (supply trip, dropped link), each ending at 0 A with
 * the output off, ramped within the inductive rate limit, as the emulator's magnet record proves.
 */
class MagnetSupplyOverLoopbackTest {
    private EmulatedBench bench;

    @BeforeEach
    void start() {
        bench = FieldBench.start("lakeshore-475");
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    private MagnetSupply energised(double amps) {
        MagnetSupply bop = FieldInstruments.openMagnetSupply("bop1", tcp(bench, "bop1"), "auto", TIMEOUTS, LIMITS);
        bop.outputOn();
        bop.setCurrent(amps);
        return bop;
    }

    @Test
    void autoSelectsTheBopAndRampsWithinTheLimits() {
        try (MagnetSupply bop = energised(1.0)) {
            assertEquals("KEPCO", bop.identity().maker());
            assertEquals(1.0, bop.current(), 0);
            bop.setCurrent(-0.5);
            assertEquals(-0.5, bop.current(), 0);
        }
        assertRampedToZero(bench, "bop1", LIMITS, 0);
        assertTrue(FieldBench.peak(bench, "bop1", 0) >= 1.0 - 1e-12, "it did reach 1 A");
    }

    @Test
    void aCurrentBeyondTheLimitIsRefusedBeforeAnythingIsSent() {
        try (MagnetSupply bop = energised(0.2)) {
            int before = bench.magnetHistory("bop1").size();
            SafetyLimitException e = assertThrows(SafetyLimitException.class, () -> bop.setCurrent(2.5));
            assertTrue(e.getMessage().contains("bop1") && e.getMessage().contains("2.0 A"), e.getMessage());
            assertEquals(before, bench.magnetHistory("bop1").size(), "nothing sent");
        }
    }

    @Test
    void theGaussmeterReadsTheMagnetsFieldInTesla() throws Exception {
        try (MagnetSupply bop = energised(1.0);
             Gaussmeter gm = FieldInstruments.openGaussmeter("gm1", tcp(bench, "gm1"), "auto", TIMEOUTS)) {
            Thread.sleep(100); // 20 L/R: the coil has followed
            double b = gm.readField();
            assertEquals(bench.magnetField("bop1"), b, 2e-4, "20 µT noise; remanence included in both");
            assertEquals(0.010878 + 0.05 + 0.5e-3, b, 5e-4, "the gap's bias plus k·I plus the remanence");
            assertEquals(1.0, bop.measuredCurrent(), 2e-3);
        }
    }

    @Test
    void theModelIsCheckedAgainstTheIdentity() {
        InstrumentMismatchException e = assertThrows(InstrumentMismatchException.class,
                () -> FieldInstruments.openGaussmeter("bop1", tcp(bench, "bop1"), "auto", TIMEOUTS));
        assertTrue(e.getMessage().contains("magnet supply"), e.getMessage());
        InstrumentMismatchException f = assertThrows(InstrumentMismatchException.class,
                () -> FieldInstruments.openGaussmeter("gm1", tcp(bench, "gm1"), "lakeshore-425", TIMEOUTS));
        assertTrue(f.getMessage().contains("Lake Shore 425") && f.getMessage().contains("MODEL475"), f.getMessage());
    }

    @Test
    void aSupplyThatTripsIsRampedToZero() {
        try (MagnetSupply bop = energised(1.0)) {
            int from = bench.magnetHistory("bop1").size() - 1;
            bench.faults("bop1").tripMagnetSupply();
            MagnetTripException e = assertThrows(MagnetTripException.class, bop::measuredCurrent);
            assertTrue(e.getMessage().contains("bop1") && e.getMessage().contains("0 A"), e.getMessage());
            assertFalse(bop.isOutputOn());
            assertRampedToZero(bench, "bop1", LIMITS, from);
            assertTrue(bench.magnetHistory("bop1").size() - from > 1.0 / LIMITS.maxStep(),
                    "stepped down, not dropped");
        }
    }

    @Test
    void aDroppedLinkIsRampedToZeroAfterReconnecting() {
        try (MagnetSupply bop = energised(1.0)) {
            int from = bench.magnetHistory("bop1").size() - 1;
            bench.faults("bop1").dropConnections();
            TransportException e = assertThrows(TransportException.class, bop::measuredCurrent);
            assertTrue(e.getMessage().contains("bop1"), e.getMessage());
            assertRampedToZero(bench, "bop1", LIMITS, from);
            assertTrue(bench.magnetHistory("bop1").size() - from > 1.0 / LIMITS.maxStep(),
                    "stepped down, not dropped");
            bop.outputOn();
            bop.setCurrent(0.3);
            assertEquals(0.3, bop.current(), 0, "usable again");
        }
        assertRampedToZero(bench, "bop1", LIMITS, 0);
    }

    @Test
    void aSupplyFoundEnergisedIsRampedDownWhenTakenOver() {
        // Another program (or a run killed with -9) left the magnet at 0.8 A.
        try (ScpiSession other = ScpiSession.open("other", tcp(bench, "bop1"), TIMEOUTS)) {
            other.writeChecked("FUNC:MODE CURR");
            other.writeChecked("CURR 0.8");
            other.writeChecked("OUTP ON");
        }
        int from = bench.magnetHistory("bop1").size() - 1;
        try (MagnetSupply bop = FieldInstruments.openMagnetSupply("bop1", tcp(bench, "bop1"), "kepco-bop",
                TIMEOUTS, LIMITS)) {
            assertFalse(bop.isOutputOn());
            assertRampedToZero(bench, "bop1", LIMITS, from);
            assertTrue(bench.magnetHistory("bop1").size() - from > 0.8 / LIMITS.maxStep(), "stepped down");
        }
    }
}
