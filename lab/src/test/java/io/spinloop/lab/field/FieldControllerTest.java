package io.spinloop.lab.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.spinloop.drivers.field.MagnetLimits;
import io.spinloop.drivers.field.MagnetTripException;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.drivers.transport.TransportTimeoutException;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.MagnetEvent;
import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.config.LabConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field controller on the default emulated bench (stno-a in the BOP's magnet, the Lake Shore's probe at it),
 * through the real drivers over loopback: a field set in closed loop, a field beyond the supply refused before
 * anything moves, and one test per fault — a supply that trips, a gaussmeter that stops answering, a dropped link —
 * each ending at 0 A with the output off, ramped within the inductive rate limit, as the magnet record proves.
 */
class FieldControllerTest {
    @TempDir
    Path dir;
    private Bench bench;
    private EmulatedBench emulator;
    private MagnetLimits limits;

    @BeforeEach
    void open() throws Exception {
        String text = Files.readString(TestLabConfigs.defaultBench()).replace(
                "    resource: tcp://127.0.0.1:5032\n",
                "    resource: tcp://127.0.0.1:5032\n    timeouts: {connect_s: 2.0, read_s: 0.5}\n");
        Path config = dir.resolve("field.yaml");
        Files.writeString(config, text);
        bench = Bench.of(LabConfigLoader.load(config));
        emulator = bench.emulator();
        limits = Bench.magnetLimitsOf(bench.config().device("stno-a").field());
    }

    @AfterEach
    void close() {
        bench.close();
    }

    @Test
    void setsTheFieldInClosedLoopOnTheGaussmeter() {
        try (FieldController field = FieldControllers.open(bench, "stno-a")) {
            FieldPoint p = field.setField(0.030);
            assertEquals(0.030, p.fieldT(), field.settings().toleranceT());
            assertEquals(0.030, emulator.magnetField("bop-a"), 2e-4, "the gap really holds it");
            assertEquals((0.030 - 0.010878) / 0.05, p.currentA(), 0.01, "near the calibration's current");
            FieldPoint down = field.setField(-0.020);
            assertEquals(-0.020, down.fieldT(), field.settings().toleranceT());
            assertEquals(-0.020, field.readField(), 3e-4);
        }
        assertRampedToZero(0);
    }

    @Test
    void aFieldBeyondTheSupplyLimitIsRefusedBeforeTheMagnetMoves() {
        try (FieldController field = FieldControllers.open(bench, "stno-a")) {
            int before = emulator.magnetHistory("bop-a").size();
            FieldOutOfRangeException e = assertThrows(FieldOutOfRangeException.class, () -> field.setField(0.2));
            assertTrue(e.getMessage().contains("bop-a") && e.getMessage().contains("2.000 A")
                    && e.getMessage().contains("110.9 mT"), e.getMessage());
            assertEquals(before, emulator.magnetHistory("bop-a").size(), "nothing sent");
        }
    }

    @Test
    void aSupplyThatTripsEndsAtZeroAmps() {
        try (FieldController field = FieldControllers.open(bench, "stno-a")) {
            field.setField(0.050);
            int from = emulator.magnetHistory("bop-a").size() - 1;
            emulator.faults("bop-a").tripMagnetSupply();
            assertThrows(MagnetTripException.class, () -> field.setField(0.060));
            assertRampedToZero(from);
            assertSteppedDownFrom(from, 0.7);
        }
    }

    @Test
    void aGaussmeterThatStopsAnsweringEndsAtZeroAmps() {
        try (FieldController field = FieldControllers.open(bench, "stno-a")) {
            field.setField(0.050);
            int from = emulator.magnetHistory("bop-a").size() - 1;
            emulator.faults("gm-a").replyLate(Duration.ofSeconds(30), 1000);
            TransportTimeoutException e = assertThrows(TransportTimeoutException.class, field::readField);
            assertTrue(e.getMessage().contains("gm-a"), e.getMessage());
            assertRampedToZero(from);
            assertSteppedDownFrom(from, 0.7);
            emulator.faults("gm-a").clear();
        }
    }

    @Test
    void aDroppedLinkToTheSupplyEndsAtZeroAmps() {
        try (FieldController field = FieldControllers.open(bench, "stno-a")) {
            field.setField(0.050);
            int from = emulator.magnetHistory("bop-a").size() - 1;
            emulator.faults("bop-a").dropConnections();
            assertThrows(TransportException.class, () -> field.setField(0.040));
            assertRampedToZero(from);
            assertSteppedDownFrom(from, 0.7);
            FieldPoint again = field.setField(0.020);
            assertEquals(0.020, again.fieldT(), field.settings().toleranceT(), "usable again after reconnecting");
        }
        assertRampedToZero(0);
    }

    @Test
    void aMagnetTripFaultFromTheLabConfigStopsTheFirstSettingAtZeroAmps() throws Exception {
        String text = Files.readString(TestLabConfigs.defaultBench()).replace("  faults: []",
                "  faults:\n    - {instrument: bop-a, kind: magnet-trip}");
        Path config = dir.resolve("tripping.yaml");
        Files.writeString(config, text);
        try (Bench tripping = Bench.of(LabConfigLoader.load(config));
             FieldController field = FieldControllers.open(tripping, "stno-a")) {
            MagnetTripException e = assertThrows(MagnetTripException.class, () -> field.setField(0.030));
            assertTrue(e.getMessage().contains("bop-a"), e.getMessage());
            List<MagnetEvent> h = tripping.emulator().magnetHistory("bop-a");
            MagnetEvent last = h.get(h.size() - 1);
            assertFalse(last.outputOn());
            assertEquals(0.0, last.level(), 0);
        }
    }

    /** The ramp down went through the levels in between (it did not drop from {@code amps}). */
    private void assertSteppedDownFrom(int from, double amps) {
        List<MagnetEvent> h = emulator.magnetHistory("bop-a");
        long steps = h.stream().skip(from).filter(e -> e.cause() == MagnetEvent.Cause.LEVEL).count();
        assertTrue(h.get(from).level() >= amps - 1e-9, "was at " + h.get(from).level() + " A before the fault");
        assertTrue(steps >= Math.floor(amps / limits.maxStep()), steps + " steps down from " + amps + " A");
    }

    /**
     * The record from {@code from} on: every level change with the output on is at most one step and no faster than
     * the ramp rate on the bench clock, the output switches only at 0 A, and the supply ends at 0 A, output off.
     */
    private void assertRampedToZero(int from) {
        List<MagnetEvent> all = emulator.magnetHistory("bop-a");
        List<MagnetEvent> h = all.subList(from, all.size());
        if (h.isEmpty()) {
            fail("nothing recorded");
        }
        MagnetEvent last = h.get(h.size() - 1);
        assertFalse(last.outputOn(), "output must end off: " + h.subList(Math.max(0, h.size() - 5), h.size()));
        assertEquals(0.0, last.level(), 0, "must end at 0 A");
        for (int i = 1; i < h.size(); i++) {
            MagnetEvent a = h.get(i - 1);
            MagnetEvent b = h.get(i);
            if (b.cause() == MagnetEvent.Cause.OUTPUT) {
                assertEquals(0.0, b.level(), 0, "output switched away from 0 A at " + b);
            }
            if (b.cause() != MagnetEvent.Cause.LEVEL || !a.outputOn() || !b.outputOn()) {
                continue;
            }
            double step = Math.abs(b.level() - a.level());
            assertTrue(step <= limits.maxStep() * (1 + 1e-9), "a step of " + step + " A at " + b);
            if (a.cause() == MagnetEvent.Cause.LEVEL) {
                assertTrue(b.time() - a.time() >= step / limits.maxRampRate() * 0.98 - 1e-6,
                        step + " A in " + (b.time() - a.time()) + " s at " + b + ", faster than the rate limit");
            }
        }
    }
}
