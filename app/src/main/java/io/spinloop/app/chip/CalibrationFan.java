package io.spinloop.app.chip;

import io.spinloop.app.live.LiveView;
import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.file.TwinRecord;
import io.spinloop.twin.neuron.NeuronTwinFit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A fitted twin's fan against the readings of a calibration, as the held-out validation of
 * {@link io.spinloop.twin.neuron.NeuronTwinFit} sees them: the first held-out sequence of the recording, its measured
 * repeats, and the twin stepped on the same drives (as many repeats, at least 10, with its noise, from the
 * validation's seed) summed up as its 10 %, 50 % and 90 % quantiles at each step.
 *
 * @param timeS      the steps' times
 * @param driveA     the drive at each step
 * @param measuredW  the measured repeats, [repeat][step]
 * @param twinW      the twin's quantiles, [10 %, 50 %, 90 %][step]
 */
public record CalibrationFan(String device, double[] timeS, double[] driveA, double[][] measuredW, double[][] twinW) {
    static final double[] QUANTILES = {0.1, 0.5, 0.9};

    /**
     * The fan of {@code device}'s recording (its last {@code heldOut} sequences held out) and twin file, the twin
     * sampled with {@code seed}.
     */
    static CalibrationFan of(String device, Path recording, Path twinFile, int heldOut, long seed) throws IOException {
        SequenceData data = SequenceData.read(recording);
        int first = data.sequences() - Math.max(1, heldOut);
        SequenceData one = data.subset(new int[] {first});
        TwinRecord twin = TwinFile.read(twinFile);
        double[][] sim = twin.twin().sample(one.driveA(), Math.max(data.repeats(), 10), seed, true)[0];
        int steps = one.steps();
        double[][] q = new double[QUANTILES.length][steps];
        double[] column = new double[sim.length];
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < sim.length; r++) {
                column[r] = sim[r][t];
            }
            Arrays.sort(column);
            for (int k = 0; k < QUANTILES.length; k++) {
                q[k][t] = quantile(column, QUANTILES[k]);
            }
        }
        double[][] measured = IntStream.range(0, one.repeats()).mapToObj(r -> one.powerW()[0][r]).toArray(double[][]::new);
        return new CalibrationFan(device, one.timeS(), one.driveA()[0], measured, q);
    }

    /**
     * Draws the fan of {@code device}'s fitted twin on {@code view}'s page (nothing when it is off), the twin sampled
     * with the held-out validation's seed ({@code seed} + 29, as {@link io.spinloop.twin.neuron.NeuronTwinFit} does). A
     * fan that cannot be drawn is a line in the page's log, never the run's failure.
     */
    public static void show(LiveView view, DeviceCalibration.Result r, NeuronTwinFit.Fitted f, long seed) {
        if (!view.on()) {
            return;
        }
        try {
            CalibrationFan fan = of(r.device(), r.recording(), f.twinFile(), r.heldOut(), seed + 29);
            view.fan(fan.device(), fan.timeS(), fan.driveA(), fan.measuredW(), QUANTILES, fan.twinW());
        } catch (IOException | RuntimeException e) {
            view.message(r.device() + ": the twin's fan is not drawn (" + e.getMessage() + ")");
        }
    }

    /** The {@code p} quantile of sorted {@code v}, linear between neighbours. */
    static double quantile(double[] sorted, double p) {
        double at = p * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }
}
