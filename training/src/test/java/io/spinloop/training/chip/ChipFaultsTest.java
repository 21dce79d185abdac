package io.spinloop.training.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.lab.chip.ChipStopException;
import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.lab.chip.DriveLimitException;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chip-in-the-loop training against the emulated bench with faults: a dropped connection is absorbed without
 * losing a step or an epoch; a device that stops oscillating and a compliance trip stop the run safely, naming
 * the device; the run resumes from its checkpoint; over-limit weights are refused before any command.
 */
class ChipFaultsTest {
    private static final ForecastTask.Split TASK = ForecastTask.mackeyGlass(8, 3, 8, 3, 3.0, 5);
    private static final ChipTraining.Settings SETTINGS = new ChipTraining.Settings(2, 4, 0.01, 1.0, 7, false);

    private static ChipSetup setup(EmulatedChip chip) {
        return ChipSetup.calibrate(chip.ids, chip::open, ChipSetup.Search.defaults(),
                c -> new DeviceCalibration(2.55e-3, 0.8e-3, 15e6, 40, 3, 1, 2, 1), null, new RoundTrips(), s -> { });
    }

    private static NetworkWeights weights() {
        return NetworkWeights.random(6, 3, false, 1.0, 0, 3);
    }

    private static void assertSourceEndsOff(EmulatedChip chip, String device) {
        List<SourceEvent> h = chip.bench.history("smu-" + device);
        SourceEvent last = h.get(h.size() - 1);
        assertFalse(last.outputOn(), device + " output must end off: " + last);
        assertEquals(0.0, last.flowingCurrent(), 1e-12, device + " must end at 0 A: " + last);
    }

    @Test
    void droppedConnectionReconnectsAndLosesNoEpoch(@TempDir Path dir) throws Exception {
        try (EmulatedChip chip = new EmulatedChip(2, 21, d -> d); ChipSetup s = setup(chip)) {
            RoundTrips trips = new RoundTrips();
            List<String> said = new ArrayList<>();
            List<int[]> steps = new ArrayList<>();
            chip.bench.faults("sa-stno-b").dropConnectionsAfter(12);
            QuasiStaticNetwork net = new QuasiStaticNetwork(s.driveMap(), 10);
            List<ChipTraining.Epoch> curve = ChipTraining.train(net, weights(), TASK.train(), TASK.test(),
                    s.neurons(), trips, SETTINGS, dir.resolve("ckpt.json"), new ChipTraining.Listener() {
                        @Override
                        public void message(String text) {
                            said.add(text);
                        }

                        @Override
                        public void stepDone(int epoch, int batch, double loss) {
                            steps.add(new int[] {epoch, batch});
                        }
                    });
            assertEquals(2, curve.size(), "both epochs completed");
            assertTrue(s.channels().get(1).reconnects() >= 1, "stno-b reconnected");
            assertEquals(4, steps.size(), "every step ran exactly once: " + steps.size());
            s.makeSafe();
            assertSourceEndsOff(chip, "stno-a");
            assertSourceEndsOff(chip, "stno-b");
        }
    }

    @Test
    void deviceThatStopsOscillatingStopsSafelyAndTheRunResumes(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("ckpt.json");
        ChipSetup calibrated;
        List<ChipTraining.Epoch> before;
        try (EmulatedChip chip = new EmulatedChip(2, 22, d -> d); ChipSetup s = setup(chip)) {
            calibrated = s;
            QuasiStaticNetwork net = new QuasiStaticNetwork(s.driveMap(), 10);
            ChipStopException stop = assertThrows(ChipStopException.class, () -> ChipTraining.train(net, weights(),
                    TASK.train(), TASK.test(), s.neurons(), new RoundTrips(), SETTINGS, ckpt, new ChipTraining.Listener() {
                        @Override
                        public void stepDone(int epoch, int batch, double loss) {
                            if (epoch == 2 && batch == 0) {
                                chip.bench.device("stno-b").stopOscillating();
                            }
                        }
                    }));
            assertEquals("stno-b", stop.device());
            assertTrue(stop.getMessage().contains("stopped oscillating"), stop.getMessage());
            assertSourceEndsOff(chip, "stno-a");
            assertSourceEndsOff(chip, "stno-b");
            ChipCheckpoint c = ChipCheckpoint.read(ckpt);
            assertEquals(2, c.epoch());
            assertEquals(1, c.nextBatch(), "the checkpoint is the last completed step");
            before = c.curve();
        }
        // the device is replaced (a fresh bench); the run resumes from the checkpoint without redoing epoch 1
        try (EmulatedChip chip = new EmulatedChip(2, 22, d -> d);
             ChipSetup s = ChipSetup.reuse(calibrated, chip::open, new RoundTrips(), m -> { })) {
            QuasiStaticNetwork net = new QuasiStaticNetwork(s.driveMap(), 10);
            List<String> said = new ArrayList<>();
            List<int[]> steps = new ArrayList<>();
            List<ChipTraining.Epoch> curve = ChipTraining.train(net, weights(), TASK.train(), TASK.test(),
                    s.neurons(), new RoundTrips(), SETTINGS, ckpt, new ChipTraining.Listener() {
                        @Override
                        public void message(String text) {
                            said.add(text);
                        }

                        @Override
                        public void stepDone(int epoch, int batch, double loss) {
                            steps.add(new int[] {epoch, batch});
                        }
                    });
            assertEquals(2, curve.size());
            assertEquals(before.get(0), curve.get(0), "epoch 1 kept, not redone");
            assertEquals(1, steps.size(), "only the missing step of epoch 2 ran");
            assertEquals(2, steps.get(0)[0]);
            assertEquals(1, steps.get(0)[1]);
            assertTrue(said.get(0).contains("resuming"), said.toString());
            s.makeSafe();
        }
    }

    @Test
    void complianceTripStopsSafelyNamingTheDevice(@TempDir Path dir) throws Exception {
        try (EmulatedChip chip = new EmulatedChip(2, 23, d -> d); ChipSetup s = setup(chip)) {
            QuasiStaticNetwork net = new QuasiStaticNetwork(s.driveMap(), 10);
            chip.bench.faults("smu-stno-a").tripCompliance();
            ChipStopException stop = assertThrows(ChipStopException.class, () -> ChipTraining.train(net, weights(),
                    TASK.train(), TASK.test(), s.neurons(), new RoundTrips(), SETTINGS, dir.resolve("c.json"), null));
            assertEquals("stno-a", stop.device());
            assertTrue(stop.getMessage().contains("compliance"), stop.getMessage());
            assertSourceEndsOff(chip, "stno-a");
            assertSourceEndsOff(chip, "stno-b");
        }
    }

    @Test
    void overLimitWeightsAreRefusedBeforeTouchingTheBench() throws Exception {
        try (EmulatedChip chip = new EmulatedChip(2, 24, d -> d); ChipSetup s = setup(chip)) {
            QuasiStaticNetwork net = new QuasiStaticNetwork(s.driveMap(), 10);
            NetworkWeights hot = weights().scaledDrive(10);
            int a = chip.bench.history("smu-stno-a").size();
            int b = chip.bench.history("smu-stno-b").size();
            DriveLimitException e = assertThrows(DriveLimitException.class,
                    () -> ForecastEvaluation.evaluate(net, hot, TASK.test(), s.neurons()));
            assertTrue(e.getMessage().contains("stno-"), e.getMessage());
            assertTrue(e.getMessage().contains("before touching"), e.getMessage());
            assertEquals(a, chip.bench.history("smu-stno-a").size(), "nothing sent to smu-stno-a");
            assertEquals(b, chip.bench.history("smu-stno-b").size(), "nothing sent to smu-stno-b");
            assertFalse(Files.exists(Path.of("never")));
        }
    }
}
