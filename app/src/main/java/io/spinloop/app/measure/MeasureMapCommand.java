package io.spinloop.app.measure;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.ProgressBar;
import io.spinloop.app.live.LiveOptions;
import io.spinloop.app.live.LiveView;
import io.spinloop.app.plot.RunPlots;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.Limits;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.SweepPreset;
import io.spinloop.lab.map.MapMeasurement;
import io.spinloop.measurements.MeasurementFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spinloop measure map}: a spectrum, and its line fitted, at every point of a 2-D grid. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Map one device over a 2-D grid: the drive current (fast axis) at every value of a slow axis; "
                + "at each point ramp, settle, take a spectrum and fit the line. Stored under /maps/0.",
                "The slow axis is the device's magnetic field with --field-from/--field-to/--field-step (closed loop on "
                        + "the gaussmeter; the device needs a field block), else the repeat index (each row sweeps the "
                        + "same currents again; in snake order alternately up and down, for hysteresis)."})
public final class MeasureMapCommand implements Callable<Integer> {
    @Mixin
    MeasureOptions common;

    @Mixin
    ResumeOption resume;

    @Mixin
    LiveOptions live;

    @Mixin
    CurrentRangeOptions range;

    @Option(names = "--rows", paramLabel = "N",
            description = "without a field: rows of the repeat index 0..N-1 (default 3)")
    Integer rows;

    @Option(names = "--field-from", paramLabel = "T", description = "first field, tesla (the slow axis is the field)")
    Double fieldFrom;

    @Option(names = "--field-to", paramLabel = "T", description = "last field, tesla")
    Double fieldTo;

    @Option(names = "--field-step", paramLabel = "T", description = "field step, tesla")
    Double fieldStep;

    @Option(names = "--refine-rows", paramLabel = "N", description = "with a field: measure only N of the field "
            + "values, a coarse third first, then each where the line moves fastest with the field (the field step is "
            + "the finest spacing)")
    Integer refineRows;

    @Option(names = "--order", paramLabel = "raster|snake", defaultValue = "snake",
            description = "raster: every row swept upwards; snake: alternately up and down (default ${DEFAULT-VALUE})")
    String order;

    @Option(names = "--plots", paramLabel = "DIR", description = "also draw f, p and linewidth maps and I_th as PNGs")
    Path plots;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedLabConfig cfg = LabConfigLoader.load(common.config);
        DeviceConfig device = common.device == null ? cfg.config().devices().get(0) : cfg.device(common.device);
        SweepPreset preset = cfg.config().presets().sweep();
        CurrentRangeOptions.Range currentRange = range.resolve(preset);
        checkOptions(cfg, device, currentRange);
        double[] currents = currentRange.currents();
        boolean field = fieldFrom != null;
        double[] ys = field ? fieldValues() : new double[rows == null ? 3 : rows];
        if (!field) {
            Arrays.setAll(ys, i -> i);
        }
        try (LiveView view = live.start("map " + device.id())) {
            return view.ended(map(cfg, device, preset, currents, ys, field, view));
        }
    }

    private int map(LoadedLabConfig cfg, DeviceConfig device, SweepPreset preset, double[] currents, double[] ys,
                    boolean field, LiveView view) throws Exception {
        MapMeasurement.Result result;
        try (ProgressBar bar = common.quiet ? ProgressBar.silent((long) currents.length * ys.length)
                : ProgressBar.onStderr("map " + device.id(), (long) currents.length * ys.length)) {
            result = MapMeasurement.run(new MapMeasurement.Plan(cfg, device, currents, ys, field, order,
                    preset.analyzer(), preset.settleS(), refineRows == null ? 0 : refineRows),
                    common.recording(spec, resume.resume), view.watch(bar));
        }
        Map<String, Object> facts = MeasureReport.base("map", device.id(), common.out, result.outcome());
        facts.put("slow_axis", field ? "field (T)" : "repeat (no field given)");
        facts.put("order", order);
        facts.put("resumed_at_point", result.resumed() == null ? null : result.resumed().pointsBefore());
        facts.put("threshold_A", result.threshold() == null ? List.of() : Arrays.stream(result.threshold()
                .thresholdA()).boxed().map(t -> t.isNaN() ? null : t).toList());
        if (plots != null && result.outcome().done() > 0) {
            facts.put("plots", RunPlots.write(MeasurementFile.open(common.out), plots).stream()
                    .map(Path::toString).toList());
        }
        String line = result.threshold() == null ? null : "I_th per row (mA): " + Arrays.toString(Arrays.stream(
                result.threshold().thresholdA()).map(t -> Double.isNaN(t) ? t : Math.round(t * 1e6) / 1e3).toArray());
        return MeasureReport.finish(facts, result.outcome(), common.json, "points", line);
    }

    /** The field values from --field-from to --field-to (included when a step lands on it). */
    private double[] fieldValues() {
        int n = (int) Math.floor(Math.abs(fieldTo - fieldFrom) / fieldStep + 1e-9) + 1;
        double dir = fieldTo >= fieldFrom ? 1 : -1;
        double[] ys = new double[n];
        Arrays.setAll(ys, i -> fieldFrom + dir * i * fieldStep);
        return ys;
    }

    /** Refuses, before anything is touched, currents the device may not take and a grid beyond the point budget. */
    private void checkOptions(LoadedLabConfig cfg, DeviceConfig device, CurrentRangeOptions.Range currentRange) {
        boolean anyField = fieldFrom != null || fieldTo != null || fieldStep != null;
        OptionChecks.check("--field-from/--field-to/--field-step", anyField ? "some" : "none", anyField
                && (fieldFrom == null || fieldTo == null || fieldStep == null) ? "give all three, or none" : null);
        OptionChecks.check("--rows", rows, anyField && rows != null ? "the field sets the rows; give --rows only"
                + " without a field" : null);
        if (fieldStep != null) {
            OptionChecks.check("--field-from", fieldFrom, Limits.finite(fieldFrom));
            OptionChecks.check("--field-to", fieldTo, Limits.finite(fieldTo));
            OptionChecks.check("--field-step", fieldStep, Limits.positive(fieldStep));
            OptionChecks.check("--field-to", fieldTo, Math.abs(fieldTo - fieldFrom) / fieldStep > 10_000
                    ? "more than 10 000 field values" : null);
        }
        int nRows = anyField ? fieldValues().length : rows == null ? 3 : rows;
        if (refineRows != null) {
            OptionChecks.check("--refine-rows", refineRows, !anyField ? "needs a field (--field-from/--field-to/"
                    + "--field-step)" : refineRows < 3 || refineRows > nRows ? "must be between 3 and the " + nRows
                    + " field values" : null);
            nRows = refineRows;
        }
        currentRange.check(cfg, device);
        OptionChecks.between("--rows", nRows, 1, 10_000);
        OptionChecks.check("--order", order, List.of("raster", "snake").contains(order) ? null
                : "must be raster or snake");
        long points = currentRange.points() * nRows;
        OptionChecks.check("--rows", nRows, points > Limits.MAX_SWEEP_POINTS ? "gives " + Limits.count(points)
                + " grid points; at most " + Limits.count(Limits.MAX_SWEEP_POINTS) + " per map" : null);
    }
}
