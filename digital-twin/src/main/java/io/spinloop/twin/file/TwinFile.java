package io.spinloop.twin.file;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import io.spinloop.autodiff.Parameter;
import io.spinloop.measurements.AtomicFile;
import io.spinloop.twin.DeviceModel;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twin files: one HDF5 file per twin, readable by h5py and h5dump.
 *
 * <pre>
 * /                     @format="spinloop-twin" @format_version=1 @kind @created_utc @sample_interval_s
 * /parameters/NAME      the model's parameters as stored (rows x cols; bounded physical ones unconstrained)
 * /meta/normalisation   @drive_offset_A @drive_scale_A @power_offset_W @power_scale_W @time_unit_s (power in W), or
 *                       @drive_offset_A @drive_scale_A @log_power=1 @power_floor_W @power_offset_dBW @power_scale_dB
 *                       @time_unit_s (power in dB re 1 W; such files have @format_version=2, so that readers of
 *                       version 1, which would take the state for watts, refuse them)
 * /meta/architecture    the model's shape, as its kind writes it (neural-sde, physics-residual: see NeuralSdeKind,
 *                       PhysicsResidualKind)
 * /meta/physical        @NAME = physical value of each bounded parameter (physics models; for reading)
 * /meta/provenance      @... training data files, counts, seed, objective, epochs, wall time, regime
 * /meta/validation      @twin (6) @floor (6): mean, spread, spread ratio, log-spread, autocorrelation, W1;
 *                       @sequences @repeats @steps @passes_1_5x_floor
 * </pre>
 *
 * <p>The model kinds, their names in {@code /@kind} and how each writes and reads its shape are registered in
 * {@link TwinKinds}: a model is written by the kind of its class, a file read by the kind it names.
 *
 * <p>Writing is crash-safe ({@link AtomicFile}): the file is assembled under a temporary name in the same directory,
 * forced to disk and renamed over the target atomically, so a crash leaves the old twin (or nothing), never half a
 * file.
 */
public final class TwinFile {
    public static final String FORMAT = "spinloop-twin";
    /** The newest version this class reads; files in W are still written as version 1. */
    public static final int FORMAT_VERSION = 2;
    private static final int LINEAR_POWER_VERSION = 1;

    private TwinFile() {
    }

    /** Writes {@code record} to {@code out}; refuses to replace an existing file unless {@code overwrite}. */
    public static void write(Path out, TwinRecord record, boolean overwrite) throws IOException {
        Path target = out.toAbsolutePath();
        TwinKind<?> kind = kindOf(record.twin().model(), target);
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "twin file exists; add --overwrite to replace it");
        }
        Files.createDirectories(target.getParent());
        AtomicFile.writeFile(target, tmp -> {
            try {
                writeContent(tmp, record, kind);
            } catch (HdfException | java.io.UncheckedIOException e) {
                // jHDF says "Failed to open file: <tmp>" and keeps why (disk full, permission...) in the cause.
                throw new IOException(target + ": cannot write the twin file (writing its temporary "
                        + tmp.getFileName() + "): " + io.spinloop.measurements.WriteFailure.reason(e), e);
            }
        });
    }

    /** The registered kind of {@code model}; a model twin files cannot hold is refused before anything is written. */
    private static TwinKind<?> kindOf(DeviceModel model, Path target) {
        return TwinKinds.of(model).orElseThrow(() -> new IllegalArgumentException(target + ": twin files hold "
                + String.join(", ", TwinKinds.names()) + " models, not " + model.kind() + " ("
                + model.getClass().getName() + ")"));
    }

    private static void writeContent(Path file, TwinRecord record, TwinKind<?> kind) {
        DigitalTwin twin = record.twin();
        DeviceModel model = twin.model();
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("format", FORMAT);
            h5.putAttribute("format_version", twin.normalisation().logPower() ? FORMAT_VERSION : LINEAR_POWER_VERSION);
            h5.putAttribute("kind", kind.name());
            h5.putAttribute("created_utc", Instant.now().toString());
            h5.putAttribute("sample_interval_s", twin.sampleIntervalS());
            // jHDF 0.13 writes unreadable files when the root holds more than two children next to a group of
            // datasets (seen here, not yet reported upstream), so the root has two: the parameters and "meta", whose
            // groups hold attributes only.
            WritableGroup pg = h5.putGroup("parameters");
            for (Parameter p : model.parameters().list()) {
                double[] v = p.value().data();
                int rows = p.value().rows();
                int cols = p.value().cols();
                double[][] m = new double[rows][cols];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(v, r * cols, m[r], 0, cols);
                }
                pg.putDataset(p.name(), m);
            }
            WritableGroup meta = h5.putGroup("meta");
            Normalisation n = twin.normalisation();
            WritableGroup ng = meta.putGroup("normalisation");
            ng.putAttribute("drive_offset_A", n.driveOffset());
            ng.putAttribute("drive_scale_A", n.driveScale());
            if (n.logPower()) {
                ng.putAttribute("log_power", 1);
                ng.putAttribute("power_floor_W", n.powerFloorW());
                ng.putAttribute("power_offset_dBW", n.powerOffset());
                ng.putAttribute("power_scale_dB", n.powerScale());
            } else {
                ng.putAttribute("power_offset_W", n.powerOffset());
                ng.putAttribute("power_scale_W", n.powerScale());
            }
            ng.putAttribute("time_unit_s", n.timeUnitS());
            writeShape(kind, model, meta);
            WritableGroup prov = meta.putGroup("provenance");
            for (Map.Entry<String, Object> e : new TreeMap<>(record.provenance()).entrySet()) {
                prov.putAttribute(e.getKey(), attributeValue(e.getValue()));
            }
            ValidationReport v = record.validation();
            if (v != null) {
                WritableGroup vg = meta.putGroup("validation");
                vg.putAttribute("twin", TwinRecord.metricsArray(v.twin()));
                vg.putAttribute("floor", TwinRecord.metricsArray(v.floor()));
                vg.putAttribute("figures", "mean_error,spread_error,spread_ratio,log_spread_error,autocorr_error,wasserstein1");
                vg.putAttribute("sequences", v.sequences());
                vg.putAttribute("repeats", v.repeats());
                vg.putAttribute("steps", v.steps());
                vg.putAttribute("passes_1_5x_floor", v.passes(1.5) ? 1 : 0);
            }
        }
    }

    /** The model's shape as its kind writes it; {@link TwinKinds} found the kind by the model's exact class. */
    private static <M extends DeviceModel> void writeShape(TwinKind<M> kind, DeviceModel model, WritableGroup meta) {
        kind.write(kind.type().cast(model), meta);
    }

    private static Object attributeValue(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Double
                || v instanceof double[] || v instanceof int[]) {
            return v;
        }
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        return String.valueOf(v);
    }

    /** Reads a twin file; errors name the file and the dataset or attribute. */
    public static TwinRecord read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such twin file");
        }
        FileKind content = FileKind.of(file);
        if (content != FileKind.HDF5) {
            // Named by what it is: a parser's complaint about its first bytes would not tell the person.
            throw new InvalidTwinFileException(file, null, "not a twin file: it is " + content.description()
                    + ", not an HDF5 file");
        }
        HdfFile h5;
        try {
            h5 = new HdfFile(file);
        } catch (HdfException | ArithmeticException | IllegalArgumentException | IllegalStateException
                 | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            // jHDF meets damaged bytes with whatever its arithmetic or buffers throw: all mean "cannot be read".
            throw new InvalidTwinFileException(file, null, "unreadable HDF5 structure (" + reason(e) + ")", e);
        }
        try (HdfFile f = h5) {
            StoredGroup root = StoredGroup.root(file, f);
            String format = root.string("format");
            if (!FORMAT.equals(format)) {
                throw new InvalidTwinFileException(file, "/@format", "expected \"" + FORMAT + "\", found \"" + format
                        + "\" (is this a measurement file? twins are made by `spinloop twin fit`)");
            }
            int version = (int) root.number("format_version");
            if (version > FORMAT_VERSION) {
                throw new InvalidTwinFileException(file, "/@format_version", "version " + version
                        + " is newer than this spinloop reads (" + FORMAT_VERSION + ")");
            }
            String kindName = root.string("kind");
            double interval = root.number("sample_interval_s");
            Normalisation norm = normalisation(root);
            TwinKind<?> kind = TwinKinds.named(kindName).orElseThrow(() -> new InvalidTwinFileException(file, "/@kind",
                    "unknown model kind \"" + kindName + "\" (twin files hold " + String.join(", ", TwinKinds.names())
                            + ")"));
            DeviceModel model = kind.read(root.group("meta"));
            for (Parameter p : model.parameters().list()) {
                String path = "/parameters/" + p.name();
                double[] flat = matrix(file, f, path, p.value().rows(), p.value().cols());
                p.set(flat);
            }
            Map<String, Object> prov = new LinkedHashMap<>();
            Node pg = StoredGroup.lookup(f, "/meta/provenance");
            if (pg != null) {
                for (Map.Entry<String, Attribute> e : new TreeMap<>(pg.getAttributes()).entrySet()) {
                    prov.put(e.getKey(), e.getValue().getData());
                }
            }
            ValidationReport report = null;
            if (root.hasGroup("meta/validation")) {
                StoredGroup vg = root.group("meta/validation");
                report = new ValidationReport(TwinRecord.metrics(vg.vector("twin", 6)),
                        TwinRecord.metrics(vg.vector("floor", 6)), (int) vg.number("sequences"),
                        (int) vg.number("repeats"), (int) vg.number("steps"));
            }
            return new TwinRecord(new DigitalTwin(model, norm, interval), prov, report);
        } catch (HdfException | ArithmeticException | IllegalArgumentException | IllegalStateException
                 | IndexOutOfBoundsException | java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            // Damaged content met by jHDF, or values our models refuse (an architecture out of range, ...).
            throw new InvalidTwinFileException(file, null, "unreadable HDF5 content (" + reason(e) + ")", e);
        }
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("").strip();
    }

    private static Normalisation normalisation(StoredGroup root) throws InvalidTwinFileException {
        StoredGroup ng = root.group("meta/normalisation");
        // Files written before log power have no @log_power: power in W.
        boolean log = ng.has("log_power") && ng.number("log_power") != 0;
        try {
            return new Normalisation(ng.number("drive_offset_A"), ng.number("drive_scale_A"),
                    ng.number(log ? "power_offset_dBW" : "power_offset_W"),
                    ng.number(log ? "power_scale_dB" : "power_scale_W"), ng.number("time_unit_s"),
                    log, log ? ng.number("power_floor_W") : 0);
        } catch (IllegalArgumentException e) {
            throw new InvalidTwinFileException(root.file(), ng.path(), e.getMessage(), e);
        }
    }

    private static double[] matrix(Path file, HdfFile f, String path, int rows, int cols) throws InvalidTwinFileException {
        if (!(StoredGroup.lookup(f, path) instanceof Dataset ds)) {
            throw new InvalidTwinFileException(file, path, "missing dataset");
        }
        int[] dims = ds.getDimensions();
        if (dims.length != 2 || dims[0] != rows || dims[1] != cols) {
            throw new InvalidTwinFileException(file, path, "shape " + java.util.Arrays.toString(dims) + ", the architecture needs ["
                    + rows + ", " + cols + "]");
        }
        Object data = ds.getData();
        if (!(data instanceof double[][] m)) {
            throw new InvalidTwinFileException(file, path, "expected 64-bit floating-point values");
        }
        double[] flat = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = m[r][c];
                if (!Double.isFinite(v)) {
                    throw new InvalidTwinFileException(file, path, "element [" + r + ", " + c + "] is " + v);
                }
                flat[r * cols + c] = v;
            }
        }
        return flat;
    }
}
