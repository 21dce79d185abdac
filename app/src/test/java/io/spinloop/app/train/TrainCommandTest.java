package io.spinloop.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.SpinloopCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cl = SpinloopCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void badOptionsAreRefusedNamingOptionAndValue(@TempDir Path tmp) {
        String dir = tmp.resolve("run").toString();
        Outcome tau = run("train", "--tau", "-1", "--out", dir);
        assertEquals(2, tau.code());
        assertTrue(tau.err().contains("--tau") && tau.err().contains("-1.0"), tau.err());
        Outcome dens = run("train", "--density-intra", "0", "--out", dir);
        assertEquals(2, dens.code());
        assertTrue(dens.err().contains("--density-intra") && dens.err().contains("(0, 1]"), dens.err());
        Outcome dens2 = run("train", "--density-inter", "1.2", "--out", dir);
        assertTrue(dens2.err().contains("--density-inter"), dens2.err());
        Outcome precision = run("train", "--precision", "float16", "--out", dir);
        assertEquals(2, precision.code());
        assertTrue(precision.err().contains("--precision") && precision.err().contains("float16")
                && precision.err().contains("float64 or float32"), precision.err());
        Outcome task = run("train", "--task", "mnist", "--out", dir);
        assertEquals(2, task.code());
        assertTrue(task.err().contains("--task") && task.err().contains("mnist"), task.err());
        assertTrue(!Files.exists(tmp.resolve("run")), "a refused run writes nothing");
    }

    @Test
    void aFloat32RunSaysSoInItsConfig(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run32");
        Outcome r = run("train", "--model", "spintronic", "--layers", "1", "--neurons", "6", "--train-limit", "60",
                "--test-limit", "30", "--batch", "30", "--threads", "1", "--epochs", "1", "--precision", "float32",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(dir.resolve("config.json")).contains("\"precision\" : \"FLOAT32\""),
                Files.readString(dir.resolve("config.json")));
    }

    @Test
    void trainsWritesTheRunDirectoryAndResumes(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        String[] common = {"train", "--model", "ctrnn", "--layers", "1", "--neurons", "6", "--train-limit", "60",
            "--test-limit", "30", "--batch", "30", "--threads", "1", "--out", dir.toString()};
        Outcome first = run(concat(common, "--epochs", "1"));
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("epoch   1/1"), first.out());
        for (String f : new String[] {"config.json", "metrics.json", "weights.h5", "learning-curves.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        Outcome second = run(concat(common, "--epochs", "2"));
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("resumed after epoch 1"), second.out());
        assertTrue(!second.out().contains("epoch   1/2"), "epoch 1 is not trained again");
        Outcome other = run(concat(common, "--epochs", "2", "--tau", "3"));
        assertEquals(2, other.code());
        assertTrue(other.err().contains("different settings"), other.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
