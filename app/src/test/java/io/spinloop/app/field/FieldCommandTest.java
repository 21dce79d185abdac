package io.spinloop.app.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code spinloop field set} and {@code ramp-down} on the emulated bench, and every command of the README's "The field". */
class FieldCommandTest {
    private static final String CONFIG = TestBenches.defaultBench().toString();

    @Test
    void setsTheFieldReportsItAndRampsDown() {
        Cli.Result r = Cli.run("field", "set", "--config", CONFIG, "--device", "stno-a", "--millitesla", "30");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("stno-a: field 30.0") || r.out().startsWith("stno-a: field 29.9"), r.out());
        assertTrue(r.out().contains("(target 30.0000 mT) with bop-a at 0.38")
                && r.out().contains("bop-a ramped to 0 A, output off"), r.out());
    }

    @Test
    void reportsJsonInOersted() {
        Cli.Result r = Cli.run("field", "set", "--config", CONFIG, "--device", "stno-a", "--oersted", "-100", "--json");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("\"target_T\" : -0.01") || r.out().contains("\"target_T\": -0.01"), r.out());
        assertTrue(r.out().contains("ramped_to_zero"), r.out());
    }

    @Test
    void aFieldBeyondTheMagnetIsRefusedNamingTheOption() {
        Cli.Result r = Cli.run("field", "set", "--config", CONFIG, "--device", "stno-a", "--tesla", "0.5");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--tesla 0.5: beyond what magnet bop-a reaches with its current limit of 2.0 A")
                && r.err().contains("-89.10 to 110.9 mT"), r.err());
    }

    @Test
    void exactlyOneUnitIsRequired() {
        assertEquals(2, Cli.run("field", "set", "--config", CONFIG, "--device", "stno-a").exit());
        assertEquals(2, Cli.run("field", "set", "--config", CONFIG, "--device", "stno-a", "--tesla", "0.01",
                "--millitesla", "10").exit());
    }

    @Test
    void aDeviceWithoutAFieldIsRefusedAtItsConfigLine() {
        Cli.Result r = Cli.run("field", "set", "--config", CONFIG, "--device", "stno-b", "--millitesla", "20");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("emulated-bench.yaml:") && r.err().contains("devices[1]")
                && r.err().contains("'stno-b' has no field block"), r.err());
    }

    @Test
    void rampDownSaysWhereTheMagnetIs() {
        Cli.Result r = Cli.run("field", "ramp-down", "--config", CONFIG, "--device", "stno-a");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("bop-a (magnet of stno-a): at 0 A, output off", r.out().strip());
    }

    @Test
    void everyReadmeFieldCommandRuns() throws Exception {
        String readme = Files.readString(TestBenches.repoRoot().resolve("README.md"));
        int section = readme.indexOf("## The field");
        int start = readme.indexOf("```bash", section);
        int end = readme.indexOf("```", start + 7);
        List<String> commands = new ArrayList<>();
        for (String line : readme.substring(start + 7, end).split("\n")) {
            if (line.startsWith("./spinloop ")) {
                commands.add(line.substring("./spinloop ".length()).trim());
            }
        }
        assertEquals(3, commands.size(), commands.toString());
        for (String command : commands) {
            String[] a = Arrays.stream(command.split("\\s+")).map(x -> x.startsWith("lab-configs/")
                    ? TestBenches.repoRoot().resolve(x).toString() : x).toArray(String[]::new);
            Cli.Result r = Cli.run(a);
            assertEquals(0, r.exit(), command + "\n" + r.out() + r.err());
        }
    }
}
