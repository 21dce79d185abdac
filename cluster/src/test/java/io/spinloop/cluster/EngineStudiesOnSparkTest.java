package io.spinloop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.SpinloopCommand;
import io.spinloop.twin.file.TwinFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The studies that ran in-process only before, on Spark's local[2] against the local engine, through the command
 * line: twin fits of several devices (one task per device) and seed 002's coupling table (one task per cell).
 */
class EngineStudiesOnSparkTest {

    private static void run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = SpinloopCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(args), String.join(" ", args) + "\n" + err);
    }

    private static String[] with(String[] head, String... tail) {
        List<String> a = new ArrayList<>(Arrays.asList(head));
        a.addAll(Arrays.asList(tail));
        return a.toArray(new String[0]);
    }

    /** A results file's rows in key order, without the columns named (wall times, where a file was written). */
    static TreeSet<String> rowsWithout(Path csv, String... columns) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        TreeSet<String> rows = new TreeSet<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            for (String c : columns) {
                f[header.indexOf(c)] = "";
            }
            rows.add(String.join(",", f));
        }
        return rows;
    }

    @Test
    void twinFitsOfThreeDevicesAreTheSameOnSparkAsInProcess(@TempDir Path tmp) throws Exception {
        List<String> data = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            Path rec = tmp.resolve("device-" + d + ".h5");
            run("twin", "emulate", "--out", rec.toString(), "--sequences", "12", "--repeats", "4", "--length", "24",
                    "--seed", Integer.toString(10 + d));
            data.addAll(List.of("--data", rec.toString()));
        }
        String[] fit = with(data.toArray(new String[0]), "--epochs", "2", "--batch", "128", "--threads", "1", "--quiet");
        run(with(with(new String[] {"twin", "fit", "--each"}, fit), "--out", tmp.resolve("local").toString(), "--parallel", "2"));
        run(with(with(new String[] {"twin", "fit", "--each"}, fit), "--out", tmp.resolve("spark").toString(), "--engine", "spark",
                "--master", "local[2]", "--weights-dir", tmp.resolve("twins").toString()));

        TreeSet<String> local = rowsWithout(tmp.resolve("local/fits.csv"), "seconds", "twin_file");
        assertEquals(3, local.size());
        assertEquals(local, rowsWithout(tmp.resolve("spark/fits.csv"), "seconds", "twin_file"));
        // Twins only where asked: in the weights directory of the Spark run, none beside the local run's fits.
        for (int d = 1; d <= 3; d++) {
            assertTrue(TwinFile.read(tmp.resolve("twins/device-" + d + ".h5")).validation().score() >= 0);
        }
        try (var files = Files.list(tmp.resolve("local"))) {
            assertEquals(List.of(tmp.resolve("local/fits.csv")), files.toList());
        }
        assertTrue(Files.readAllLines(tmp.resolve("local/fits.csv")).stream().skip(1).allMatch(l -> l.endsWith(",")),
                "no twin file named without --weights-dir");
        assertFalse(Files.readAllLines(tmp.resolve("spark/fits.csv")).stream().skip(1).anyMatch(l -> l.endsWith(",")));

        // Cut off after one device (the driver installs fits.csv whole per fit), the study fits only the other two.
        Path cut = tmp.resolve("cut/fits.csv");
        Files.createDirectories(cut.getParent());
        Files.write(cut, Files.readAllLines(tmp.resolve("local/fits.csv")).subList(0, 2));
        String kept = Files.readAllLines(cut).get(1);
        run(with(with(new String[] {"twin", "fit", "--each"}, fit), "--out", cut.getParent().toString()));
        assertEquals(local, rowsWithout(cut, "seconds", "twin_file"));
        assertTrue(Files.readAllLines(cut).contains(kept), "the row read back was rewritten");
    }

    @Test
    void theCouplingTableIsTheSameOnSparkAsInProcess(@TempDir Path tmp) throws Exception {
        String[] table = {"study", "coupling-table", "--oscillators", "3", "--epochs", "1", "--couplings", "1,10", "--parts", "1,6"};
        run(with(table, "--out", tmp.resolve("local").toString()));
        run(with(table, "--out", tmp.resolve("spark").toString(), "--engine", "spark", "--master", "local[2]"));
        TreeSet<String> local = rowsWithout(tmp.resolve("local/cells.csv"), "epoch_seconds", "seconds");
        assertEquals(4, local.size());
        assertEquals(local, rowsWithout(tmp.resolve("spark/cells.csv"), "epoch_seconds", "seconds"));
        assertEquals(Files.readString(tmp.resolve("local/table.md")), Files.readString(tmp.resolve("spark/table.md")));
    }

    @Test
    void theSpreadStudyIsTheSameOnSparkAsInProcessAndResumesFromItsPoints(@TempDir Path tmp) throws Exception {
        String[] spread = {"study", "spread", "--draws", "5", "--max-sigma", "0.15", "--epochs", "2"};
        run(with(spread, "--out", tmp.resolve("local").toString()));
        run(with(spread, "--out", tmp.resolve("spark").toString(), "--engine", "spark", "--master", "local[2]"));
        List<String> points = Files.readAllLines(tmp.resolve("local/points.csv"));
        assertEquals(5, points.size());
        assertEquals(new TreeSet<>(points), new TreeSet<>(Files.readAllLines(tmp.resolve("spark/points.csv"))));
        assertEquals(Files.readAllLines(tmp.resolve("local/spread.csv")), Files.readAllLines(tmp.resolve("spark/spread.csv")));

        // Cut off after two sigmas, the study evaluates only the other two and ends with the same figures.
        Path cut = tmp.resolve("cut");
        Files.createDirectories(cut);
        Files.write(cut.resolve("points.csv"), points.subList(0, 3));
        run(with(spread, "--out", cut.toString(), "--parallel", "2"));
        assertEquals(new TreeSet<>(points), new TreeSet<>(Files.readAllLines(cut.resolve("points.csv"))));
        assertEquals(Files.readAllLines(tmp.resolve("local/spread.csv")), Files.readAllLines(cut.resolve("spread.csv")));
    }
}
