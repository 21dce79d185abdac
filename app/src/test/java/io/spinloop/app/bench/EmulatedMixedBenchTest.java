package io.spinloop.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.Sweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped mixed bench: a Keithley 6221 and an R&amp;S FSW on one device, the two channels of one Keysight
 * B2902A on two more, all emulated and reached through the real drivers: {@code bench check} finds each model by
 * {@code *IDN?}, sweeps run on every device, and sequences on the 6221 (which measures nothing) are refused at the
 * config line that chose it before anything is touched.
 */
class EmulatedMixedBenchTest {
    static final Path CONFIG = TestBenches.repoRoot().resolve("lab-configs/emulated-mixed-bench.yaml");

    @TempDir
    Path dir;

    @Test
    void benchCheckFindsEveryModel() {
        Cli.Result r = Cli.run("bench", "check", "--config", CONFIG.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("all instruments answered as configured"), r.out());
        for (String model : new String[] {"MODEL 6221", "FSW-26", "B2902A", "N9030B"}) {
            assertTrue(r.out().contains(model), model + " in\n" + r.out());
        }
    }

    @Test
    void sweepsRunOnThe6221AndOnBothChannelsOfTheB2902A() throws Exception {
        for (String device : new String[] {"stno-a", "stno-b", "stno-c"}) {
            Path out = dir.resolve(device + ".h5");
            Cli.Result r = Cli.run("measure", "sweep", "--config", CONFIG.toString(), "--device", device, "--out",
                    out.toString(), "--quiet");
            assertEquals(0, r.exit(), device + ": " + r.out() + r.err());
            Sweep s = MeasurementFile.open(out).sweeps().get(0);
            assertTrue(s.complete(), device);
            assertEquals(51, s.points(), device); // presets.sweep: 0 to 2.5 mA in 50 uA steps
            assertEquals(1001, s.frequencyHz().length, device);
        }
    }

    @Test
    void sequencesOnThe6221AreRefusedAtItsModelLine() throws Exception {
        Path out = dir.resolve("seq.h5");
        Cli.Result r = Cli.run("measure", "sequences", "--config", CONFIG.toString(), "--device", "stno-a", "--out",
                out.toString(), "--quiet");
        assertEquals(2, r.exit(), r.out() + r.err());
        int line = Files.readAllLines(CONFIG).indexOf("  models: {cs-a: keithley-6221, sa-a: rs-fsw}") + 1;
        assertTrue(line > 0);
        assertTrue(r.err().contains("emulated-mixed-bench.yaml:" + line) && r.err().contains("emulator.models.cs-a")
                && r.err().contains("measured-list-sweep"), r.err());
        assertFalse(Files.exists(out));
        String quoted = readmeSection().replaceAll("\\s*\n\\s*", " ");
        int from = quoted.indexOf("`emulated-mixed-bench.yaml:");
        String refusal = quoted.substring(from + 1, quoted.indexOf('`', from + 1));
        assertTrue(r.err().contains(refusal), "the README quotes the refusal as it is:\n" + refusal + "\n" + r.err());
    }

    /** The README's section on these instruments. */
    private static String readmeSection() throws Exception {
        String readme = Files.readString(TestBenches.repoRoot().resolve("README.md"));
        int start = readme.indexOf("#### More sources and analyzers");
        return readme.substring(start, readme.indexOf("### Emulator", start));
    }

    /** Every command of the section's bash block, as written ({@code runs/} in a temporary folder). */
    @Test
    void theReadmeCommandsRun() throws Exception {
        String section = readmeSection();
        int start = section.indexOf("```bash");
        List<String> commands = new ArrayList<>();
        for (String line : section.substring(start + 7, section.indexOf("```", start + 7)).split("\n")) {
            if (line.startsWith("./spinloop ")) {
                commands.add(line.substring("./spinloop ".length()).trim());
            }
        }
        assertEquals(4, commands.size(), commands.toString());
        Files.createDirectories(dir.resolve("runs"));
        for (String command : commands) {
            String[] a = Arrays.stream(command.split("\\s+")).map(x -> x.startsWith("lab-configs/")
                    ? TestBenches.repoRoot().resolve(x).toString()
                    : x.startsWith("runs/") ? dir.resolve(x).toString() : x).toArray(String[]::new);
            Cli.Result r = Cli.run(a);
            assertEquals(0, r.exit(), command + "\n" + r.out() + r.err());
        }
        assertTrue(Files.exists(dir.resolve("runs/mixed-a.h5")) && Files.exists(dir.resolve("runs/mixed-c.h5")));
        assertEquals(2, MeasurementFile.open(dir.resolve("runs/mixed-seq-c.h5")).sequences().orElseThrow().sequences());
    }
}
