package io.spinloop.lab.map;

import io.spinloop.lab.RunOutcome;
import io.spinloop.lab.RunProgress;
import io.spinloop.lab.RunRefusedException;
import io.spinloop.lab.bench.MeasurementSession;
import io.spinloop.lab.bench.Recording;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.SpectrumSettings;
import io.spinloop.lab.field.FieldController;
import io.spinloop.lab.field.FieldControllers;
import io.spinloop.measurements.MapGrid;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.RunResumption;
import io.spinloop.measurements.SpectrumMap;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A 2-D map of one device of a lab-config's bench into an HDF5 file ({@code /maps/0}), with the threshold line
 * I_th(y) fitted to it: what {@code spinloop measure map} runs. A new run checks its output before the bench is
 * opened; a resumed run checks that bench, device, lab-config and plan are those of the interrupted run first.
 */
public final class MapMeasurement {
    private MapMeasurement() {
    }

    /**
     * What to map.
     *
     * @param currentsA the fast axis: drive currents
     * @param y         the slow axis's values: the field in tesla when {@code field}, else repeat indices
     * @param field       the slow axis is the device's magnetic field ({@link FieldAxis}, the device needs a field
     *                    block in the lab-config); otherwise the repeat index ({@link RepeatAxis})
     * @param order     {@link MapGrid#RASTER} or {@link MapGrid#SNAKE}
     * @param refineRows measure only this many of the rows, placed where the line moves fastest
     *                   ({@link FieldRowPlanner}); 0: every row
     */
    public record Plan(LoadedLabConfig config, DeviceConfig device, double[] currentsA, double[] y, boolean field,
                       String order, SpectrumSettings spectrum, double settleS, int refineRows) {

        public Plan(LoadedLabConfig config, DeviceConfig device, double[] currentsA, double[] y, boolean field,
                    String order, SpectrumSettings spectrum, double settleS) {
            this(config, device, currentsA, y, field, order, spectrum, settleS, 0);
        }

        String slowName() {
            return field ? "field" : "repeat";
        }

        MapGrid grid() {
            return new MapGrid("current", "A", currentsA, slowName(), field ? "T" : "1", y, order);
        }

        /** The plan in words, stored as {@code meta.plan}; a resumed run must repeat it exactly. */
        String describe() {
            return String.format(Locale.ROOT, "map %s; current %d points %s; %s %d values %s; spectrum %s; settle %s s",
                    order, currentsA.length, Arrays.hashCode(currentsA) + "[" + currentsA[0] + ".."
                            + currentsA[currentsA.length - 1] + "]", slowName(), y.length,
                    Arrays.hashCode(y) + "[" + y[0] + ".." + y[y.length - 1] + "]", spectrum, settleS)
                    + (refineRows > 0 ? "; refine " + refineRows + " rows" : "");
        }
    }

    /**
     * How the map ended.
     *
     * @param threshold I_th(y), or null when nothing was recorded
     * @param resumed   the interruption this run resumed after, or null for a new run
     */
    public record Result(RunOutcome outcome, ThresholdLine threshold, io.spinloop.measurements.Interruption resumed) {
    }

    public static Result run(Plan plan, Recording to, RunProgress progress) throws IOException {
        if (plan.field()) {
            FieldControllers.fieldOf(plan.config(), plan.device().id()); // refuses a device in no field, first
        }
        String described = plan.describe();
        if (to.resume()) {
            MeasurementSession.checkResumable(to, plan.config(), plan.device(), "map", described);
            long complete = RunResumption.recoverIfComplete(to.file());
            if (complete >= 0) { // killed while finalising, or after: everything was measured
                progress.message(to.file() + " is complete (" + complete + " points): nothing left to measure");
                return new Result(new RunOutcome((int) complete, (int) complete, false, null, 0), ThresholdLine.of(
                        MeasurementFile.open(to.file()).maps().get(0)), null);
            }
        } else {
            MeasurementSession.checkOutput(to.file(), to.overwrite());
        }
        MapGrid grid = plan.grid();
        RunOutcome outcome;
        RunResumption.Resumed resumed = null;
        try (MeasurementSession session = MeasurementSession.open(plan.config(), plan.device());
             FieldController field = plan.field() ? FieldControllers.open(session.bench(), plan.device().id()) : null) {
            MapAxis slow = field != null ? new FieldAxis(field) : new RepeatAxis();
            if (field != null) {
                session.alsoUses(field.instrumentsByRole());
            }
            MapRunner.Target target;
            if (to.resume()) {
                session.checkSameInstruments(to, progress);
                RunResumption.Resumed r = session.resume(to);
                resumed = r;
                target = (freq, settings) -> {
                    if (r.maps().isEmpty()) { // killed before its first point: the map starts now
                        return r.recorder().beginMap(plan.device().id(), freq, grid, settings);
                    }
                    SpectrumMap was = r.previous().maps().get(0);
                    if (!Arrays.equals(was.frequencyHz(), freq)) {
                        throw new RunRefusedException("--resume " + to.file() + ": the analyzer now reports another"
                                + " frequency axis than the interrupted run's; measure into a new file");
                    }
                    return r.maps().get(0);
                };
            } else {
                var recorder = session.record(to, Map.of(), "map", described);
                target = (freq, settings) -> recorder.beginMap(plan.device().id(), freq, grid, settings);
            }
            outcome = new MapRunner(session.rig(), plan.spectrum(), plan.settleS(), plan.field(), plan.refineRows())
                    .run(grid, new CurrentAxis(session.rig().source()), slow, target, progress, session.guard());
        }
        if (outcome.done() == 0) {
            return new Result(outcome, null, null);
        }
        SpectrumMap map = MeasurementFile.open(to.file()).maps().get(0);
        return new Result(outcome, ThresholdLine.of(map), resumed == null ? null : resumed.interruption());
    }
}
