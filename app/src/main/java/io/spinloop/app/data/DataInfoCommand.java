package io.spinloop.app.data;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SequenceSet;
import io.spinloop.measurements.Sweep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spinloop data info F.h5}: what a measurement file holds, in a person's words (or JSON). */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Say what a measurement file holds: run, provenance, sweeps, sequences.")
public final class DataInfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "an HDF5 measurement file")
    Path file;

    @Option(names = "--json", description = "print a JSON summary for scripts instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        MeasurementFile f = MeasurementFile.open(file);
        if (json) {
            JsonOutput.print(System.out, summary(f));
        } else {
            System.out.print(f.describe());
            if (!f.describe().endsWith("\n")) {
                System.out.println();
            }
        }
        return 0;
    }

    /** The facts a script wants, as plain maps and lists. */
    static Map<String, Object> summary(MeasurementFile f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", f.path().toString());
        out.put("run_id", f.info().runId());
        out.put("format_version", f.info().formatVersion());
        out.put("created_utc", f.info().createdUtc().toString());
        out.put("recovered", f.info().recovered());
        out.put("spinloop_version", f.info().provenance().spinloopVersion());
        out.put("instruments", f.info().provenance().instrumentIdn());
        out.put("metadata", f.info().provenance().metadata());
        out.put("physically_measurable", f.info().provenance().physicallyMeasurable());
        List<Map<String, Object>> sweeps = new ArrayList<>();
        for (Sweep s : f.sweeps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", s.index());
            m.put("device", s.deviceId());
            m.put("complete", s.complete());
            m.put("points", s.points());
            m.put("frequency_points", s.frequencyHz().length);
            m.put("current_A", s.currentA());
            m.put("power_W", s.powerW());
            m.put("peak_frequency_Hz", s.peakFrequencyHz());
            m.put("linewidth_Hz", s.linewidthHz());
            sweeps.add(m);
        }
        out.put("sweeps", sweeps);
        f.sequences().ifPresent(q -> out.put("sequences", sequences(q)));
        List<Map<String, Object>> maps = new ArrayList<>();
        for (io.spinloop.measurements.SpectrumMap m : f.maps()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("index", m.index());
            g.put("device", m.deviceId());
            g.put("complete", m.complete());
            g.put("points", m.points());
            g.put("grid_points", m.grid().points());
            g.put("x", m.grid().xName() + " (" + m.grid().xUnit() + ")");
            g.put("y", m.grid().yName() + " (" + m.grid().yUnit() + ")");
            g.put("order", m.grid().order());
            maps.add(g);
        }
        out.put("maps", maps);
        out.put("interruptions", f.interruptions().stream().map(i -> Map.of("resumed_utc", i.resumedUtc().toString(),
                "points_before", i.pointsBefore(), "cause", i.cause())).toList());
        return out;
    }

    private static Map<String, Object> sequences(SequenceSet q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", q.deviceId());
        m.put("complete", q.complete());
        m.put("sequences", q.sequences());
        m.put("repeats", q.repeats());
        m.put("steps", q.steps());
        m.put("incomplete_repeats", q.incomplete().size());
        return m;
    }
}
