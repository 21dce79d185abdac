package io.spinloop.app.twin;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.config.Limits;
import io.spinloop.lab.config.Units;
import io.spinloop.measurements.AtomicFile;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.file.TwinRecord;
import io.spinloop.twin.fit.RecordedSequences;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spinloop twin sample}: simulate a drive sequence through a twin, several repeats. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Simulate a drive sequence through a twin: repeats of the emitted power, as CSV (and a PNG fan).")
public final class TwinSampleCommand implements Callable<Integer> {

    @Option(names = "--twin", required = true, paramLabel = "T.h5", description = "twin file")
    Path twinFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Drive drive;

    static final class Drive {
        @Option(names = "--drive", split = ",", paramLabel = "I", description = "drive currents in A, one per step, comma separated")
        double[] currents;

        @Option(names = "--drive-from", paramLabel = "F.h5", description = "take the drive of a measured sequence (see --sequence)")
        Path file;
    }

    @Option(names = "--sequence", defaultValue = "0", description = "index of the measured sequence for --drive-from (default: ${DEFAULT-VALUE})")
    int sequence;

    @Option(names = "--repeats", defaultValue = "10", description = "trajectories to simulate (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--seed", defaultValue = "1", description = "noise seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--deterministic", description = "noise off: the drift alone")
    boolean deterministic;

    @Option(names = "--out", paramLabel = "S.csv", description = "CSV to write (default: standard output)")
    Path out;

    @Option(names = "--plot", paramLabel = "FAN.png", description = "PNG of the simulated fan (with the measured one for --drive-from)")
    Path plot;

    @Override
    public Integer call() throws Exception {
        OptionChecks.atLeast("--repeats", repeats, 1);
        OptionChecks.atLeast("--sequence", sequence, 0);
        TwinRecord rec = TwinFile.read(twinFile);
        double dt = rec.twin().sampleIntervalS();
        double[] currents;
        SequenceData measured = null;
        if (drive.currents != null) {
            currents = drive.currents;
        } else {
            SequenceData d = RecordedSequences.read(java.util.List.of(drive.file)).data();
            if (sequence < 0 || sequence >= d.sequences()) {
                throw new RefusedInputException("--sequence " + sequence + ": " + drive.file + " has sequences 0.."
                        + (d.sequences() - 1));
            }
            measured = d.subset(new int[] {sequence});
            currents = measured.driveA()[0];
            dt = d.sampleInterval();
        }
        for (double c : currents) {
            if (!Double.isFinite(c)) {
                throw new RefusedInputException("--drive: " + c + " is not a current");
            }
        }
        // Each trajectory: its powers (8 bytes a step) and their CSV text (about 24 characters a value, held by the
        // growing builder, its copy and the writer), before anything is written.
        OptionChecks.memory(OptionChecks.given("--repeats", repeats) + " of " + Limits.count(currents.length)
                + " steps", Limits.saturatedProduct(repeats, Limits.saturatedSum(Limits.saturatedProduct(
                        currents.length, 80), 100)));
        String warning = extrapolation(rec, twinFile, currents);
        if (warning != null) {
            System.err.println("spinloop twin sample: " + warning);
        }
        double[][][] sim = rec.twin().sample(new double[][] {currents}, repeats, seed, !deterministic);
        StringBuilder csv = csv(currents, dt, sim[0]);
        if (out == null) {
            System.out.print(csv);
        } else {
            AtomicFile.writeString(out, csv.toString());
            System.err.println("wrote " + repeats + " trajectories of " + currents.length + " steps to " + out);
        }
        if (plot != null) {
            double[] time = new double[currents.length];
            Arrays.setAll(time, t -> t * rec.twin().sampleIntervalS());
            SequenceData shown = measured != null ? measured
                    : new SequenceData("drive", time, new double[][] {currents}, new double[][][] {{sim[0][0]}});
            FanPlot.write(plot, shown, sim, 1, measured != null ? "measured (blue) vs twin (orange)" : "twin (orange)");
        }
        return 0;
    }

    /** The trajectories as CSV: time, drive and one power column per repeat, a row per step. */
    private static StringBuilder csv(double[] currents, double dt, double[][] powers) {
        StringBuilder csv = new StringBuilder("time_s,drive_A");
        for (int r = 0; r < powers.length; r++) {
            csv.append(",power_W_").append(r);
        }
        csv.append('\n');
        for (int t = 0; t < currents.length; t++) {
            csv.append(t * dt).append(',').append(currents[t]);
            for (double[] p : powers) {
                csv.append(',').append(p[t]);
            }
            csv.append('\n');
        }
        return csv;
    }

    /**
     * A warning when the drive leaves the range the twin was fitted on (there it extrapolates: a neural SDE has
     * never seen such a current, and nothing holds it to the physics), or when the file does not say its range;
     * null when the drive stays inside. The sample is still drawn: a study may want exactly that.
     */
    static String extrapolation(TwinRecord rec, Path file, double[] currents) {
        double lo = Arrays.stream(currents).min().orElse(0);
        double hi = Arrays.stream(currents).max().orElse(0);
        java.util.Optional<double[]> fitted = rec.fittedDriveRange();
        if (fitted.isEmpty()) {
            return "note: " + file + " does not record the drive range it was fitted on (written by an older "
                    + "spinloop): whether " + Units.amps(lo) + (hi != lo ? " .. " + Units.amps(hi) : "")
                    + " is inside it cannot be checked";
        }
        double[] r = fitted.get();
        // Rounding of stored values is no extrapolation: a part per million of the range's size is inside.
        double slack = 1e-6 * Math.max(Math.abs(r[0]), Math.abs(r[1]));
        if (lo >= r[0] - slack && hi <= r[1] + slack) {
            return null;
        }
        double outside = hi > r[1] + slack ? hi : lo;
        return "warning: the drive reaches " + Units.amps(outside) + ", outside the " + Units.amps(r[0]) + " .. "
                + Units.amps(r[1]) + " the twin " + file + " was fitted on; there it extrapolates";
    }
}
