package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the commands of the README's "Live view" section as written ({@code runs/} in a temporary folder): the live
 * sweep prints its page's address and ends with a valid file; {@code data browse} serves that folder, listing the run.
 */
class ReadmeLiveViewTest {
    @TempDir
    Path dir;

    static List<String> commands() throws Exception {
        String readme = Files.readString(TestBenches.repoRoot().resolve("README.md"));
        int section = readme.indexOf("## Live view");
        int start = readme.indexOf("```bash", section);
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
    void theLiveViewCommandsRunAsWritten() throws Exception {
        List<String> commands = commands();
        assertEquals(2, commands.size(), commands.toString());
        Files.createDirectories(dir.resolve("runs"));
        Cli.Result sweep = Cli.run(args(commands.get(0)));
        assertEquals(0, sweep.exit(), sweep.err());
        assertTrue(sweep.err().contains("spinloop: live view at http://127.0.0.1:"), sweep.err());
        assertTrue(sweep.err().contains("/?token="), sweep.err());
        assertTrue(commands.get(1).startsWith("data browse"), commands.get(1));
        try (ChildSpinloop browse = ChildSpinloop.start(args(commands.get(1)))) {
            String line = browse.awaitLine(l -> l.contains("at http://127.0.0.1:"));
            String url = line.substring(line.indexOf("http://"), line.indexOf(" (Ctrl-C"));
            int port = Integer.parseInt(url.replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1"));
            RawHttp.Answer runs = RawHttp.send(port, "GET", "/api/runs?" + url.substring(url.indexOf("token=")));
            assertEquals(200, runs.status());
            assertTrue(runs.body().contains("\"live-sweep.h5\""), runs.body());
        }
    }
}
