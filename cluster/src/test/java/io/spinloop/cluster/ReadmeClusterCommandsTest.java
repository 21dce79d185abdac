package io.spinloop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.SpinloopCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The commands of the README's "On a cluster": every one parses as written (the science runs take hours and are
 * only parsed), and the small studies run, on Spark's local mode, into a temporary {@code runs/}.
 */
class ReadmeClusterCommandsTest {
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("README.md")) || !Files.exists(p.resolve("cluster"))) {
            p = p.getParent();
        }
        return p;
    }

    /** Every command line of the section's bash blocks, as a spinloop argument list (spark-submit's after the app jar). */
    static List<String[]> commands() throws Exception {
        String readme = Files.readString(repoRoot().resolve("README.md"));
        int from = readme.indexOf("## On a cluster");
        assertTrue(from >= 0, "README has no section 'On a cluster'");
        int to = readme.indexOf("\n## ", from + 5);
        String section = readme.substring(from, to < 0 ? readme.length() : to);
        List<String[]> out = new ArrayList<>();
        boolean inBash = false;
        for (String line : section.split("\n")) {
            if (line.startsWith("```")) {
                inBash = !inBash && line.startsWith("```bash");
                continue;
            }
            String l = line.strip();
            if (!inBash || l.startsWith("#") || l.isEmpty()) {
                continue;
            }
            String[] words = Arrays.stream(l.split("\\s+")).map(w -> w.replace("'", "")).toArray(String[]::new);
            if (words[0].equals("./spinloop")) {
                out.add(Arrays.copyOfRange(words, 1, words.length));
            } else if (words[0].equals("spark-submit")) {
                List<String> w = List.of(words);
                assertEquals("io.spinloop.app.Main", w.get(w.indexOf("--class") + 1), l);
                assertTrue(w.get(w.indexOf("--jars") + 1).equals("cluster/target/spinloop-cluster.jar"), l);
                int jar = w.indexOf("app/target/spinloop.jar");
                assertTrue(jar > 0, l);
                out.add(w.subList(jar + 1, w.size()).toArray(new String[0]));
            }
        }
        return out;
    }

    @Test
    void everyCommandParsesAndTheSmallStudiesRun(@TempDir Path tmp) throws Exception {
        List<String[]> commands = commands();
        assertTrue(commands.size() >= 8, "commands found: " + commands.size());
        int ran = 0;
        for (String[] c : commands) {
            String line = String.join(" ", c);
            SpinloopCommand.commandLine().parseArgs(c);
            if (line.contains("runs/cluster-")) {
                String[] a = Arrays.stream(c).map(w -> w.startsWith("runs/") ? tmp.resolve(w).toString() : w)
                        .toArray(String[]::new);
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                CommandLine cl = SpinloopCommand.commandLine();
                cl.setOut(new PrintWriter(out));
                cl.setErr(new PrintWriter(err));
                assertEquals(0, cl.execute(a), line + "\n" + out + err);
                ran++;
            }
        }
        assertTrue(ran >= 8, "small studies, tune and fits run: " + ran);
    }
}
