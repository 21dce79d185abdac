package io.spinloop.app.twin;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.lab.config.Limits;
import io.spinloop.twin.SequenceData;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop twin emulate --out F.h5}: sequences from the emulator's device physics in process, written as a
 * measurement file. Thousands of sequences in seconds for twin studies; {@code spinloop measure sequences}
 * records through the emulated (or a real) bench instead.
 */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = {"Write a measurement file of drive sequences played through the emulator's STNO physics "
            + "(in process, virtual time, no instruments): training data for twin studies.",
            "A dwell below 1 ms is not measurable with a SourceMeter list sweep; the file's provenance says so."})
public final class TwinEmulateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "F.h5", description = "measurement file to write")
    Path out;

    @Option(names = "--sequences", defaultValue = "200", description = "drive sequences (default: ${DEFAULT-VALUE})")
    int sequences;

    @Option(names = "--repeats", defaultValue = "10", description = "repeats of each (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--length", defaultValue = "200", description = "steps per sequence (default: ${DEFAULT-VALUE})")
    int length;

    @Option(names = "--dwell", defaultValue = "1e-3", paramLabel = "S", description = "seconds per step (default: ${DEFAULT-VALUE}, a SourceMeter list sweep)")
    double dwell;

    @Option(names = "--window", defaultValue = "0", paramLabel = "S", description = "integration time of a power reading (default: ${DEFAULT-VALUE} = instantaneous)")
    double window;

    @Option(names = "--low", defaultValue = "0.5e-3", paramLabel = "A", description = "lowest drive level (default: ${DEFAULT-VALUE})")
    double low;

    @Option(names = "--high", defaultValue = "2.5e-3", paramLabel = "A", description = "highest drive level (default: ${DEFAULT-VALUE})")
    double high;

    @Option(names = "--seed", defaultValue = "1", description = "seed of drives and noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--device-seed", defaultValue = "42", description = "seed drawing the device around the nominal one (default: ${DEFAULT-VALUE})")
    long deviceSeed;

    @Option(names = "--nominal", description = "the nominal device exactly: no device-to-device spread, no drift")
    boolean nominal;

    @Option(names = "--overwrite", description = "replace --out if it exists (atomically, once the new file is complete)")
    boolean overwrite;

    /** The name this option had before every command said --overwrite; kept so that scripts keep working. */
    @Option(names = "--force", hidden = true)
    void deprecatedForce(boolean on) {
        if (on) {
            overwrite = true;
            System.err.println("spinloop twin emulate: --force is deprecated; use --overwrite");
        }
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        DeviceParameters device = nominal ? DeviceParameters.defaults().withoutVariation() : DeviceParameters.defaults();
        EmulatedSequences gen = new EmulatedSequences(device, deviceSeed, dwell, window);
        SequenceData d = gen.play(sequences, repeats, length, low, high, seed);
        gen.write(out, d, seed, overwrite);
        System.out.println("wrote " + sequences + " sequences x " + repeats + " repeats x " + length + " steps ("
                + dwell + " s per step" + (gen.physicallyMeasurable() ? "" : ", limits lifted: not measurable with a SourceMeter")
                + ") to " + out);
        return 0;
    }

    /** Refuses bad numbers before anything is written, and a file too big for the JVM's memory. */
    private void checkOptions() {
        OptionChecks.atLeast("--sequences", sequences, 1);
        OptionChecks.atLeast("--repeats", repeats, 1);
        OptionChecks.atLeast("--length", length, 2);
        OptionChecks.positive("--dwell", dwell);
        OptionChecks.nonNegative("--window", window);
        OptionChecks.nonNegative("--low", low);
        OptionChecks.check("--high", high, Limits.between(high, 0, Limits.sourceRangeA()));
        if (!(high > low)) {
            throw new RefusedInputException("--high: expected a level above --low " + Limits.number(low) + " A, got "
                    + Limits.number(high));
        }
        OptionChecks.memory(OptionChecks.given("--sequences", sequences) + " " + OptionChecks.given("--repeats", repeats)
                + " " + OptionChecks.given("--length", length), Limits.sequenceBytes(sequences, repeats, length));
    }
}
