package io.spinloop.app.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.app.demo.DemoCommand;
import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.lab.bench.EmulatedBenchLauncher;
import io.spinloop.lab.config.InstrumentConfig;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.training.chip.ChipCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab flow through the command layer on --quick sizes against the in-process emulator: demo writes what
 * deploy and chip-train read; deploy and chip-train refuse bad input with exit 2 and a line naming the option or
 * file (over-limit weights before a single source command); chip-train resumes from its checkpoint.
 */
class DeployAndChipTrainCommandsTest {
    @TempDir
    static Path shared;
    static Path demo;
    static String bench;

    @TempDir
    Path dir;

    @BeforeAll
    static void quickDemo() {
        demo = shared.resolve("demo");
        bench = TestBenches.defaultBench().toString();
        Cli.Result r = Cli.run("demo", "--quick", "--config", bench, "--out", demo.toString());
        assertEquals(0, r.exit(), r.err());
    }

    private static Path weights() {
        return demo.resolve(DemoCommand.WEIGHTS);
    }

    private static void assertRefused(Cli.Result r, String command, String... names) {
        assertEquals(2, r.exit(), "refused input: " + r.err());
        assertTrue(r.err().startsWith("spinloop " + command + ": "), r.err());
        for (String n : names) {
            assertTrue(r.err().contains(n), "names " + n + ": " + r.err());
        }
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void deployThenChipTrainThenDeployTheFineTunedWeights() throws Exception {
        Path dep = dir.resolve("deployed");
        Cli.Result d = Cli.run("deploy", "--config", bench, "--weights", weights().toString(), "--twins",
                demo.toString(), "--out", dep.toString());
        assertEquals(0, d.exit(), d.err());
        assertTrue(d.out().startsWith("chip test MSE "), d.out());
        JsonNode j = new ObjectMapper().readTree(dep.resolve(DeployCommand.RESULT).toFile());
        double chip = j.get("chip_test_mse").asDouble();
        assertTrue(chip > 0 && chip < 1.0, "beats predicting the mean on the chip: " + chip);
        assertTrue(j.get("round_trips").asLong() > 0, j.toString());
        assertEquals(3, j.get("twins").size());
        // the weights and twins deploy read back are exactly what the demo trained and evaluated
        double demoTwin = new ObjectMapper().readTree(demo.resolve("summary.json").toFile()).get("test_mse")
                .get("twin").asDouble();
        assertEquals(demoTwin, j.get("twin_test_mse").asDouble(), 0.0);

        Path run = dir.resolve("run");
        Cli.Result t = Cli.run("chip-train", "--config", bench, "--weights", weights().toString(), "--twins",
                demo.toString(), "--out", run.toString(), "--epochs", "1");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.err().contains("epoch 1 step 2/2"), t.err());
        assertTrue(t.out().contains("after 1 chip-in-the-loop epochs"), t.out());
        Path tuned = run.resolve(ChipTrainCommand.WEIGHTS);
        assertTrue(Files.exists(tuned));

        Path dep2 = dir.resolve("deployed-tuned");
        Cli.Result d2 = Cli.run("deploy", "--config", bench, "--weights", tuned.toString(), "--twins",
                demo.resolve("response-twin-stno-a.json") + "," + demo.resolve("response-twin-stno-b.json") + ","
                        + demo.resolve("response-twin-stno-c.json"), "--out", dep2.toString());
        assertEquals(0, d2.exit(), d2.err());
        assertTrue(new ObjectMapper().readTree(dep2.resolve(DeployCommand.RESULT).toFile())
                .get("chip_test_mse").asDouble() < 1.0);
    }

    @Test
    void trainOnTwinFromTheDemosTwinFilesGivesTheDemosWeights() throws Exception {
        Path w = dir.resolve("w.json");
        Cli.Result r = Cli.run("train-on-twin", "--twins", demo.toString(), "--quick", "--out", w.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("twin test MSE "), r.out());
        TrainedNetworkFile mine = TrainedNetworkFile.read(w, "--weights");
        TrainedNetworkFile demos = TrainedNetworkFile.read(weights(), "--weights");
        assertArrayEquals(demos.weights().flat(), mine.weights().flat(), "same twins, seed and sizes");
        assertEquals(demos.devices(), mine.devices());
        assertRefused(Cli.run("train-on-twin", "--twins", demo.toString(), "--quick", "--out", w.toString()),
                "train-on-twin", "w.json");
    }

    @Test
    void weightsTrainedOnNeuralSdeTwinsDeployWithTheTwinFiles() throws Exception {
        TrainedNetworkFile f = TrainedNetworkFile.read(weights(), "--weights");
        Path sde = dir.resolve("sde.json");
        new TrainedNetworkFile(f.weights(), f.devices(), ChipExperiment.TwinKind.SDE, f.options(), "test").write(sde);
        Path dep = dir.resolve("deployed");
        Cli.Result d = Cli.run("deploy", "--config", bench, "--weights", sde.toString(), "--twins", demo.toString(),
                "--out", dep.toString());
        assertEquals(0, d.exit(), d.err());
        JsonNode j = new ObjectMapper().readTree(dep.resolve(DeployCommand.RESULT).toFile());
        for (JsonNode t : j.get("twins")) {
            assertTrue(t.asText().matches(".*twin-stno-[abc]\\.h5"), t.asText());
        }
        assertRefused(Cli.run("deploy", "--config", bench, "--weights", sde.toString(), "--twins",
                demo.resolve("response-twin-stno-a.json").toString(), "--out", dir.resolve("o").toString()), "deploy",
                "--twins", "response-twin-stno-a.json", "neural-SDE");
    }

    @Test
    void chipTrainStoppedAfterOneStepResumesWithTheRemainingStepOnly() throws Exception {
        Path run = dir.resolve("run");
        String[] args = {"chip-train", "--config", bench, "--weights", weights().toString(), "--twins",
            demo.toString(), "--out", run.toString(), "--epochs", "1"};
        Cli.Result first = Cli.run(concat(args, "--max-steps", "1"));
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("stopped after 1 steps"), first.out());
        assertFalse(Files.exists(run.resolve(ChipTrainCommand.WEIGHTS)), "no final weights yet");
        ChipCheckpoint after1 = ChipCheckpoint.read(run.resolve(ChipTrainCommand.CHECKPOINT));
        assertEquals(1, after1.epoch());
        assertEquals(1, after1.nextBatch());

        // the same command again without --resume is refused: explicit, never a silent restart or continuation
        assertRefused(Cli.run(args), "chip-train", "--out", "--resume");

        Cli.Result resumed = Cli.run(concat(args, "--resume"));
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.err().contains("resuming chip-in-the-loop training at epoch 1, batch 1"), resumed.err());
        assertFalse(resumed.err().contains("epoch 1 step 1/2"), "step 1 not redone: " + resumed.err());
        assertTrue(resumed.err().contains("epoch 1 step 2/2"), resumed.err());
        JsonNode result = new ObjectMapper().readTree(run.resolve(ChipTrainCommand.RESULT).toFile());
        assertEquals(1, result.get("steps_this_invocation").asInt());
        assertEquals(1, result.get("curve").size());
        // the run went on from the checkpoint's weights: the finished weights are the checkpoint's last step
        ChipCheckpoint end = ChipCheckpoint.read(run.resolve(ChipTrainCommand.CHECKPOINT));
        JsonNode w = new ObjectMapper().readTree(run.resolve(ChipTrainCommand.WEIGHTS).toFile()).get("weights");
        double[] saved = new double[w.size()];
        for (int i = 0; i < saved.length; i++) {
            saved[i] = w.get(i).asDouble();
        }
        assertArrayEquals(end.weights(), saved);
    }

    @Test
    void missingFilesAreRefusedNamingTheOption() {
        Path none = dir.resolve("none.json");
        assertRefused(Cli.run("deploy", "--config", bench, "--weights", none.toString(), "--twins", demo.toString(),
                "--out", dir.resolve("o").toString()), "deploy", "--weights", "none.json");
        assertRefused(Cli.run("deploy", "--config", bench, "--weights", weights().toString(), "--twins",
                dir.resolve("nowhere").toString(), "--out", dir.resolve("o").toString()), "deploy", "--twins",
                "nowhere");
        assertRefused(Cli.run("chip-train", "--config", bench, "--weights", weights().toString(), "--twins",
                demo.resolve("response-twin-stno-a.json").toString(), "--out", dir.resolve("r").toString()),
                "chip-train", "--twins", "no twin of device stno-b");
        assertRefused(Cli.run("chip-train", "--config", bench, "--weights", weights().toString(), "--twins",
                demo.toString(), "--out", dir.resolve("r").toString(), "--resume"), "chip-train", "--resume");
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void overLimitWeightsAreRefusedBeforeAnySourceCommand() throws Exception {
        TrainedNetworkFile f = TrainedNetworkFile.read(weights(), "--weights");
        Path hot = dir.resolve("hot.json");
        new TrainedNetworkFile(f.weights().scaledDrive(10), f.devices(), f.twin(), f.options(), "test").write(hot);
        // the bench as a real one: an emulator this test runs, reached over TCP through a config without emulator
        LoadedLabConfig emulated = LabConfigLoader.load(TestBenches.defaultBench());
        try (EmulatedBenchLauncher.Running running = EmulatedBenchLauncher.start(emulated, true)) {
            Path real = overTcp(running, emulated);
            Map<String, Integer> before = new HashMap<>();
            for (String smu : new String[] {"smu-a", "smu-b", "smu-c"}) {
                before.put(smu, running.bench().history(smu).size());
            }
            assertRefused(Cli.run("deploy", "--config", real.toString(), "--weights", hot.toString(), "--twins",
                    demo.toString(), "--out", dir.resolve("o").toString()), "deploy", "--weights", "hot.json",
                    "refused before touching the bench", "neuron", "stno-", "mA");
            assertRefused(Cli.run("chip-train", "--config", real.toString(), "--weights", hot.toString(), "--twins",
                    demo.toString(), "--out", dir.resolve("r").toString()), "chip-train", "--weights",
                    "refused before touching the bench");
            for (String smu : before.keySet()) {
                assertEquals(before.get(smu), running.bench().history(smu).size(), "nothing sent to " + smu);
            }
        }
    }

    /** The default bench as a real one: the running emulator reached over TCP, through a config without emulator. */
    private Path overTcp(EmulatedBenchLauncher.Running running, LoadedLabConfig emulated) throws Exception {
        String text = TestBenches.defaultBenchText();
        text = text.substring(0, text.indexOf("\nemulator:"));
        for (InstrumentConfig in : emulated.config().instruments()) {
            text = text.replace("resource: " + in.resource() + "\n", "resource: "
                    + running.resources().get(in.name()) + "\n");
        }
        return TestBenches.write(dir, "over-tcp.yaml", text);
    }

    private static void assertSourcesOffAtZero(EmulatedBenchLauncher.Running running) {
        for (String smu : new String[] {"smu-a", "smu-b", "smu-c"}) {
            List<SourceEvent> h = running.bench().history(smu);
            SourceEvent last = h.get(h.size() - 1);
            assertFalse(last.outputOn(), smu + " output must end off: " + last);
            assertEquals(0.0, last.flowingCurrent(), 1e-12, smu + " must end at 0 A: " + last);
        }
    }

    @Test
    void deployOnARealBenchEndsWithEverySourceOffAtZeroAlsoAfterAComplianceTrip() throws Exception {
        LoadedLabConfig emulated = LabConfigLoader.load(TestBenches.defaultBench());
        try (EmulatedBenchLauncher.Running running = EmulatedBenchLauncher.start(emulated, true)) {
            Path real = overTcp(running, emulated);
            Cli.Result ok = Cli.run("deploy", "--config", real.toString(), "--weights", weights().toString(),
                    "--twins", demo.toString(), "--out", dir.resolve("ok").toString());
            assertEquals(0, ok.exit(), ok.err());
            assertFalse(ok.err().contains("emulated, in-process"), "connected to the configured instruments");
            assertSourcesOffAtZero(running);
            running.bench().faults("smu-b").tripCompliance();
            Cli.Result tripped = Cli.run("deploy", "--config", real.toString(), "--weights", weights().toString(),
                    "--twins", demo.toString(), "--out", dir.resolve("tripped").toString());
            assertEquals(1, tripped.exit(), tripped.err());
            assertTrue(tripped.err().contains("stno-b") && tripped.err().contains("compliance"), tripped.err());
            assertFalse(Files.exists(dir.resolve("tripped").resolve(DeployCommand.RESULT)));
            assertSourcesOffAtZero(running);
        }
    }

    @Test
    void aRunDirectoryOfAnotherRunIsRefused() throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve(ChipTrainCommand.RUN), "{\"format\":\"spinloop-chip-train-run\","
                + "\"bench\":\"emulated-bench\",\"weights_sha256\":\"00\"}");
        for (boolean resume : new boolean[] {false, true}) {
            String[] args = {"chip-train", "--config", bench, "--weights", weights().toString(), "--twins",
                demo.toString(), "--out", run.toString()};
            assertRefused(Cli.run(resume ? concat(args, "--resume") : args), "chip-train", "--out",
                    "holds a different chip-train run", "weights_sha256");
        }
        assertFalse(Files.exists(run.resolve(ChipTrainCommand.CHECKPOINT)));
    }

    private static String[] concat(String[] a, String... more) {
        String[] r = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, r, a.length, more.length);
        return r;
    }
}
