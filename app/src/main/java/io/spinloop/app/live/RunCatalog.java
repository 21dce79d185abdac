package io.spinloop.app.live;

import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SequenceSet;
import io.spinloop.measurements.Sweep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runs of one folder for {@code spinloop data browse}: each HDF5 measurement file under it (a few levels
 * deep), described from its own attributes, and its data for the page to draw. A run is named by its path
 * relative to the folder, and only a name the folder's listing holds is ever opened: nothing outside the folder.
 */
public final class RunCatalog {
    private static final int DEPTH = 4;

    private final Path root;

    /** The catalog of {@code folder}; refuses a folder that does not exist. */
    public RunCatalog(Path folder) throws IOException {
        this.root = folder.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new java.nio.file.NotDirectoryException(folder.toString());
        }
    }

    /** The measurement files under the folder, as names relative to it, sorted. */
    List<String> names() {
        try (Stream<Path> files = Files.walk(root, DEPTH)) {
            return files.filter(p -> (p.getFileName().toString().endsWith(".h5") && !TrainingRun.checkpointOfOne(p)
                            || TrainingRun.isOne(p)) && Files.isRegularFile(p))
                    .filter(p -> inside(p))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row per run: its metadata, or why it cannot be read. */
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : names()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            try {
                if (TrainingRun.isOne(root.resolve(name))) {
                    rows.add(TrainingRun.row(root.resolve(name), row));
                    continue;
                }
                MeasurementFile f = MeasurementFile.open(root.resolve(name));
                row.put("created_utc", f.info().createdUtc().toString());
                row.put("run_id", f.info().runId());
                row.put("recovered", f.info().recovered());
                row.put("spinloop_version", f.info().provenance().spinloopVersion());
                Map<String, String> meta = f.info().provenance().metadata();
                row.put("bench", meta.get("bench"));
                row.put("device", meta.get("device"));
                row.put("command", meta.get("command"));
                row.put("kind", f.sequences().isPresent() ? "sequences" : !f.maps().isEmpty() ? "map" : "sweep");
                int points = f.sweeps().stream().mapToInt(Sweep::points).sum()
                        + f.maps().stream().mapToInt(io.spinloop.measurements.SpectrumMap::points).sum();
                row.put("points", f.sequences().map(q -> q.sequences() * q.repeats()).orElse(points));
                row.put("complete", f.sequences().map(SequenceSet::complete)
                        .orElse(f.sweeps().stream().allMatch(Sweep::complete)
                                && f.maps().stream().allMatch(io.spinloop.measurements.SpectrumMap::complete)));
            } catch (IOException | RuntimeException e) {
                row.put("kind", "unreadable");
                row.put("error", String.valueOf(e.getMessage()));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The data of run {@code name} for its plots, or null when the folder has no such run. */
    public Map<String, Object> run(String name) {
        if (!names().contains(name)) {
            return null;
        }
        MeasurementFile f;
        try {
            if (TrainingRun.isOne(root.resolve(name))) {
                return TrainingRun.data(root.resolve(name), name);
            }
            f = MeasurementFile.open(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("metadata", f.info().provenance().metadata());
        List<Map<String, Object>> sweeps = new ArrayList<>();
        for (Sweep s : f.sweeps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", s.deviceId());
            m.put("complete", s.complete());
            m.put("current_A", FiniteNumbers.of(s.currentA()));
            m.put("power_W", FiniteNumbers.of(s.powerW()));
            m.put("peak_Hz", FiniteNumbers.of(s.peakFrequencyHz()));
            m.put("linewidth_Hz", FiniteNumbers.of(s.linewidthHz()));
            m.put("frequency_Hz", FiniteNumbers.of(s.frequencyHz()));
            m.put("last_spectrum_dBm", s.points() == 0 ? new Double[0]
                    : FiniteNumbers.of(s.spectrumDbm()[s.points() - 1]));
            sweeps.add(m);
        }
        out.put("sweeps", sweeps);
        out.put("maps", f.maps().stream().map(RunCatalog::mapData).toList());
        f.sequences().ifPresent(q -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", q.deviceId());
            m.put("time_s", FiniteNumbers.of(q.timeS()));
            if (q.sequences() > 0) {
                m.put("drive_A", FiniteNumbers.of(q.driveA()[0]));
                m.put("power_W", FiniteNumbers.of(q.powerW()[0][0]));
            }
            out.put("sequences", m);
        });
        return out;
    }

    /** A map for its colour maps: f and p on the grid (row by row of the slow axis; null where not taken). */
    private static Map<String, Object> mapData(io.spinloop.measurements.SpectrumMap m) {
        int nx = m.grid().x().length;
        int ny = m.grid().y().length;
        Double[] peak = new Double[nx * ny];
        Double[] power = new Double[nx * ny];
        boolean[] taken = new boolean[nx * ny];
        for (int k = 0; k < m.points(); k++) {
            int at = m.iy()[k] * nx + m.ix()[k];
            peak[at] = FiniteNumbers.of(m.peakFrequencyHz()[k]);
            power[at] = FiniteNumbers.of(m.powerW()[k]);
            taken[at] = true;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("device", m.deviceId());
        out.put("complete", m.complete());
        out.put("current_A", FiniteNumbers.of(m.grid().x()));
        out.put("y", FiniteNumbers.of(m.grid().y()));
        out.put("y_name", m.grid().yName());
        out.put("y_unit", m.grid().yUnit());
        out.put("peak_Hz", peak);
        out.put("power_W", power);
        out.put("taken", taken);
        return out;
    }

    /** Whether {@code p}, links resolved, is inside the folder (a link out of it is not a run of it). */
    private boolean inside(Path p) {
        try {
            return p.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }
}
