package io.spinloop.app.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.SpinloopCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SeedsCommandTest {

    private record Outcome(int code, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cl = SpinloopCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return new Outcome(cl.execute(args), err.toString());
    }

    @Test
    void trainWritesEpochsSummaryAndTheSeparationPlot(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("spiral");
        Outcome o = run("seeds", "train", "--model", "power-curve", "--task", "spiral", "--seeds", "2", "--epochs", "3",
                "--oscillators", "8", "--out", dir.toString());
        assertEquals(0, o.code(), o.err());
        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals(3, summary.size(), "header + one row per seed: " + summary);
        assertEquals(1 + 2 * 3, Files.readAllLines(dir.resolve("epochs.csv")).size());
        assertTrue(Files.size(dir.resolve("spiral-final-powers.png")) > 1000);
        assertTrue(Files.list(dir).noneMatch(p -> p.toString().contains(".tmp")), "no temporary file left behind");
    }

    @Test
    void tableTrainsTheRequestedConfigurations(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("table");
        Outcome o = run("seeds", "table", "--oscillators", "3", "--epochs", "1", "--couplings", "1", "--parts", "1,6",
                "--out", dir.toString());
        assertEquals(0, o.code(), o.err());
        List<String> csv = Files.readAllLines(dir.resolve("table.csv"));
        assertEquals(3, csv.size(), csv.toString());
        String md = Files.readString(dir.resolve("table.md"));
        assertTrue(md.contains("(1) W_in + physical + W_out") && md.contains("seed MNIST CM=100.0") && md.contains("98.49"), md);
        assertTrue(Files.size(dir.resolve("table.png")) > 1000);
    }

    @Test
    void badChoicesAreRefusedNamingTheOption(@TempDir Path tmp) {
        Outcome model = run("seeds", "train", "--model", "hopfield", "--task", "spiral", "--out", tmp.toString());
        assertEquals(2, model.code());
        assertTrue(model.err().contains("--model") && model.err().contains("hopfield"), model.err());
        Outcome task = run("seeds", "train", "--model", "macrospin", "--task", "mnist", "--out", tmp.toString());
        assertEquals(2, task.code());
        assertTrue(task.err().contains("--task") && task.err().contains("mnist"), task.err());
        Outcome parts = run("seeds", "table", "--parts", "7", "--out", tmp.resolve("t").toString());
        assertEquals(2, parts.code(), "refused before anything is made: " + parts.err());
        assertTrue(parts.err().contains("1..6"), parts.err());
        assertFalse(java.nio.file.Files.exists(tmp.resolve("t")), "no output directory for a refused run");
        Outcome trainParts = run("seeds", "train", "--model", "macrospin", "--task", "digits", "--parts", "seven",
                "--out", tmp.resolve("u").toString());
        assertEquals(2, trainParts.code(), trainParts.err());
        assertFalse(java.nio.file.Files.exists(tmp.resolve("u")), "no output directory for a refused run");
    }
}
