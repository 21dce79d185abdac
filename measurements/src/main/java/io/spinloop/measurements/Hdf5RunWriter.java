package io.spinloop.measurements;

import static io.spinloop.measurements.MeasurementLayout.*;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the contents of a run into a fresh HDF5 file with jHDF. jHDF builds the file in memory and
 * writes it at {@code close()}; {@link RunFinaliser} has it write the temporary file of {@link AtomicFile}.
 */
final class Hdf5RunWriter {
    /** Target size of a spectrum chunk when spectra are compressed (HDF5's default chunk cache is 1 MiB). */
    private static final int CHUNK_BYTES = 1 << 20;

    private Hdf5RunWriter() {
    }

    static void write(Path file, RunInfo info, RunContents run) throws IOException {
        write(file, file, info, run);
    }

    /**
     * Writes the run into {@code file}, the temporary name of {@code target}; a failure names the target and says
     * why (disk full, permission denied, ...), which jHDF's own "Failed to open file" does not.
     */
    static void write(Path file, Path target, RunInfo info, RunContents run) throws IOException {
        try {
            writeUnchecked(file, info, run);
        } catch (IOException | HdfException | java.io.UncheckedIOException e) {
            String via = file.equals(target) ? "" : " (writing its temporary " + file.getFileName() + ")";
            throw new IOException(target + ": cannot write the measurement file" + via + ": "
                    + WriteFailure.reason(e), e);
        }
    }

    private static void writeUnchecked(Path file, RunInfo info, RunContents run) throws IOException {
        // jHDF opens without truncating: a longer stale file would keep its tail.
        Files.deleteIfExists(file);
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            writeRoot(h5, info);
            if (!run.sweeps().isEmpty()) {
                WritableGroup sweeps = h5.putGroup(SWEEPS);
                for (Sweep s : run.sweeps()) {
                    writeSweep(sweeps.putGroup(Integer.toString(s.index())), s, run.compressSpectra());
                }
            }
            if (run.sequences() != null) {
                writeSequences(h5.putGroup(SEQUENCES), run.sequences());
            }
            if (!run.maps().isEmpty()) {
                WritableGroup maps = h5.putGroup(MAPS);
                for (SpectrumMap m : run.maps()) {
                    writeMap(maps.putGroup(Integer.toString(m.index())), m, run.compressSpectra());
                }
            }
            if (!run.interruptions().isEmpty()) {
                // Datasets and string-array attributes: jHDF writes groups that hold only attributes unreadably.
                List<Interruption> all = run.interruptions();
                long[] before = new long[all.size()];
                String[] utc = new String[all.size()];
                String[] cause = new String[all.size()];
                for (int k = 0; k < all.size(); k++) {
                    before[k] = all.get(k).pointsBefore();
                    utc[k] = all.get(k).resumedUtc().toString();
                    cause[k] = all.get(k).cause();
                }
                WritableGroup g = h5.putGroup(INTERRUPTIONS);
                g.putAttribute(A_DESCRIPTION, "each time the run was resumed: when (resumed_utc), how many points it"
                        + " held (points_before, the index of the next point), and why it had stopped (cause)");
                g.putAttribute(A_RESUMED_UTC, utc);
                g.putAttribute(A_CAUSE, cause);
                describe(g.putDataset(A_POINTS_BEFORE, before), "1", "points in the file when the run was resumed");
            }
        }
    }

    /**
     * Reopens a written file and walks its structure (every group's and dataset's attributes and shapes,
     * not the data), so that a file jHDF cannot read back is never published and its journal never deleted.
     */
    static void verifyStructure(Path file) throws IOException {
        try (HdfFile h5 = new HdfFile(file)) {
            walk(h5);
        } catch (HdfException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IOException(file + ": the HDF5 file just written does not read back (" + e.getMessage() + ")", e);
        }
    }

    private static void walk(io.jhdf.api.Node node) {
        node.getAttributes().values().forEach(io.jhdf.api.Attribute::getData);
        if (node instanceof io.jhdf.api.Group g) {
            for (io.jhdf.api.Node child : g.getChildren().values()) {
                walk(child);
            }
        } else if (node instanceof io.jhdf.api.Dataset d) {
            d.getDimensions();
        }
    }

    static void writeRoot(WritableHdfFile h5, RunInfo info) {
        Provenance p = info.provenance();
        h5.putAttribute(A_FORMAT, FORMAT);
        h5.putAttribute(A_FORMAT_VERSION, info.formatVersion());
        h5.putAttribute(A_RUN_ID, info.runId());
        h5.putAttribute(A_CREATED, info.createdUtc().toString());
        h5.putAttribute(A_FINALISED, info.finalisedUtc().toString());
        h5.putAttribute(A_VERSION, p.spinloopVersion());
        h5.putAttribute(A_LAB_CONFIG, p.labConfigText());
        h5.putAttribute(A_MEASURABLE, p.physicallyMeasurable() ? (byte) 1 : (byte) 0);
        h5.putAttribute(A_MEASURABLE_NOTE, p.measurabilityNote());
        p.instrumentIdn().forEach((k, v) -> h5.putAttribute(PREFIX_IDN + k, v));
        p.seeds().forEach((k, v) -> h5.putAttribute(PREFIX_SEED + k, v));
        p.metadata().forEach((k, v) -> h5.putAttribute(PREFIX_META + k, v));
        RecoveryInfo r = info.recovery();
        h5.putAttribute(A_RECOVERED, r == null ? (byte) 0 : (byte) 1);
        if (r != null) {
            h5.putAttribute(A_RECOVERED_UTC, r.recoveredUtc().toString());
            h5.putAttribute(A_RECOVERED_POINTS, r.pointsKept());
            h5.putAttribute(A_RECOVERED_DROPPED, r.droppedBytes());
            if (r.damage() != null) {
                h5.putAttribute(A_RECOVERED_DAMAGE, r.damage());
            }
        }
    }

    private static void writeSweep(WritableGroup g, Sweep s, boolean compress) {
        g.putAttribute(A_DEVICE, s.deviceId());
        g.putAttribute(A_COMPLETE, s.complete() ? (byte) 1 : (byte) 0);
        g.putAttribute(A_POINTS, s.points());
        putSettings(g, s.settings());
        put(g, FREQUENCY, s.frequencyHz(), "Hz", "analyzer frequency axis");
        if (s.points() == 0) {
            // HDF5 via jHDF cannot hold zero-length datasets; "points = 0" says the sweep is empty.
            return;
        }
        put(g, CURRENT, s.currentA(), "A", "drive current of each point");
        WritableDataset spectrum;
        if (compress) {
            int m = s.frequencyHz().length;
            int rows = Math.max(1, Math.min(s.points(), CHUNK_BYTES / (8 * m)));
            spectrum = g.putDataset(SPECTRUM, s.spectrumDbm(), DatasetCreationOptions.builder()
                    .chunkDimensions(rows, m).shuffle().deflate(1).build());
        } else {
            spectrum = g.putDataset(SPECTRUM, s.spectrumDbm());
        }
        describe(spectrum, "dBm", "analyzer trace of each point (rows: current_A, columns: frequency_Hz)");
        put(g, PEAK, s.peakFrequencyHz(), "Hz", "fitted line centre; NaN where no line was found");
        put(g, POWER, s.powerW(), "W", "integrated power of the line");
        put(g, LINEWIDTH, s.linewidthHz(), "Hz", "fitted full width at half maximum; NaN where no line was found");
        put(g, TIMESTAMP, s.timestampS(), "s", "when each point was recorded, from the run's created_utc");
    }

    private static void writeMap(WritableGroup g, SpectrumMap m, boolean compress) {
        MapGrid grid = m.grid();
        g.putAttribute(A_DEVICE, m.deviceId());
        g.putAttribute(A_COMPLETE, m.complete() ? (byte) 1 : (byte) 0);
        g.putAttribute(A_POINTS, m.points());
        g.putAttribute(A_X_NAME, grid.xName());
        g.putAttribute(A_X_UNIT, grid.xUnit());
        g.putAttribute(A_Y_NAME, grid.yName());
        g.putAttribute(A_Y_UNIT, grid.yUnit());
        g.putAttribute(A_ORDER, grid.order());
        putSettings(g, m.settings());
        put(g, FREQUENCY, m.frequencyHz(), "Hz", "analyzer frequency axis");
        put(g, X_GRID, grid.x(), grid.xUnit(), grid.xName() + ": the fast axis's values, swept at every y");
        put(g, Y_GRID, grid.y(), grid.yUnit(), grid.yName() + ": the slow axis's values, in the order taken");
        if (m.points() == 0) {
            return; // jHDF cannot hold zero-length datasets; n_points = 0 says the map is empty
        }
        describe(g.putDataset(IX, m.ix()), "1", "index into x_grid of each point, in the order taken");
        describe(g.putDataset(IY, m.iy()), "1", "index into y_grid of each point");
        put(g, X, m.x(), grid.xUnit(), grid.xName() + " set at each point");
        put(g, Y, m.y(), grid.yUnit(), grid.yName() + " set at each point");
        describe(g.putDataset(DIRECTION, m.direction()), "1",
                "+1 where x was swept upwards to this point, -1 downwards (for hysteresis)");
        WritableDataset spectrum;
        if (compress) {
            int bins = m.frequencyHz().length;
            int rows = Math.max(1, Math.min(m.points(), CHUNK_BYTES / (8 * bins)));
            spectrum = g.putDataset(SPECTRUM, m.spectrumDbm(), DatasetCreationOptions.builder()
                    .chunkDimensions(rows, bins).shuffle().deflate(1).build());
        } else {
            spectrum = g.putDataset(SPECTRUM, m.spectrumDbm());
        }
        describe(spectrum, "dBm", "analyzer trace of each point (rows: points, columns: frequency_Hz)");
        put(g, PEAK, m.peakFrequencyHz(), "Hz", "fitted line centre; NaN where no line was found");
        put(g, POWER, m.powerW(), "W", "integrated power of the line");
        put(g, LINEWIDTH, m.linewidthHz(), "Hz", "fitted full width at half maximum; NaN where no line was found");
        put(g, TIMESTAMP, m.timestampS(), "s", "when each point was recorded, from the run's created_utc");
        put(g, ANALYZER_CENTRE, m.analyzerCentreHz(), "Hz", "analyzer centre frequency of each point's spectrum: its "
                + "axis is frequency_Hz shifted by this minus frequency_Hz's centre (the span follows the line); NaN "
                + "where the analyzer stayed at frequency_Hz");
        put(g, Y_READ, m.yRead(), grid.yUnit(), grid.yName() + " read back when the point's row was set (the "
                + "gaussmeter, for a field); NaN where nothing was read");
    }

    private static void writeSequences(WritableGroup g, SequenceSet q) {
        g.putAttribute(A_DEVICE, q.deviceId());
        g.putAttribute(A_COMPLETE, q.complete() ? (byte) 1 : (byte) 0);
        g.putAttribute(A_REPEATS, q.repeats());
        g.putAttribute(A_SEQUENCES, q.sequences());
        putSettings(g, q.settings());
        put(g, TIME, q.timeS(), "s", "time of each step from the start of a sequence");
        if (q.sequences() > 0) {
            describe(g.putDataset(SEQUENCE_INDEX, q.sequenceIndex()), "1",
                    "the runner's index of each complete sequence");
            put2(g, DRIVE, q.driveA(), "A", "drive current (sequence, step)");
            describe(g.putDataset(POWER, q.powerW()), "W", "measured power (sequence, repeat, step)");
            put2(g, TIMESTAMP, q.timestampS(), "s", "when each repeat was recorded, from the run's created_utc");
        }
        List<IncompleteRepeat> partial = q.incomplete();
        if (!partial.isEmpty()) {
            WritableGroup inc = g.putGroup(INCOMPLETE);
            inc.putAttribute(A_DESCRIPTION, "repeats of sequences that did not get all "
                    + q.repeats() + " repeats before the run stopped");
            int k = partial.size();
            int[] seq = new int[k];
            int[] rep = new int[k];
            double[][] drive = new double[k][];
            double[][] power = new double[k][];
            double[] stamp = new double[k];
            for (int i = 0; i < k; i++) {
                IncompleteRepeat r = partial.get(i);
                seq[i] = r.sequenceIndex();
                rep[i] = r.repeatIndex();
                drive[i] = r.driveA();
                power[i] = r.powerW();
                stamp[i] = r.timestampS();
            }
            describe(inc.putDataset(SEQUENCE_INDEX, seq), "1", "the runner's index of the sequence");
            describe(inc.putDataset(REPEAT_INDEX, rep), "1", "which repeat of the sequence");
            put2(inc, DRIVE, drive, "A", "drive current (record, step)");
            put2(inc, POWER, power, "W", "measured power (record, step)");
            put(inc, TIMESTAMP, stamp, "s", "when each repeat was recorded, from the run's created_utc");
        }
    }

    private static void putSettings(WritableGroup g, Map<String, Object> settings) {
        settings.forEach(g::putAttribute);
    }

    private static void put(WritableGroup g, String name, double[] data, String units, String description) {
        describe(g.putDataset(name, data), units, description);
    }

    private static void put2(WritableGroup g, String name, double[][] data, String units, String description) {
        describe(g.putDataset(name, data), units, description);
    }

    private static void describe(WritableNode node, String units, String description) {
        node.putAttribute(A_UNITS, units);
        node.putAttribute(A_DESCRIPTION, description);
    }
}
