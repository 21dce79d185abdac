package io.spinloop.app.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code benchmark chip --task digits} command (small sizes here) runs at both paces in one run and
 * reports round trips, bench time from the emulator's clock and the test figures (their values belong to the README):
 * the fastest pace needs fewer round trips and less bench time than the instruments as found.
 */
class ChipBenchmarkCommandTest {
    @Test
    void bothPacesAreMeasuredInOneRunAndTheFastestIsFaster() throws Exception {
        Cli.Result r = Cli.run("benchmark", "chip", "--config", TestBenches.defaultBench().toString(), "--task",
                "digits", "--quick", "--runs", "1");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("pace as-configured: source settings as found, lists of up to 100 points"), out);
        assertTrue(out.contains("pace fastest: 0.0100 NPLC, auto zero once"), out);
        Matcher m = Pattern.compile("round trips / epoch (\\d+) -> (\\d+) .*bench time / test pass ([0-9.]+) -> "
                + "([0-9.]+) min").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(2)) < Double.parseDouble(m.group(1)), out);
        assertTrue(Double.parseDouble(m.group(4)) < Double.parseDouble(m.group(3)) / 5, out);
        assertTrue(out.contains("load average"), out);
        String readme = java.nio.file.Files.readString(TestBenches.repoRoot().resolve("README.md"));
        assertTrue(readme.contains("./spinloop benchmark chip --task digits --runs 3"), "the README names the command");
    }

    @Test
    void theForecastsComparisonSaysMseNotAccuracy() throws Exception {
        Cli.Result r = Cli.run("benchmark", "chip", "--config", TestBenches.defaultBench().toString(), "--quick",
                "--runs", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("; chip test MSE "), r.out());
        assertTrue(!r.out().contains("chip test accuracy"), r.out());
        String readme = java.nio.file.Files.readString(TestBenches.repoRoot().resolve("README.md"));
        assertTrue(readme.contains("./spinloop benchmark chip --runs 3 --pace both"), "the README names the command");
    }
}
