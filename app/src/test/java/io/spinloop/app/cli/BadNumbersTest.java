package io.spinloop.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every numeric option of every command, given zero, a negative, NaN, infinity or an absurdly large value, is
 * refused before anything is touched: exit code 2, one line on stderr that starts with {@code spinloop <command>:}
 * and names the option, no stack trace, and nothing created at {@code --out} (issue 12, items 8, 9 and 10). Where a
 * case carries an expected text, the message must hold it (the estimate of points, time or memory).
 *
 * <p>Placeholders: OUT is a fresh path in an empty directory of its own (a file or a directory, as the command
 * takes it), CFG the default emulated bench, DATA a small measurement file with /sequences, TWIN a twin fitted to
 * it, NONE a path that does not exist (for inputs a refused command must never get to read).
 */
class BadNumbersTest {
    @TempDir
    static Path shared;

    private static Path data;
    private static Path twin;

    /** A case: the option at fault, an expected part of the message (or null), and the command line. */
    record Case(String option, String expect, String... args) {
        @Override
        public String toString() {
            return String.join(" ", args);
        }

        /** The command's words before the first option: {@code measure sweep}. */
        String command() {
            return Arrays.stream(args).takeWhile(a -> !a.startsWith("-")).collect(Collectors.joining(" "));
        }
    }

    private static Case c(String option, String... args) {
        return new Case(option, null, args);
    }

    private static Case expect(String option, String expected, String... args) {
        return new Case(option, expected, args);
    }

    @BeforeAll
    static void smallDataAndTwin() {
        data = shared.resolve("data.h5");
        twin = shared.resolve("twin.h5");
        Cli.Result e = Cli.run("twin", "emulate", "--out", data.toString(), "--sequences", "4", "--repeats", "4",
                "--length", "10");
        assertEquals(0, e.exit(), e.err());
        Cli.Result f = Cli.run("twin", "fit", "--data", data.toString(), "--out", twin.toString(), "--epochs", "1",
                "--quiet");
        assertEquals(0, f.exit(), f.err());
    }

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        // --- issue 12, items 8, 9 and 10, exactly as reported ---
        all.add(expect("--points", "40,001", "measure", "sweep", "--config", "CFG", "--out", "OUT", "--points", "0"));
        all.add(expect("--points", "40,001", "measure", "sweep", "--config", "CFG", "--out", "OUT", "--points",
                "2000000000"));
        all.add(expect("--step", "finite", "measure", "sweep", "--config", "CFG", "--out", "OUT", "--step", "Infinity"));
        all.add(expect("--step", "gives 2,500,001 points (estimated ", "measure", "sweep", "--config", "CFG", "--out",
                "OUT", "--step", "1e-9"));
        all.add(expect("--step", "at most 100,000 points per sweep", "measure", "sweep", "--config", "CFG", "--out",
                "OUT", "--step", "1e-12"));
        all.add(expect("--sequences", "of memory (the JVM has", "measure", "sequences", "--config", "CFG", "--out", "OUT",
                "--sequences", "2000000000"));
        all.add(expect("--repeats", "of memory (the JVM has", "twin", "sample", "--twin", "TWIN", "--drive", "1e-3,2e-3",
                "--out", "OUT", "--repeats", "2000000000"));
        all.add(expect("--sequences", "of memory (the JVM has", "twin", "emulate", "--out", "OUT", "--sequences",
                "2000000000"));
        all.add(expect("--hidden", "of memory (the JVM has", "twin", "fit", "--data", "DATA", "--out", "OUT", "--hidden",
                "100000000"));
        all.add(expect("--neurons", "1,000,000,000,000 entries", "train", "--out", "OUT", "--neurons", "1000000"));

        // --- measure ---
        String[] sweep = {"measure", "sweep", "--config", "CFG", "--out", "OUT"};
        all.add(c("--points", cat(sweep, "--points", "-5")));
        all.add(c("--step", cat(sweep, "--step", "0")));
        all.add(c("--step", cat(sweep, "--step", "-1e-5")));
        all.add(c("--step", cat(sweep, "--step", "NaN")));
        all.add(c("--from", cat(sweep, "--from", "NaN")));
        all.add(c("--from", cat(sweep, "--from", "1")));
        all.add(c("--to", cat(sweep, "--to", "-Infinity")));
        all.add(c("--to", cat(sweep, "--to", "1e300")));
        String[] seq = {"measure", "sequences", "--config", "CFG", "--out", "OUT"};
        all.add(c("--sequences", cat(seq, "--sequences", "0")));
        all.add(c("--sequences", cat(seq, "--sequences", "-1")));
        all.add(c("--repeats", cat(seq, "--repeats", "0")));
        all.add(c("--repeats", cat(seq, "--repeats", "2000000000")));
        all.add(c("--length", cat(seq, "--length", "1")));
        all.add(c("--length", cat(seq, "--length", "2501")));
        all.add(c("--length", cat(seq, "--length", "2000000000")));
        all.add(expect("--sequences", "of instrument time", cat(seq, "--sequences", "4000", "--repeats", "100")));

        // --- twin ---
        String[] emulate = {"twin", "emulate", "--out", "OUT"};
        all.add(c("--sequences", cat(emulate, "--sequences", "0")));
        all.add(c("--repeats", cat(emulate, "--repeats", "-3")));
        all.add(c("--repeats", cat(emulate, "--repeats", "2000000000")));
        all.add(c("--length", cat(emulate, "--length", "1")));
        all.add(c("--length", cat(emulate, "--length", "2000000000")));
        all.add(c("--dwell", cat(emulate, "--dwell", "0")));
        all.add(c("--dwell", cat(emulate, "--dwell", "-1")));
        all.add(c("--dwell", cat(emulate, "--dwell", "NaN")));
        all.add(c("--dwell", cat(emulate, "--dwell", "Infinity")));
        all.add(c("--window", cat(emulate, "--window", "-1")));
        all.add(c("--low", cat(emulate, "--low", "-1e-3")));
        all.add(c("--high", cat(emulate, "--high", "0")));
        all.add(c("--high", cat(emulate, "--high", "10")));
        all.add(c("--high", cat(emulate, "--high", "NaN")));
        String[] sample = {"twin", "sample", "--twin", "TWIN", "--out", "OUT"};
        all.add(c("--repeats", cat(sample, "--drive", "1e-3", "--repeats", "0")));
        all.add(c("--repeats", cat(sample, "--drive", "1e-3", "--repeats", "-1")));
        all.add(c("--sequence", cat(sample, "--drive-from", "DATA", "--sequence", "-1")));
        all.add(c("--sequence", cat(sample, "--drive-from", "DATA", "--sequence", "2000000000")));
        all.add(c("--drive", cat(sample, "--drive", "1e-3,NaN")));
        all.add(c("--drive", cat(sample, "--drive", "Infinity")));
        String[] fit = {"twin", "fit", "--data", "DATA", "--out", "OUT"};
        all.add(c("--hidden", cat(fit, "--hidden", "0")));
        all.add(c("--hidden", cat(fit, "--hidden", "60000")));
        all.add(c("--epochs", cat(fit, "--epochs", "0")));
        all.add(c("--epochs", cat(fit, "--epochs", "2000000000")));
        all.add(c("--batch", cat(fit, "--batch", "0")));
        all.add(c("--lr", cat(fit, "--lr", "0")));
        all.add(c("--lr", cat(fit, "--lr", "NaN")));
        all.add(c("--lr", cat(fit, "--lr", "1e9")));
        all.add(c("--patience", cat(fit, "--patience", "0")));
        all.add(c("--held-out", cat(fit, "--held-out", "0")));
        all.add(c("--held-out", cat(fit, "--held-out", "1")));
        all.add(c("--held-out", cat(fit, "--held-out", "NaN")));
        all.add(c("--latent", cat(fit, "--latent", "-1")));
        all.add(c("--drive-history", cat(fit, "--drive-history", "-1")));
        all.add(c("--drive-history", cat(fit, "--drive-history", "2000000000")));
        all.add(c("--threads", cat(fit, "--threads", "0")));
        all.add(c("--threads", cat(fit, "--threads", "100000")));
        all.add(c("--window", cat(fit, "--window", "1")));
        String[] check = {"twin", "check", "--twin", "TWIN", "--data", "DATA"};
        all.add(c("--factor", cat(check, "--factor", "0")));
        all.add(c("--factor", cat(check, "--factor", "-1")));
        all.add(c("--factor", cat(check, "--factor", "NaN")));
        all.add(c("--factor", cat(check, "--factor", "Infinity")));
        String[] sysid = {"twin", "sysid", "--data", "DATA"};
        all.add(c("--min-drive", cat(sysid, "--min-drive", "-1")));
        all.add(c("--min-drive", cat(sysid, "--min-drive", "NaN")));
        all.add(c("--min-drive", cat(sysid, "--min-drive", "10")));
        all.add(c("--iterations", cat(sysid, "--iterations", "-1")));
        all.add(c("--iterations", cat(sysid, "--iterations", "2000000000")));

        // --- training ---
        String[] train = {"train", "--out", "OUT"};
        all.add(c("--neurons", cat(train, "--neurons", "0")));
        all.add(c("--neurons", cat(train, "--neurons", "40000")));
        all.add(c("--layers", cat(train, "--layers", "0")));
        all.add(c("--layers", cat(train, "--layers", "2000000000")));
        all.add(c("--epochs", cat(train, "--epochs", "0")));
        all.add(c("--epochs", cat(train, "--epochs", "2000000000")));
        all.add(c("--batch", cat(train, "--batch", "0")));
        all.add(c("--batch", cat(train, "--batch", "2000000000")));
        all.add(c("--dt", cat(train, "--dt", "0")));
        all.add(c("--dt", cat(train, "--dt", "NaN")));
        all.add(c("--dt", cat(train, "--dt", "Infinity")));
        all.add(c("--tau", cat(train, "--tau", "-1")));
        all.add(c("--lr0", cat(train, "--lr0", "0")));
        all.add(c("--decay", cat(train, "--decay", "0")));
        all.add(c("--density-inter", cat(train, "--density-inter", "0")));
        all.add(c("--density-inter", cat(train, "--density-inter", "1.5")));
        all.add(c("--density-intra", cat(train, "--density-intra", "NaN")));
        all.add(c("--S", cat(train, "--S", "0")));
        all.add(c("--init-scale", cat(train, "--init-scale", "-1")));
        all.add(c("--substeps", cat(train, "--substeps", "0")));
        all.add(c("--substeps", cat(train, "--substeps", "2000000000")));
        all.add(c("--threads", cat(train, "--threads", "0")));
        all.add(c("--threads", cat(train, "--threads", "100000")));
        all.add(c("--train-limit", cat(train, "--train-limit", "-1")));
        all.add(c("--test-limit", cat(train, "--test-limit", "-1")));
        all.add(c("--weight-decay", cat(train, "--weight-decay", "-1")));
        all.add(c("--input-noise", cat(train, "--input-noise", "NaN")));
        all.add(c("--validation", cat(train, "--validation", "0.9")));
        String[] tune = {"tune", "--out", "OUT"};
        all.add(c("--trials", cat(tune, "--trials", "0")));
        all.add(c("--trials", cat(tune, "--trials", "2000000000")));
        all.add(c("--parallel", cat(tune, "--parallel", "0")));
        all.add(c("--parallel", cat(tune, "--parallel", "2000000000")));
        all.add(c("--startup", cat(tune, "--startup", "-1")));
        all.add(c("--prune-warmup", cat(tune, "--prune-warmup", "-1")));
        all.add(c("--neurons", cat(tune, "--neurons", "1000000")));
        all.add(c("--space", cat(tune, "--space", "tau=1:Infinity")));
        all.add(c("--space", cat(tune, "--space", "tau=NaN:2")));
        all.add(c("--seeds", "study", "seeds", "--out", "OUT", "--seeds", "0"));
        all.add(c("--seeds", "study", "seeds", "--out", "OUT", "--seeds", "2000000000"));
        all.add(c("--parallel", "study", "seeds", "--out", "OUT", "--parallel", "0"));
        all.add(c("--neurons", "study", "seeds", "--out", "OUT", "--neurons", "1000000"));
        all.add(c("--epochs", "study", "seeds", "--out", "OUT", "--epochs", "0"));
        all.add(c("--dts", "study", "dt", "--out", "OUT", "--dts", "0"));
        all.add(c("--dts", "study", "dt", "--out", "OUT", "--dts", "1,NaN"));
        all.add(c("--densities", "study", "density", "--out", "OUT", "--densities", "0"));
        all.add(c("--densities", "study", "density", "--out", "OUT", "--densities", "2"));
        all.add(c("--seeds", "study", "transfer", "--config", "CFG", "--seeds", "0"));
        all.add(c("--seeds", "study", "transfer", "--config", "CFG", "--seeds", "2000000000"));
        all.add(c("--mismatch", "study", "chip-recovery", "--config", "CFG", "--mismatch", "-0.1"));
        all.add(c("--mismatch", "study", "chip-recovery", "--config", "CFG", "--mismatch", "1"));
        all.add(c("--mismatch", "study", "chip-recovery", "--config", "CFG", "--mismatch", "NaN"));
        all.add(c("--seeds", "study", "chip-recovery", "--config", "CFG", "--seeds", "0"));
        all.add(c("--epochs", "study", "chip-recovery", "--config", "CFG", "--epochs", "0"));
        String[] digits = {"study", "chip-digits", "--config", "CFG"};
        all.add(c("--seeds", cat(digits, "--seeds", "0")));
        all.add(c("--seeds", cat(digits, "--seeds", "2000000000")));
        all.add(c("--neurons", cat(digits, "--neurons", "0")));
        all.add(c("--neurons", cat(digits, "--neurons", "1000000000")));
        all.add(c("--epochs", cat(digits, "--epochs", "-1")));
        all.add(c("--chip-epochs", cat(digits, "--chip-epochs", "-1")));
        all.add(c("--mismatch", cat(digits, "--mismatch", "1")));

        // --- chip ---
        String[] onTwin = {"train-on-twin", "--twins", "NONE", "--out", "OUT"};
        all.add(c("--epochs", cat(onTwin, "--epochs", "0")));
        all.add(c("--epochs", cat(onTwin, "--epochs", "2000000000")));
        all.add(c("--neurons", cat(onTwin, "--task", "digits", "--neurons", "0")));
        all.add(c("--neurons", cat(onTwin, "--task", "digits", "--neurons", "1000000000")));
        String[] chipTrain = {"chip-train", "--weights", "NONE", "--twins", "NONE", "--out", "OUT"};
        all.add(c("--epochs", cat(chipTrain, "--epochs", "0")));
        all.add(c("--epochs", cat(chipTrain, "--epochs", "2000000000")));
        all.add(c("--max-steps", cat(chipTrain, "--max-steps", "0")));

        // --- the papers' p(I) network and macrospins ---
        all.add(c("--seeds", "train", "--model", "power-curve", "--task", "spiral", "--out", "OUT", "--seeds",
                "0"));
        all.add(c("--seeds", "train", "--model", "power-curve", "--task", "spiral", "--out", "OUT", "--seeds",
                "2000000000"));
        all.add(c("--epochs", "train", "--model", "power-curve", "--task", "spiral", "--out", "OUT",
                "--epochs", "0"));
        all.add(c("--batch", "train", "--model", "power-curve", "--task", "spiral", "--out", "OUT", "--batch",
                "0"));
        all.add(c("--oscillators", "train", "--model", "power-curve", "--task", "spiral", "--out", "OUT",
                "--oscillators", "1"));
        all.add(c("--oscillators", "train", "--model", "macrospin", "--task", "digits", "--out", "OUT",
                "--oscillators", "1000000"));
        all.add(c("--steps", "train", "--model", "power-curve", "--task", "spiral", "--out", "OUT", "--steps",
                "0"));
        all.add(c("--coupling", "train", "--model", "macrospin", "--task", "digits", "--out", "OUT",
                "--coupling", "-1"));
        all.add(c("--coupling", "train", "--model", "macrospin", "--task", "digits", "--out", "OUT",
                "--coupling", "NaN"));
        String[] spread = {"study", "spread", "--out", "OUT"};
        all.add(c("--draws", cat(spread, "--draws", "0")));
        all.add(c("--draws", cat(spread, "--draws", "2000000000")));
        all.add(c("--max-sigma", cat(spread, "--max-sigma", "-1")));
        all.add(c("--sigma-step", cat(spread, "--sigma-step", "0")));
        all.add(c("--sigma-step", cat(spread, "--sigma-step", "1e-12")));
        all.add(c("--epochs", cat(spread, "--epochs", "0")));
        String[] table = {"study", "coupling-table", "--out", "OUT"};
        all.add(c("--couplings", cat(table, "--couplings", "1,-1")));
        all.add(c("--couplings", cat(table, "--couplings", "NaN")));
        all.add(c("--oscillators", cat(table, "--oscillators", "0")));
        all.add(c("--oscillators", cat(table, "--oscillators", "1000000")));
        all.add(c("--epochs", cat(table, "--epochs", "0")));
        all.add(c("--batch", cat(table, "--batch", "0")));
        all.add(c("--seeds", cat(table, "--seeds", "0")));
        all.add(c("--repeats", "benchmark", "models", "--out", "OUT", "--repeats", "0"));
        all.add(c("--oscillators", "benchmark", "models", "--out", "OUT", "--oscillators", "0"));
        all.add(c("--oscillators", "benchmark", "models", "--out", "OUT", "--oscillators", "1000000"));
        String[] benchMode = {"study", "bench-mode", "--out", "OUT"};
        all.add(c("--devices", cat(benchMode, "--devices", "0")));
        all.add(c("--devices", cat(benchMode, "--devices", "100000")));
        all.add(c("--examples", cat(benchMode, "--examples", "0")));
        all.add(c("--averages", cat(benchMode, "--averages", "0")));
        all.add(c("--averages", cat(benchMode, "--averages", "2000000000")));
        all.add(c("--max-current", cat(benchMode, "--max-current", "0")));
        all.add(c("--max-current", cat(benchMode, "--max-current", "5e-3")));
        all.add(c("--max-current", cat(benchMode, "--max-current", "NaN")));
        all.add(c("--epochs", cat(benchMode, "--epochs", "0")));

        // --- benchmarks ---
        all.add(c("--runs", "benchmark", "scpi", "--runs", "0"));
        all.add(c("--seconds", "benchmark", "scpi", "--seconds", "0"));
        all.add(c("--seconds", "benchmark", "scpi", "--seconds", "NaN"));
        all.add(c("--seconds", "benchmark", "scpi", "--seconds", "1e9"));
        all.add(c("--warmup", "benchmark", "scpi", "--warmup", "-1"));
        all.add(c("--points", "benchmark", "scpi", "--points", "0"));
        all.add(c("--points", "benchmark", "scpi", "--points", "2000000000"));
        String[] hdf5 = {"benchmark", "hdf5", "--dir", "OUT"};
        all.add(c("--size-mb", cat(hdf5, "--size-mb", "0")));
        all.add(c("--size-mb", cat(hdf5, "--size-mb", "NaN")));
        all.add(c("--size-mb", cat(hdf5, "--size-mb", "1e12")));
        all.add(c("--runs", cat(hdf5, "--runs", "0")));
        all.add(c("--bins", cat(hdf5, "--bins", "1")));
        all.add(c("--bins", cat(hdf5, "--bins", "2000000000")));
        all.add(c("--sync-points", cat(hdf5, "--sync-points", "0")));
        all.add(c("--sequences", "benchmark", "twin", "--sequences", "0"));
        all.add(c("--sequences", "benchmark", "twin", "--sequences", "2000000000"));
        all.add(c("--repeats", "benchmark", "twin", "--repeats", "0"));
        all.add(c("--length", "benchmark", "twin", "--length", "1"));
        all.add(c("--dwell", "benchmark", "twin", "--dwell", "0"));
        all.add(c("--trajectories", "benchmark", "twin", "--trajectories", "0"));
        all.add(c("--trajectories", "benchmark", "twin", "--trajectories", "2000000000"));
        all.add(c("--runs", "benchmark", "twin", "--runs", "0"));
        all.add(c("--threads", "benchmark", "twin", "--threads", "0"));
        all.add(c("--drive-history", "benchmark", "twin", "--drive-history", "-1"));
        all.add(c("--runs", "benchmark", "measure", "--config", "CFG", "--runs", "0"));
        all.add(c("--warmup", "benchmark", "measure", "--config", "CFG", "--warmup", "-1"));
        all.add(c("--points", "benchmark", "measure", "--config", "CFG", "--points", "0"));
        all.add(c("--points", "benchmark", "measure", "--config", "CFG", "--points", "2000000000"));
        all.add(c("--settle", "benchmark", "measure", "--config", "CFG", "--settle", "-1"));
        all.add(c("--settle", "benchmark", "measure", "--config", "CFG", "--settle", "NaN"));
        all.add(c("--threads", "benchmark", "train", "--threads", "0"));
        all.add(c("--warmup", "benchmark", "train", "--warmup", "-1"));
        all.add(c("--epochs", "benchmark", "train", "--epochs", "0"));
        all.add(c("--runs", "benchmark", "chip", "--config", "CFG", "--runs", "0"));
        return all.stream();
    }

    @Test
    void labConfigPresetsAreHeldToTheSameBudgets() throws Exception {
        Path own = Files.createTempDirectory(shared, "config");
        Path cfg = TestBenches.write(own, "fine.yaml", TestBenches.replaceLine(TestBenches.defaultBenchText(),
                "    step_A:", "    step_A: 1.0e-9"));
        Cli.Result r = Cli.run("bench", "check", "--config", cfg.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("fine.yaml:") && r.err().contains("presets.sweep.step_A: a step of ")
                && r.err().contains("gives 2,500,001 points (estimated "), r.err());
        Path slow = TestBenches.write(own, "slow.yaml", TestBenches.replaceLine(TestBenches.defaultBenchText(),
                "    count:", "    count: 4000").replace("    repeats: 5 ", "    repeats: 100 "));
        Cli.Result s = Cli.run("bench", "check", "--config", slow.toString());
        assertEquals(2, s.exit(), s.err());
        assertTrue(s.err().contains("presets.sequences.count: 4,000 sequences x 100 repeats"), s.err());
    }

    private static String[] cat(String[] head, String... tail) {
        String[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedBeforeAnythingIsTouched(Case k) throws Exception {
        Path own = Files.createTempDirectory(shared, "case");
        Path out = own.resolve("out");
        String[] args = Arrays.stream(k.args()).map(a -> switch (a) {
            case "OUT" -> out.toString();
            case "CFG" -> TestBenches.defaultBench().toString();
            case "DATA" -> data.toString();
            case "TWIN" -> twin.toString();
            case "NONE" -> own.resolve("none").toString();
            default -> a;
        }).toArray(String[]::new);

        Cli.Result r = Cli.run(args);

        String err = r.err().strip();
        assertEquals(2, r.exit(), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("spinloop " + k.command() + ": "), err);
        assertTrue(err.contains(k.option()), "names " + k.option() + ": " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("Error"), err);
        if (k.expect() != null) {
            assertTrue(err.contains(k.expect()), "says '" + k.expect() + "': " + err);
        }
        assertFalse(Files.exists(out), "nothing at --out");
        try (Stream<Path> left = Files.list(own)) {
            assertEquals(List.of(), left.toList(), "nothing created beside --out");
        }
    }
}
