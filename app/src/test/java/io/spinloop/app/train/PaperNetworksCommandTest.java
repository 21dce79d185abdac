package io.spinloop.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The papers' p(I) network (seed 003) and coupled macrospins (seed 002) as models of {@code train} and their studies
 * under {@code study} and {@code benchmark}, and the old {@code spinloop seeds …} names as hidden aliases. The pinned
 * figures were written by {@code spinloop seeds train|spread|table} before the commands were folded (commit
 * 0ba9ed8), with the same arguments; the seconds columns are left out.
 */
class PaperNetworksCommandTest {

    /** {@code seeds train --model power-curve --task spiral --seeds 2 --epochs 2 --oscillators 8} before the fold. */
    private static final List<String> POWER_CURVE_SPIRAL = List.of(
            "seed,epoch,train_loss,train_accuracy,test_accuracy",
            "1,1,0.691108,0.518750,0.525000", "1,2,0.684128,0.542500,0.530000",
            "2,1,0.695027,0.505000,0.595000", "2,2,0.690456,0.515000,0.465000");
    private static final List<String> POWER_CURVE_SPIRAL_SUMMARY = List.of(
            "seed,train_accuracy,test_accuracy", "1,0.542500,0.530000", "2,0.515000,0.465000");
    /** {@code seeds train --model power-curve --task digits --seeds 1 --epochs 1}. */
    private static final List<String> POWER_CURVE_DIGITS = List.of(
            "seed,epoch,train_loss,train_accuracy,test_accuracy", "1,1,1.877115,0.599444,0.796657");
    /** {@code seeds train --model macrospin --task spiral --seeds 1 --epochs 2 --oscillators 4}. */
    private static final List<String> MACROSPIN_SPIRAL = List.of(
            "seed,epoch,train_loss,train_accuracy,test_accuracy",
            "1,1,0.909470,0.401250,0.385000", "1,2,0.848963,0.445000,0.450000");
    /** {@code seeds train --model macrospin --task digits --seeds 1 --epochs 1 --oscillators 3}. */
    private static final List<String> MACROSPIN_DIGITS = List.of(
            "seed,epoch,train_loss,train_accuracy,test_accuracy", "1,1,2.357859,0.117524,0.150418");
    /** {@code seeds spread --draws 5 --max-sigma 0.1 --epochs 2}. */
    private static final List<String> SPREAD = List.of(
            "sigma,draws,mean_accuracy,std_accuracy,p05_accuracy,median_accuracy,p95_accuracy,min_accuracy",
            "0.0000,5,0.600000,0.000000,0.600000,0.600000,0.600000,0.600000",
            "0.0500,5,0.596000,0.005477,0.590000,0.595000,0.605000,0.590000",
            "0.1000,5,0.595000,0.017321,0.565000,0.605000,0.605000,0.565000");
    /** {@code seeds table --oscillators 3 --epochs 1 --couplings 1 --parts 1,6} (without train time and seconds). */
    private static final List<String> TABLE = List.of(
            "configuration,trained,coupling_Oe,seed,test_accuracy,train_accuracy,mean_field_Oe,field_spread_Oe,current_A,damping",
            "1,W_in + physical + W_out,1.0,1,0.150418,0.120306,1748.619,21.850,5.005350e-03,5.513548e-03",
            "6,W_out,1.0,1,0.097493,0.102921,1750.000,0.000,5.000000e-03,5.500000e-03");

    /** The lines of a CSV file without its last column (the seconds, which vary from run to run). */
    private static List<String> withoutSeconds(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    private static String[] with(String[] args, String... more) {
        String[] a = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, a, args.length, more.length);
        return a;
    }

    /** Runs {@code train ARGS --out new} and {@code seeds train ARGS --out old}; both must succeed. */
    private static void trainBothWays(Path tmp, String... args) {
        Cli.Result now = Cli.run(with(with(new String[] {"train"}, args), "--out", tmp.resolve("new").toString()));
        assertEquals(0, now.exit(), now.err());
        assertFalse(now.err().contains("is now"), now.err());
        Cli.Result alias = Cli.run(with(with(new String[] {"seeds", "train"}, args), "--out", tmp.resolve("old").toString()));
        assertEquals(0, alias.exit(), alias.err());
        assertTrue(alias.err().startsWith("spinloop seeds train is now spinloop train" + System.lineSeparator()), alias.err());
        assertEquals(now.out().lines().map(l -> l.replaceAll("\\(.* s/epoch\\)|files in .*", "")).toList(),
                alias.out().lines().map(l -> l.replaceAll("\\(.* s/epoch\\)|files in .*", "")).toList());
    }

    @Test
    void powerCurveOnTheSpiralWritesWhatSeedsTrainWrote(@TempDir Path tmp) throws Exception {
        trainBothWays(tmp, "--model", "power-curve", "--task", "spiral", "--seeds", "2", "--epochs", "2",
                "--oscillators", "8");
        for (String run : List.of("new", "old")) {
            Path dir = tmp.resolve(run);
            assertEquals(POWER_CURVE_SPIRAL, withoutSeconds(dir.resolve("epochs.csv")), run);
            assertEquals(POWER_CURVE_SPIRAL_SUMMARY, withoutSeconds(dir.resolve("summary.csv")), run);
            assertTrue(Files.size(dir.resolve("spiral-final-powers.png")) > 1000);
            assertTrue(Files.list(dir).noneMatch(p -> p.toString().contains(".tmp")), "no temporary file left behind");
        }
    }

    @Test
    void theOtherModelsAndTasksWriteWhatSeedsTrainWrote(@TempDir Path tmp) throws Exception {
        trainBothWays(tmp.resolve("pd"), "--model", "power-curve", "--task", "digits", "--seeds", "1", "--epochs", "1");
        trainBothWays(tmp.resolve("ms"), "--model", "macrospin", "--task", "spiral", "--seeds", "1", "--epochs", "2",
                "--oscillators", "4");
        trainBothWays(tmp.resolve("md"), "--model", "macrospin", "--task", "digits", "--seeds", "1", "--epochs", "1",
                "--oscillators", "3");
        for (String run : List.of("new", "old")) {
            assertEquals(POWER_CURVE_DIGITS, withoutSeconds(tmp.resolve("pd").resolve(run).resolve("epochs.csv")));
            assertEquals(MACROSPIN_SPIRAL, withoutSeconds(tmp.resolve("ms").resolve(run).resolve("epochs.csv")));
            assertEquals(MACROSPIN_DIGITS, withoutSeconds(tmp.resolve("md").resolve(run).resolve("epochs.csv")));
        }
    }

    @Test
    void spreadAndTableAreStudiesWithTheirFiguresUnchanged(@TempDir Path tmp) throws Exception {
        Cli.Result spread = Cli.run("study", "spread", "--draws", "5", "--max-sigma", "0.1", "--epochs", "2", "--out",
                tmp.resolve("spread").toString());
        assertEquals(0, spread.exit(), spread.err());
        assertEquals(SPREAD, Files.readAllLines(tmp.resolve("spread").resolve("spread.csv")));
        assertTrue(Files.size(tmp.resolve("spread").resolve("spread.png")) > 1000);

        Path dir = tmp.resolve("table");
        Cli.Result table = Cli.run("study", "coupling-table", "--oscillators", "3", "--epochs", "1", "--couplings", "1",
                "--parts", "1,6", "--out", dir.toString());
        assertEquals(0, table.exit(), table.err());
        assertEquals(TABLE, withoutSeconds(dir.resolve("table.csv")));
        String md = Files.readString(dir.resolve("table.md"));
        assertTrue(md.contains("(1) W_in + physical + W_out") && md.contains("seed MNIST CM=100.0") && md.contains("98.49"), md);
        assertTrue(Files.size(dir.resolve("table.png")) > 1000);
    }

    @Test
    void everyOldNameSaysItsNewOneAndRunsIt() {
        List<List<String>> pairs = List.of(List.of("train", "train"), List.of("spread", "study spread"),
                List.of("table", "study coupling-table"), List.of("bench", "study bench-mode"),
                List.of("benchmark", "benchmark models"));
        for (List<String> p : pairs) {
            Cli.Result r = Cli.run("seeds", p.get(0), "--help");
            assertEquals(0, r.exit(), r.err());
            assertEquals(List.of("spinloop seeds " + p.get(0) + " is now spinloop " + p.get(1)), r.err().lines().toList());
            assertTrue(r.out().startsWith("Usage: spinloop " + p.get(1) + " "), r.out());
        }
        Cli.Result help = Cli.run("--help");
        assertTrue(help.out().lines().noneMatch(l -> l.startsWith("  seeds ")), "the old group is hidden: " + help.out());
    }

    @Test
    void anOptionOfAnotherModelIsRefusedNamingBoth(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        List<List<String>> cases = List.of(
                List.of("--tau", "--model power-curve", "train", "--model", "power-curve", "--task", "spiral", "--tau", "3"),
                List.of("--coupling", "--model spintronic", "train", "--model", "spintronic", "--coupling", "5"),
                List.of("--steps", "--model macrospin", "train", "--model", "macrospin", "--task", "digits", "--steps", "3"),
                List.of("--seeds", "--model ctrnn", "train", "--model", "ctrnn", "--seeds", "3"),
                List.of("--parts", "--model power-curve", "seeds", "train", "--model", "power-curve", "--task", "spiral",
                        "--parts", "in"));
        for (List<String> c : cases) {
            Cli.Result r = Cli.run(with(c.subList(2, c.size()).toArray(String[]::new), "--out", out.toString()));
            String line = r.err().lines().filter(l -> !l.contains(" is now ")).findFirst().orElse("");
            assertEquals(2, r.exit(), String.join(" ", c) + ": " + r.err());
            assertTrue(line.startsWith("spinloop train: " + c.get(0) + " is an option of --model ")
                    && line.endsWith("not of " + c.get(1)), line);
            assertFalse(Files.exists(out), "a refused run writes nothing");
        }
    }

    /** One epoch gives one snapshot after training, so the spiral figure has an odd number of panels. */
    @Test
    void oneEpochOnTheSpiralWritesItsFigure(@TempDir Path tmp) {
        Cli.Result r = Cli.run("train", "--model", "power-curve", "--task", "spiral", "--epochs", "1", "--out",
                tmp.resolve("one").toString());
        assertEquals(0, r.exit(), r.err());
        try (var files = java.nio.file.Files.walk(tmp.resolve("one"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("spiral-final-powers.png")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void badChoicesAreRefusedNamingTheOption(@TempDir Path tmp) {
        Cli.Result model = Cli.run("train", "--model", "hopfield", "--task", "spiral", "--out", tmp.toString());
        assertEquals(2, model.exit());
        assertTrue(model.err().contains("--model") && model.err().contains("hopfield"), model.err());
        Cli.Result task = Cli.run("seeds", "train", "--model", "macrospin", "--task", "mnist", "--out", tmp.toString());
        assertEquals(2, task.exit());
        assertTrue(task.err().contains("--task") && task.err().contains("mnist"), task.err());
        Cli.Result noTask = Cli.run("train", "--model", "power-curve", "--out", tmp.resolve("a").toString());
        assertEquals(2, noTask.exit());
        assertTrue(noTask.err().contains("--task"), noTask.err());
        Cli.Result noOut = Cli.run("train", "--model", "ctrnn");
        assertEquals(2, noOut.exit());
        assertTrue(noOut.err().contains("--out"), noOut.err());
        Cli.Result parts = Cli.run("study", "coupling-table", "--parts", "7", "--out", tmp.resolve("t").toString());
        assertNotEquals(0, parts.exit());
        assertTrue(parts.err().contains("1..6"), parts.err());
        assertFalse(Files.exists(tmp.resolve("a")) || Files.exists(tmp.resolve("t")), "refused runs write nothing");
        assertEquals("", Arrays.stream(tmp.toFile().list()).collect(Collectors.joining(",")));
    }
}
