package io.spinloop.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The exit codes of the README's "Exit codes", each from a real command: 0 done, 1 failed during the run, 2 refused
 * before anything was touched, 3 a check that ran and did not pass. What decides between 1 and 2 is when the problem
 * was found, not the exception's type: an {@link IllegalArgumentException} from inside a run is a failure (1).
 */
class ExitCodesTest {
    @TempDir
    Path dir;

    @Test
    void done() throws Exception {
        Cli.Result r = Cli.run("bench", "check", "--config", TestBenches.defaultBench().toString());
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    @Test
    void refusedBeforeAnythingWasTouched() throws Exception {
        Path out = dir.resolve("never.h5");
        Cli.Result r = Cli.run("measure", "sweep", "--config", TestBenches.defaultBench().toString(), "--out",
                out.toString(), "--to", "3.5e-3");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("spinloop measure sweep: --to 3.5 mA is beyond device 'stno-a' max_current_A"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out), "nothing written");
        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)), "not even a journal");
    }

    @Test
    void anInputFileNamedOnTheCommandLineThatIsNotThereIsRefused() {
        Path missing = dir.resolve("missing.h5");
        Cli.Result r = Cli.run("data", "info", missing.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("spinloop data info: " + missing.toAbsolutePath()), r.err());
    }

    @Test
    void anInstrumentThatDiesMidRunFailsTheRun() throws Exception {
        // The first analyzer drops its connection once the sweep is under way (the emulator's fault config).
        Path cfg = TestBenches.write(dir, "dies.yaml", TestBenches.replaceLine(TestBenches.defaultBenchText(),
                "  faults:", "  faults: [{instrument: sa-a, kind: drop-connection, after_commands: 60}]"));
        Path out = dir.resolve("cut-short.h5");
        Cli.Result r = Cli.run("measure", "sweep", "--config", cfg.toString(), "--out", out.toString(), "--quiet");
        assertEquals(1, r.exit(), r.out() + r.err());
        Matcher m = Pattern.compile("(\\d+) of (\\d+) points").matcher(r.out());
        assertTrue(m.find(), r.out());
        int done = Integer.parseInt(m.group(1));
        assertTrue(done > 0 && done < Integer.parseInt(m.group(2)), "stopped mid-run: " + r.out());
        assertTrue(r.err().contains("stopped early") && r.err().contains("closed the connection"), r.err());
        assertEquals(done, MeasurementFile.open(out).sweeps().get(0).points(), "the file keeps the completed points");
    }

    @Test
    void aCheckThatRanAndDidNotPass() throws Exception {
        Path cfg = TestBenches.write(dir, "mismatch.yaml", TestBenches.defaultBenchText()
                .replace("    model: auto                  # *IDN? picks the driver", "    model: keithley-2450"));
        Cli.Result r = Cli.run("bench", "check", "--config", cfg.toString());
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("some instruments FAILED"), r.out());
    }

    @Test
    void aTrainingRunThatDivergesFailed() {
        Path out = dir.resolve("run");
        // An amplification no oscillator survives: the loss of the first batch is NaN.
        Cli.Result r = Cli.run("train", "--model", "spintronic", "--layers", "1", "--neurons", "6", "--train-limit",
                "60", "--test-limit", "30", "--batch", "30", "--threads", "1", "--epochs", "2", "--S", "1e300", "--out",
                out.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().startsWith("spinloop train: training diverged in epoch 0"), r.err());
        assertTrue(Files.exists(out.resolve("metrics.json")), "the divergence is recorded");
    }

    /** A command whose options are fine, and whose run meets a bad value: a library's IllegalArgumentException. */
    @Command(name = "deep-iae")
    static final class DeepIllegalArgument implements Callable<Integer> {
        @Option(names = "--n")
        int n = 1;

        @Override
        public Integer call() {
            OptionChecks.atLeast("--n", n, 1);
            return Character.toChars(-n).length; // not a code point: IllegalArgumentException, mid-run
        }
    }

    @Command(name = "reads", subcommands = DeepIllegalArgument.class)
    static final class Reads implements Callable<Integer> {
        @Option(names = "--in")
        Path in;

        @Override
        public Integer call() throws Exception {
            if (in != null) {
                throw new NoSuchFileException(in.toString());
            }
            throw new NoSuchFileException("/tmp/spinloop-some-file-the-run-made");
        }
    }

    private static int exit(StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new Reads());
        cl.setExecutionExceptionHandler(new CommandErrors()); // as SpinloopCommand sets them
        cl.setParameterExceptionHandler(new OptionErrors(cl));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void anIllegalArgumentFromInsideARunIsAFailureNotARefusal() {
        StringWriter err = new StringWriter();
        assertEquals(1, exit(err, "deep-iae", "--n", "1"), err.toString());
        assertTrue(err.toString().contains("reads deep-iae: "), err.toString());
        StringWriter refused = new StringWriter();
        assertEquals(2, exit(refused, "deep-iae", "--n", "0"), refused.toString());
        assertEquals("reads deep-iae: --n: expected 1 or more, got 0", refused.toString().strip());
    }

    @Test
    void aMissingFileIsARefusalOnlyWhenThePersonNamedIt() {
        StringWriter named = new StringWriter();
        assertEquals(2, exit(named, "--in", dir.resolve("x.h5").toString()), named.toString());
        StringWriter made = new StringWriter();
        assertEquals(1, exit(made), made.toString());
    }
}
