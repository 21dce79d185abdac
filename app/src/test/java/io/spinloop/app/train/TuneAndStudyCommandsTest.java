package io.spinloop.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The tune and study commands end to end on a tiny network (their full runs are documented in README). */
class TuneAndStudyCommandsTest {
    private static final String[] TINY = {"--layers", "1", "--neurons", "4", "--train-limit", "48",
        "--test-limit", "24", "--batch", "24", "--epochs", "2"};

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = SpinloopCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static String[] with(String[] head, String... tail) {
        String[] r = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, r, head.length, tail.length);
        return r;
    }

    @Test
    void tuneWritesATableOfTrialsAndTheBestOptions(@TempDir Path tmp) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, with(with(new String[] {"tune", "--model", "ctrnn", "--trials", "3", "--parallel", "2",
            "--startup", "2", "--out", tmp.toString()}, TINY), "--space", "tau=1:20,lr0=0.005:0.05"));
        assertEquals(0, code, err.toString());
        List<String> csv = Files.readAllLines(tmp.resolve("trials.csv"));
        assertEquals(4, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("trial,state,validation_accuracy,epochs_run,tau,lr0"), csv.get(0));
        assertTrue(Files.readString(tmp.resolve("best.txt")).contains("--tau"));
        assertTrue(Files.size(tmp.resolve("tune.png")) > 0);
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(new StringWriter(), err2, "tune", "--space", "gamma=1:2", "--out", tmp.toString()));
        assertTrue(err2.toString().contains("--space"), err2.toString());
    }

    @Test
    void seedStudyWritesRunsSummaryAndPlot(@TempDir Path tmp) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, with(new String[] {"study", "seeds", "--models", "ctrnn,spintronic", "--seeds", "2",
            "--parallel", "2", "--out", tmp.toString()}, TINY));
        assertEquals(0, code, err.toString());
        assertEquals(5, Files.readAllLines(tmp.resolve("runs.csv")).size());
        List<String> summary = Files.readAllLines(tmp.resolve("seeds.csv"));
        assertEquals("model,n,median,q1,q3", summary.get(0));
        assertTrue(summary.get(1).startsWith("ctrnn,2,"), summary.get(1));
        assertTrue(Files.size(tmp.resolve("seeds.png")) > 0);
        // Rerun: every run directory is complete, so nothing is trained again and the figures are the same.
        StringWriter again = new StringWriter();
        assertEquals(0, run(again, new StringWriter(), with(new String[] {"study", "seeds", "--models", "ctrnn,spintronic",
            "--seeds", "2", "--parallel", "2", "--out", tmp.toString()}, TINY)));
        assertEquals(summary, Files.readAllLines(tmp.resolve("seeds.csv")));
    }

    @Test
    void dtStudyRefusesANegativeInterval(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, with(new String[] {"study", "dt", "--dts", "1,-0.5", "--seeds", "1",
            "--out", tmp.toString()}, TINY));
        assertEquals(2, code);
        assertTrue(err.toString().contains("--dt") && err.toString().contains("-0.5"), err.toString());
    }

    @Test
    void densityStudyWritesOneVariantPerKindAndDensity(@TempDir Path tmp) throws Exception {
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, with(new String[] {"study", "density", "--kinds", "global,intra",
            "--densities", "0.25,1", "--seeds", "1", "--parallel", "2", "--out", tmp.toString()}, TINY));
        assertEquals(0, code, err.toString());
        List<String> runs = Files.readAllLines(tmp.resolve("runs.csv"));
        assertEquals(5, runs.size(), String.join("\n", runs));
        // intra at 0.25 keeps the interlayer density at 1, as in the seed's Fig. 4.
        assertTrue(runs.stream().anyMatch(r -> r.contains(",1.0,0.25,")), String.join("\n", runs));
        assertTrue(Files.readAllLines(tmp.resolve("density.csv")).size() >= 5);
        assertTrue(Files.size(tmp.resolve("density.png")) > 0);
    }

    @Test
    void theSparkEngineIsNotOnTheDefaultClassPathAndItsAbsenceIsARefusalNamingTheJar(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, with(new String[] {"study", "seeds", "--models", "ctrnn", "--seeds", "1",
            "--engine", "spark", "--master", "local[2]", "--out", tmp.toString()}, TINY));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("--engine spark") && err.toString().contains("spinloop-cluster.jar"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(new StringWriter(), err2, with(new String[] {"study", "seeds", "--master", "local[2]",
            "--out", tmp.toString()}, TINY)));
        assertTrue(err2.toString().contains("--master"), err2.toString());
        assertTrue(!Files.exists(tmp.resolve("runs.csv")));
    }
}
