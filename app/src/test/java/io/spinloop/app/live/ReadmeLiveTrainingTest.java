package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.app.chip.CalibrateCommand;
import io.spinloop.app.chip.DeployCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the training-side commands of the README's "Live view" section as written ({@code runs/} in a temporary
 * folder): each serves its page, prints its address and ends with its files.
 */
class ReadmeLiveTrainingTest {
    @TempDir
    Path dir;

    static List<String> commands() throws Exception {
        String readme = Files.readString(TestBenches.repoRoot().resolve("README.md"));
        int section = readme.indexOf("## Live view");
        int start = readme.indexOf("```bash", readme.indexOf("The training side, as a lab runs it", section));
        int end = readme.indexOf("```", start + 7);
        List<String> out = new ArrayList<>();
        for (String line : readme.substring(start + 7, end).split("\n")) {
            if (line.startsWith("./spinloop ")) {
                out.add(line.substring("./spinloop ".length()).trim());
            }
        }
        return out;
    }

    private String[] args(String command) {
        return Arrays.stream(command.split("\\s+")).map(a -> a.startsWith("runs/") ? dir.resolve(a).toString() : a)
                .toArray(String[]::new);
    }

    @Test
    void theTrainingSideCommandsRunAsWritten() throws Exception {
        List<String> commands = commands();
        assertEquals(List.of("train", "calibrate", "train-on-twin", "deploy"),
                commands.stream().map(c -> c.split(" ")[0]).toList());
        Files.createDirectories(dir.resolve("runs"));
        for (String c : commands) {
            Cli.Result r = Cli.run(args(c));
            assertEquals(0, r.exit(), c + "\n" + r.err());
            assertTrue(r.err().contains("spinloop: live view at http://127.0.0.1:"), c + "\n" + r.err());
        }
        assertTrue(Files.size(dir.resolve("runs/pc/epochs.csv")) > 0);
        assertTrue(Files.exists(dir.resolve("runs/cal").resolve(CalibrateCommand.RESULT)));
        assertTrue(Files.exists(dir.resolve("runs/weights.json")));
        assertTrue(Files.exists(dir.resolve("runs/deploy").resolve(DeployCommand.RESULT)));
    }
}
