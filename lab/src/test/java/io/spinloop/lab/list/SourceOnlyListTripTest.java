package io.spinloop.lab.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.source.ComplianceTripException;
import io.spinloop.drivers.source.SourceState;
import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.config.LabConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab-config whose Keithley 2400 plays source-only lists ({@code measure_in_lists: false}: no voltage read at any
 * point), a list played through the one list player into stno-a (500 ohm) with the compliance lowered to 0.6 V, so the
 * points above about 1.2 mA are pinned at it. A list that reaches the compliance in its middle ends the run there with
 * the trip named, the source at 0 A with its output off; a list under it plays.
 */
class SourceOnlyListTripTest {
    private static final double BIAS = 0.75e-3;
    private static final double DWELL_S = 1e-3;

    private static Path sourceOnlyBench(Path dir) throws Exception {
        String yaml = Files.readString(TestLabConfigs.exactBench(dir)).replace("    traffic_log: false\n",
                "    traffic_log: false\n"
                        + "    timing: {nplc: 0.01, auto_zero: off, trigger_delay_s: 0.0, measure_in_lists: false}\n");
        Path p = dir.resolve("source-only.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    /** Up from the bias to {@code peak} and back, in steps of 0.25 mA (the bench's ramp step). */
    private static double[] tent(double peak) {
        int up = (int) Math.round((peak - BIAS) / 0.25e-3);
        double[] list = new double[2 * up + 1];
        for (int k = 0; k < list.length; k++) {
            int fromTop = Math.abs(k - up);
            list[k] = peak - fromTop * 0.25e-3;
        }
        return list;
    }

    private static PowerVersusTime play(DeviceRig rig, double[] list) {
        rig.source().setComplianceVoltage(0.6);
        rig.source().outputOn();
        rig.source().setCurrent(BIAS);
        double period = DWELL_S + 0.4e-3; // source-only: no integration, the 2400's processing
        return new ListPlayer(rig).play(list, DWELL_S,
                new ZeroSpan(4.6e9, 8e6, list.length * period, 2 * list.length));
    }

    @Test
    void aSourceOnlyListThatReachesTheComplianceEndsTheRunNamedWithTheSourceSafe(@TempDir Path dir) throws Exception {
        try (Bench bench = Bench.of(LabConfigLoader.load(sourceOnlyBench(dir)));
             DeviceRig rig = bench.openDevice("stno-a")) {
            assertFalse(rig.source().timing().measureInLists(), "the lab-config's source-only setting is in force");
            double[] list = tent(1.75e-3);
            ComplianceTripException e = assertThrows(ComplianceTripException.class, () -> play(rig, list));
            assertTrue(e.getMessage().contains("smu-a"), e.getMessage());
            assertTrue(e.getMessage().contains("compliance") && e.getMessage().contains("source-only list"),
                    e.getMessage());
            SourceState state = rig.source().readState();
            assertFalse(state.outputOn(), "output off");
            assertEquals(0, state.levelA(), 0, "at 0 A");
        }
    }

    @Test
    void aSourceOnlyListUnderTheCompliancePlays(@TempDir Path dir) throws Exception {
        try (Bench bench = Bench.of(LabConfigLoader.load(sourceOnlyBench(dir)));
             DeviceRig rig = bench.openDevice("stno-a")) {
            double[] list = tent(1.0e-3);
            PowerVersusTime pvt = play(rig, list);
            assertEquals(2 * list.length, pvt.points());
            assertTrue(rig.source().readState().outputOn());
            assertEquals(BIAS, rig.source().current(), 1e-12, "back at the bias");
        }
    }
}
