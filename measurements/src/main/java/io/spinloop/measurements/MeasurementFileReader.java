package io.spinloop.measurements;

import static io.spinloop.measurements.MeasurementLayout.*;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


/** Reads and checks a measurement file; every error names the file and the dataset or attribute at fault. */
final class MeasurementFileReader {

    private final Path file;
    private final Hdf5Extent extent;

    private MeasurementFileReader(Path file, Hdf5Extent extent) {
        this.file = file;
        this.extent = extent;
    }

    /**
     * Reads and checks a measurement file. Whatever is wrong with the file ends in an
     * {@link InvalidMeasurementFileException} naming it: jHDF's own exceptions (it throws HdfException and, on damaged
     * bytes, plain runtime exceptions) are wrapped here, at the boundary.
     */
    static MeasurementFile read(Path path) throws IOException {
        Path file = path.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new InvalidMeasurementFileException(file, null, "is a directory, not a measurement file");
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such measurement file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidMeasurementFileException(file, null, "not a regular file");
        }
        if (JournalReader.looksLikeJournal(file)) {
            throw new InvalidMeasurementFileException(file, null, "this is the journal of a run, not an HDF5 file;"
                    + " turn it into one with MeasurementRecovery.recover (spinloop data recover)");
        }
        // Before jHDF: it would read a cut file as zeros where the data was.
        Hdf5Extent extent = Hdf5Extent.check(file);
        HdfFile h5;
        try {
            h5 = openBounded(file);
        } catch (HdfException e) {
            throw new InvalidMeasurementFileException(file, null, "not a readable HDF5 file (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new InvalidMeasurementFileException(file, null, "not a readable HDF5 file (" + what(e) + ")", e);
        }
        try (h5) {
            return new MeasurementFileReader(file, extent).read(h5);
        } catch (MeasurementException e) {
            throw e; // the reader's own verdict, already naming the file and dataset
        } catch (HdfException e) {
            throw new InvalidMeasurementFileException(file, null, "damaged HDF5 structure (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new InvalidMeasurementFileException(file, null, "damaged HDF5 structure (" + what(e) + ")", e);
        } catch (InternalError e) {
            // What the JVM throws when a mapped file shrinks under the reader (SIGBUS).
            throw new InvalidMeasurementFileException(file, null, "the file changed while it was read ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Opens the file for jHDF as a read-only memory map. jHDF reading through a file channel allocates whatever
     * size a header field states before it reads (a damaged 4 kB file asked for a gigabyte); reading from a
     * buffer, it slices, so a size or address past the end fails at once, and no heap holds the file's bytes.
     * Files beyond one mappable buffer (2 GiB) are opened through the channel.
     */
    private static HdfFile openBounded(Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                return new HdfFile(file);
            }
            // The mapping stays valid after the channel is closed, until the buffer is collected.
            return HdfFile.fromByteBuffer(ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    /** A runtime exception from jHDF on damaged bytes, in words: its type says more than its message alone. */
    private static String what(RuntimeException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private MeasurementFile read(HdfFile h5) throws IOException {
        Object format = attribute(h5, "/", A_FORMAT, false);
        if (!FORMAT.equals(format)) {
            throw new InvalidMeasurementFileException(file, "/@" + A_FORMAT, "an HDF5 file, but not a spinloop "
                    + "measurement file (expected attribute format = \"" + FORMAT + "\", found " + format + ")");
        }
        int version = intAttribute(h5, "/", A_FORMAT_VERSION);
        if (version > FORMAT_VERSION) {
            throw new InvalidMeasurementFileException(file, "/@" + A_FORMAT_VERSION, "format version " + version
                    + " was written by a newer spinloop; this one reads up to " + FORMAT_VERSION);
        }
        RunInfo info = readInfo(h5, version);
        List<Sweep> sweeps = new ArrayList<>();
        Node sweepsNode = h5.getChildren().get(SWEEPS);
        if (sweepsNode != null) {
            Group g = group(sweepsNode, "/" + SWEEPS);
            int n = g.getChildren().size();
            for (int i = 0; i < n; i++) {
                Node child = g.getChildren().get(Integer.toString(i));
                if (child == null) {
                    throw new InvalidMeasurementFileException(file, "/" + SWEEPS, "holds " + n
                            + " groups but no group named '" + i + "' (sweeps are numbered 0.." + (n - 1) + ")");
                }
                sweeps.add(readSweep(group(child, "/" + SWEEPS + "/" + i), i));
            }
        }
        SequenceSet sequences = null;
        Node seqNode = h5.getChildren().get(SEQUENCES);
        if (seqNode != null) {
            sequences = readSequences(group(seqNode, "/" + SEQUENCES));
        }
        List<SpectrumMap> maps = new ArrayList<>();
        Node mapsNode = h5.getChildren().get(MAPS);
        if (mapsNode != null) {
            Group g = group(mapsNode, "/" + MAPS);
            for (int i = 0; i < g.getChildren().size(); i++) {
                Node child = g.getChildren().get(Integer.toString(i));
                if (child == null) {
                    throw new InvalidMeasurementFileException(file, "/" + MAPS, "has no group named '" + i
                            + "' (maps are numbered from 0)");
                }
                maps.add(readMap(group(child, "/" + MAPS + "/" + i), i));
            }
        }
        List<Interruption> interruptions = new ArrayList<>();
        Node intNode = h5.getChildren().get(INTERRUPTIONS);
        if (intNode != null) {
            String path = "/" + INTERRUPTIONS;
            Group g = group(intNode, path);
            Dataset d = dataset(g, path, A_POINTS_BEFORE);
            Object before = d.getDataFlat();
            Object utc = attribute(g, path, A_RESUMED_UTC, true);
            Object cause = attribute(g, path, A_CAUSE, true);
            if (!(before instanceof long[] b) || !(utc instanceof String[] u) || !(cause instanceof String[] c)
                    || u.length != b.length || c.length != b.length) {
                throw new InvalidMeasurementFileException(file, path, "expected points_before (integers) and the"
                        + " string arrays resumed_utc and cause, one entry per interruption");
            }
            for (int k = 0; k < b.length; k++) {
                try {
                    interruptions.add(new Interruption(Instant.parse(u[k]), b[k], c[k]));
                } catch (DateTimeParseException e) {
                    throw new InvalidMeasurementFileException(file, path + "/@" + A_RESUMED_UTC, "not an ISO-8601"
                            + " instant: " + u[k]);
                }
            }
        }
        return new MeasurementFile(file, info, sweeps, sequences, maps, interruptions);
    }

    private SpectrumMap readMap(Group g, int index) throws InvalidMeasurementFileException {
        String path = "/" + MAPS + "/" + index;
        int n = intAttribute(g, path, A_POINTS);
        double[] frequency = vector(g, path, FREQUENCY, -1, false);
        MapGrid grid;
        try {
            grid = new MapGrid(stringAttribute(g, path, A_X_NAME), stringAttribute(g, path, A_X_UNIT),
                    vector(g, path, X_GRID, -1, false), stringAttribute(g, path, A_Y_NAME),
                    stringAttribute(g, path, A_Y_UNIT), vector(g, path, Y_GRID, -1, false),
                    stringAttribute(g, path, A_ORDER));
        } catch (IllegalArgumentException e) {
            throw new InvalidMeasurementFileException(file, path, e.getMessage());
        }
        int[] ix = new int[0];
        int[] iy = new int[0];
        int[] dir = new int[0];
        double[] x = new double[0];
        double[] y = x;
        double[] peak = x;
        double[] power = x;
        double[] width = x;
        double[] time = x;
        double[] centre = x;
        double[] yRead = x;
        double[][] spectrum = new double[0][];
        if (n > 0) {
            ix = ints(g, path, IX, n);
            iy = ints(g, path, IY, n);
            dir = ints(g, path, DIRECTION, n);
            x = vector(g, path, X, n, false);
            y = vector(g, path, Y, n, false);
            spectrum = matrix(g, path, SPECTRUM, n, frequency.length);
            peak = vector(g, path, PEAK, n, true);
            power = vector(g, path, POWER, n, false);
            width = vector(g, path, LINEWIDTH, n, true);
            time = vector(g, path, TIMESTAMP, n, false);
            centre = optionalVector(g, path, ANALYZER_CENTRE, n);
            yRead = optionalVector(g, path, Y_READ, n);
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int k = 0; k < n; k++) {
            if (ix[k] < 0 || ix[k] >= grid.x().length || iy[k] < 0 || iy[k] >= grid.y().length) {
                throw new InvalidMeasurementFileException(file, path + "/" + IX, "point " + k + " lies outside the "
                        + grid.x().length + "×" + grid.y().length + " grid");
            }
            if (!seen.add(((long) iy[k] << 32) | ix[k])) {
                throw new InvalidMeasurementFileException(file, path + "/" + IX, "grid point (" + ix[k] + ", "
                        + iy[k] + ") is held twice");
            }
        }
        return new SpectrumMap(index, stringAttribute(g, path, A_DEVICE), intAttribute(g, path, A_COMPLETE) != 0,
                grid, settings(g), frequency, ix, iy, x, y, dir, spectrum, peak, power, width, time, centre, yRead);
    }

    /** A dataset of maps added after the layout's first version: NaN everywhere in files written before it. */
    private double[] optionalVector(Group g, String path, String name, int n) throws InvalidMeasurementFileException {
        if (g.getChildren().get(name) == null) {
            double[] none = new double[n];
            java.util.Arrays.fill(none, Double.NaN);
            return none;
        }
        return vector(g, path, name, n, true);
    }

    private RunInfo readInfo(HdfFile h5, int version) throws InvalidMeasurementFileException {
        Provenance.Builder p = Provenance.builder(stringAttribute(h5, "/", A_VERSION))
                .labConfig(stringAttribute(h5, "/", A_LAB_CONFIG))
                .physicallyMeasurable(intAttribute(h5, "/", A_MEASURABLE) != 0,
                        stringAttribute(h5, "/", A_MEASURABLE_NOTE));
        // jHDF returns attributes in hash order; sort by name so that every reading is the same.
        for (Map.Entry<String, Attribute> e : new TreeMap<>(h5.getAttributes()).entrySet()) {
            String name = e.getKey();
            Object v = e.getValue().getData();
            if (name.startsWith(PREFIX_IDN)) {
                p.instrument(name.substring(PREFIX_IDN.length()), String.valueOf(v));
            } else if (name.startsWith(PREFIX_SEED) && v instanceof Number n) {
                p.seed(name.substring(PREFIX_SEED.length()), n.longValue());
            } else if (name.startsWith(PREFIX_META)) {
                p.metadata(name.substring(PREFIX_META.length()), String.valueOf(v));
            }
        }
        RecoveryInfo recovery = null;
        if (intAttribute(h5, "/", A_RECOVERED) != 0) {
            Object damage = attribute(h5, "/", A_RECOVERED_DAMAGE, false);
            recovery = new RecoveryInfo(instant(h5, A_RECOVERED_UTC), longAttribute(h5, "/", A_RECOVERED_POINTS),
                    longAttribute(h5, "/", A_RECOVERED_DROPPED), damage == null ? null : String.valueOf(damage));
        }
        return new RunInfo(version, stringAttribute(h5, "/", A_RUN_ID), instant(h5, A_CREATED),
                instant(h5, A_FINALISED), p.build(), recovery);
    }

    private Sweep readSweep(Group g, int index) throws InvalidMeasurementFileException {
        String path = g.getPath().replaceAll("/$", "");
        int n = intAttribute(g, path, A_POINTS);
        double[] frequency = vector(g, path, FREQUENCY, -1, false);
        double[] current;
        double[][] spectrum;
        double[] peak;
        double[] power;
        double[] width;
        double[] time;
        if (n == 0) {
            current = peak = power = width = time = new double[0];
            spectrum = new double[0][];
        } else {
            current = vector(g, path, CURRENT, n, false);
            spectrum = matrix(g, path, SPECTRUM, n, frequency.length);
            peak = vector(g, path, PEAK, n, true);
            power = vector(g, path, POWER, n, false);
            width = vector(g, path, LINEWIDTH, n, true);
            time = vector(g, path, TIMESTAMP, n, false);
        }
        return new Sweep(index, stringAttribute(g, path, A_DEVICE), intAttribute(g, path, A_COMPLETE) != 0,
                settings(g), frequency, current, spectrum, peak, power, width, time);
    }

    private SequenceSet readSequences(Group g) throws InvalidMeasurementFileException {
        String path = "/" + SEQUENCES;
        int s = intAttribute(g, path, A_SEQUENCES);
        int r = intAttribute(g, path, A_REPEATS);
        if (r < 1) {
            throw new InvalidMeasurementFileException(file, path + "/@" + A_REPEATS, "must be at least 1, is " + r);
        }
        double[] time = vector(g, path, TIME, -1, false);
        int t = time.length;
        int[] index = new int[0];
        double[][] drive = new double[0][];
        double[][][] power = new double[0][][];
        double[][] stamps = new double[0][];
        if (s > 0) {
            index = ints(g, path, SEQUENCE_INDEX, s);
            drive = matrix(g, path, DRIVE, s, t);
            power = cube(g, path, POWER, s, r, t);
            stamps = matrix(g, path, TIMESTAMP, s, r);
        }
        List<IncompleteRepeat> partial = new ArrayList<>();
        Node inc = g.getChildren().get(INCOMPLETE);
        if (inc != null) {
            String ipath = path + "/" + INCOMPLETE;
            Group ig = group(inc, ipath);
            Dataset idx = dataset(ig, ipath, SEQUENCE_INDEX);
            int k = idx.getDimensions().length == 1 ? idx.getDimensions()[0] : -1;
            int[] seq = ints(ig, ipath, SEQUENCE_INDEX, k);
            int[] rep = ints(ig, ipath, REPEAT_INDEX, k);
            double[][] d = matrix(ig, ipath, DRIVE, k, t);
            double[][] p = matrix(ig, ipath, POWER, k, t);
            double[] ts = vector(ig, ipath, TIMESTAMP, k, false);
            for (int i = 0; i < k; i++) {
                partial.add(new IncompleteRepeat(seq[i], rep[i], d[i], p[i], ts[i]));
            }
        }
        return new SequenceSet(stringAttribute(g, path, A_DEVICE), intAttribute(g, path, A_COMPLETE) != 0, r,
                settings(g), time, index, drive, power, stamps, partial);
    }

    private Map<String, Object> settings(Group g) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Attribute> e : new TreeMap<>(g.getAttributes()).entrySet()) {
            if (!RESERVED_GROUP_ATTRIBUTES.contains(e.getKey())) {
                m.put(e.getKey(), e.getValue().getData());
            }
        }
        return m;
    }

    // ---- datasets -------------------------------------------------------------------------------------

    private Group group(Node node, String path) throws InvalidMeasurementFileException {
        if (!(node instanceof Group g)) {
            throw new InvalidMeasurementFileException(file, path, "should be a group, is a " + node.getType());
        }
        return g;
    }

    private Dataset dataset(Group g, String path, String name) throws InvalidMeasurementFileException {
        Node node = g.getChildren().get(name);
        if (node == null) {
            throw new InvalidMeasurementFileException(file, path + "/" + name, "missing dataset");
        }
        if (!(node instanceof Dataset d)) {
            throw new InvalidMeasurementFileException(file, path + "/" + name, "should be a dataset, is a "
                    + node.getType());
        }
        extent.checkData(d, path + "/" + name);
        return d;
    }

    private void checkShape(Dataset d, String where, int... expected) throws InvalidMeasurementFileException {
        int[] dims = d.getDimensions();
        boolean ok = dims.length == expected.length;
        for (int i = 0; ok && i < dims.length; i++) {
            ok = expected[i] < 0 || dims[i] == expected[i];
        }
        if (!ok) {
            throw new InvalidMeasurementFileException(file, where, "shape " + shape(dims) + ", expected "
                    + shape(expected).replace("-1", "any"));
        }
    }

    private static String shape(int[] dims) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            b.append(i == 0 ? "" : "×").append(dims[i]);
        }
        return b.append(')').toString();
    }

    private double[] vector(Group g, String path, String name, int n, boolean nanAllowed)
            throws InvalidMeasurementFileException {
        String where = path + "/" + name;
        Dataset d = dataset(g, path, name);
        checkShape(d, where, n);
        double[] v = doubles(d.getDataFlat(), where);
        checkValues(v, where, nanAllowed, d.getDimensions());
        return v;
    }

    private double[][] matrix(Group g, String path, String name, int rows, int cols)
            throws InvalidMeasurementFileException {
        String where = path + "/" + name;
        Dataset d = dataset(g, path, name);
        checkShape(d, where, rows, cols);
        int c = d.getDimensions()[1];
        double[] flat = doubles(d.getDataFlat(), where);
        checkValues(flat, where, false, d.getDimensions());
        double[][] m = new double[d.getDimensions()[0]][];
        for (int i = 0; i < m.length; i++) {
            m[i] = Arrays.copyOfRange(flat, i * c, (i + 1) * c);
        }
        return m;
    }

    private double[][][] cube(Group g, String path, String name, int a, int b, int c)
            throws InvalidMeasurementFileException {
        String where = path + "/" + name;
        Dataset d = dataset(g, path, name);
        checkShape(d, where, a, b, c);
        double[] flat = doubles(d.getDataFlat(), where);
        checkValues(flat, where, false, d.getDimensions());
        double[][][] out = new double[a][b][];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                int from = (i * b + j) * c;
                out[i][j] = Arrays.copyOfRange(flat, from, from + c);
            }
        }
        return out;
    }

    private int[] ints(Group g, String path, String name, int n) throws InvalidMeasurementFileException {
        String where = path + "/" + name;
        Dataset d = dataset(g, path, name);
        checkShape(d, where, n);
        Object data = d.getDataFlat();
        if (data instanceof int[] a) {
            return a;
        }
        if (data instanceof long[] a) {
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = Math.toIntExact(a[i]);
            }
            return out;
        }
        throw new InvalidMeasurementFileException(file, where, "expected integers, found "
                + d.getJavaType().getSimpleName());
    }

    private double[] doubles(Object data, String where) throws InvalidMeasurementFileException {
        if (data instanceof double[] a) {
            return a;
        }
        if (data instanceof float[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        throw new InvalidMeasurementFileException(file, where, "expected floating-point numbers, found "
                + data.getClass().getComponentType());
    }

    private void checkValues(double[] v, String where, boolean nanAllowed, int[] dims)
            throws InvalidMeasurementFileException {
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (Double.isInfinite(x) || (Double.isNaN(x) && !nanAllowed)) {
                String at = FiniteValues.index(i, dims);
                throw new InvalidMeasurementFileException(file, where, "element " + at + " is " + x
                        + (nanAllowed ? "; only NaN (no line found) is allowed here" : "; measured values must be finite"));
            }
        }
    }

    // ---- attributes -----------------------------------------------------------------------------------

    private Object attribute(Node node, String path, String name, boolean required)
            throws InvalidMeasurementFileException {
        Attribute a = node.getAttributes().get(name);
        if (a == null) {
            if (required) {
                throw new InvalidMeasurementFileException(file, path.replaceAll("/$", "") + "/@" + name,
                        "missing attribute");
            }
            return null;
        }
        return a.getData();
    }

    private String stringAttribute(Node node, String path, String name) throws InvalidMeasurementFileException {
        Object v = attribute(node, path, name, true);
        if (!(v instanceof String s)) {
            throw new InvalidMeasurementFileException(file, path.replaceAll("/$", "") + "/@" + name,
                    "expected a string, found " + v);
        }
        return s;
    }

    private long longAttribute(Node node, String path, String name) throws InvalidMeasurementFileException {
        Object v = attribute(node, path, name, true);
        if (!(v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long)) {
            throw new InvalidMeasurementFileException(file, path.replaceAll("/$", "") + "/@" + name,
                    "expected an integer, found " + v);
        }
        return ((Number) v).longValue();
    }

    private int intAttribute(Node node, String path, String name) throws InvalidMeasurementFileException {
        long v = longAttribute(node, path, name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new InvalidMeasurementFileException(file, path + "/@" + name, "out of range: " + v);
        }
        return (int) v;
    }

    private Instant instant(Node node, String name) throws InvalidMeasurementFileException {
        return instant(node, "/", name);
    }

    private Instant instant(Node node, String path, String name) throws InvalidMeasurementFileException {
        String s = stringAttribute(node, path, name);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidMeasurementFileException(file, "/@" + name, "not an ISO-8601 instant: " + s);
        }
    }
}
