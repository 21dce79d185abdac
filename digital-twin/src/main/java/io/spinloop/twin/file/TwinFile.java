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
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.model.NeuralSde;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.model.PhysicsResidualArchitecture;
import io.spinloop.twin.model.PhysicsResidualSde;
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
 * /meta/architecture    @latent @drift_hidden @diffusion_hidden @min_diffusion @diffusion @rest_state (neural SDE;
 *                       with past drives as inputs also @drive_history: files without it have none.
 *                       An older reader refuses such a file, /parameters/drift.w1 having more rows than it expects)
 *                       @drift_hidden @diffusion_hidden @fit_physics @state_offset @state_scale @drive_offset_A
 *                       @drive_scale_A @time_unit_s @min_diffusion @moment_closure (physics-residual; its networks'
 *                       feature scaling and the physics step's density)
 * /meta/physical        @NAME = physical value of each bounded parameter (physics models; for reading)
 * /meta/provenance      @... training data files, counts, seed, objective, epochs, wall time, regime
 * /meta/validation      @twin (6) @floor (6): mean, spread, spread ratio, log-spread, autocorrelation, W1;
 *                       @sequences @repeats @steps @passes_1_5x_floor
 * </pre>
 *
 * Writing is crash-safe ({@link AtomicFile}): the file is assembled under a temporary name in the same directory,
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
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "twin file exists; add --overwrite to replace it");
        }
        Files.createDirectories(target.getParent());
        AtomicFile.writeFile(target, tmp -> {
            try {
                writeContent(tmp, record);
            } catch (HdfException | java.io.UncheckedIOException e) {
                // jHDF says "Failed to open file: <tmp>" and keeps why (disk full, permission...) in the cause.
                throw new IOException(target + ": cannot write the twin file (writing its temporary "
                        + tmp.getFileName() + "): " + io.spinloop.measurements.WriteFailure.reason(e), e);
            }
        });
    }

    private static void writeContent(Path file, TwinRecord record) {
        DigitalTwin twin = record.twin();
        DeviceModel model = twin.model();
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("format", FORMAT);
            h5.putAttribute("format_version", twin.normalisation().logPower() ? FORMAT_VERSION : LINEAR_POWER_VERSION);
            h5.putAttribute("kind", model.kind());
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
            if (model instanceof NeuralSde sde) {
                NeuralSdeArchitecture a = sde.architecture();
                WritableGroup ag = meta.putGroup("architecture");
                ag.putAttribute("latent", a.latent());
                ag.putAttribute("drift_hidden", a.driftHidden());
                ag.putAttribute("diffusion_hidden", a.diffusionHidden());
                ag.putAttribute("min_diffusion", a.minDiffusion());
                ag.putAttribute("diffusion", a.diffusion() ? 1 : 0);
                ag.putAttribute("rest_state", sde.restState());
                if (a.driveHistory() > 0) {
                    ag.putAttribute("drive_history", a.driveHistory());
                }
            }
            if (model instanceof PhysicsResidualSde prs) {
                PhysicsResidualArchitecture a = prs.architecture();
                WritableGroup ag = meta.putGroup("architecture");
                ag.putAttribute("drift_hidden", a.driftHidden());
                ag.putAttribute("diffusion_hidden", a.diffusionHidden());
                ag.putAttribute("fit_physics", a.fitPhysics() ? 1 : 0);
                ag.putAttribute("state_offset", a.stateOffset());
                ag.putAttribute("state_scale", a.stateScale());
                ag.putAttribute("drive_offset_A", a.driveOffsetA());
                ag.putAttribute("drive_scale_A", a.driveScaleA());
                ag.putAttribute("time_unit_s", a.timeUnitS());
                ag.putAttribute("min_diffusion", a.minDiffusion());
                ag.putAttribute("moment_closure", a.momentClosure() ? 1 : 0);
            }
            AutoOscillator physical = model instanceof AutoOscillator ao ? ao
                    : model instanceof PhysicsResidualSde prs ? prs.physics() : null;
            if (physical != null) {
                WritableGroup phys = meta.putGroup("physical");
                physical.bounded().forEach(b -> phys.putAttribute(b.name(), b.value()));
            }
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
            String format = string(file, f, "/", "format");
            if (!FORMAT.equals(format)) {
                throw new InvalidTwinFileException(file, "/@format", "expected \"" + FORMAT + "\", found \"" + format
                        + "\" (is this a measurement file? twins are made by `spinloop twin fit`)");
            }
            int version = (int) number(file, f, "/", "format_version");
            if (version > FORMAT_VERSION) {
                throw new InvalidTwinFileException(file, "/@format_version", "version " + version
                        + " is newer than this spinloop reads (" + FORMAT_VERSION + ")");
            }
            String kind = string(file, f, "/", "kind");
            double interval = number(file, f, "/", "sample_interval_s");
            Normalisation norm = normalisation(file, f);
            DeviceModel model = switch (kind) {
                case NeuralSde.KIND -> {
                    Node ag = node(file, f, "/meta/architecture");
                    // Files written before drive history have no @drive_history: the networks see no past drives.
                    boolean history = ag.getAttributes().containsKey("drive_history");
                    NeuralSdeArchitecture a = new NeuralSdeArchitecture(whole(file, ag, "/meta/architecture", "latent"),
                            whole(file, ag, "/meta/architecture", "drift_hidden"),
                            whole(file, ag, "/meta/architecture", "diffusion_hidden"),
                            number(file, ag, "/meta/architecture", "min_diffusion"),
                            number(file, ag, "/meta/architecture", "diffusion") != 0,
                            history ? whole(file, ag, "/meta/architecture", "drive_history") : 0);
                    requireStored(file, NeuralSde.parameterCount(a), "latent " + a.latent() + ", widths "
                            + a.driftHidden() + "/" + a.diffusionHidden() + ", drive history " + a.driveHistory());
                    NeuralSde sde = new NeuralSde(a, 0);
                    sde.setRestState(number(file, ag, "/meta/architecture", "rest_state"));
                    yield sde;
                }
                case AutoOscillator.KIND -> new AutoOscillator(AutoOscillator.defaults());
                case PhysicsResidualSde.KIND -> {
                    String ap = "/meta/architecture";
                    Node ag = node(file, f, ap);
                    PhysicsResidualArchitecture a = new PhysicsResidualArchitecture(whole(file, ag, ap, "drift_hidden"),
                            whole(file, ag, ap, "diffusion_hidden"), number(file, ag, ap, "fit_physics") != 0,
                            number(file, ag, ap, "state_offset"), number(file, ag, ap, "state_scale"),
                            number(file, ag, ap, "drive_offset_A"), number(file, ag, ap, "drive_scale_A"),
                            number(file, ag, ap, "time_unit_s"), number(file, ag, ap, "min_diffusion"),
                            number(file, ag, ap, "moment_closure") != 0);
                    requireStored(file, PhysicsResidualSde.parameterCount(a), "widths " + a.driftHidden() + "/"
                            + a.diffusionHidden());
                    yield new PhysicsResidualSde(a, AutoOscillator.defaults(), 0);
                }
                default -> throw new InvalidTwinFileException(file, "/@kind", "unknown model kind \"" + kind + "\"");
            };
            for (Parameter p : model.parameters().list()) {
                String path = "/parameters/" + p.name();
                double[] flat = matrix(file, f, path, p.value().rows(), p.value().cols());
                p.set(flat);
            }
            Map<String, Object> prov = new LinkedHashMap<>();
            Node pg = lookup(f, "/meta/provenance");
            if (pg != null) {
                for (Map.Entry<String, Attribute> e : new TreeMap<>(pg.getAttributes()).entrySet()) {
                    prov.put(e.getKey(), e.getValue().getData());
                }
            }
            ValidationReport report = null;
            if (exists(f, "/meta/validation")) {
                Node vg = lookup(f, "/meta/validation");
                report = new ValidationReport(TwinRecord.metrics(vector(file, vg, "/meta/validation", "twin", 6)),
                        TwinRecord.metrics(vector(file, vg, "/meta/validation", "floor", 6)),
                        (int) number(file, vg, "/meta/validation", "sequences"),
                        (int) number(file, vg, "/meta/validation", "repeats"),
                        (int) number(file, vg, "/meta/validation", "steps"));
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

    private static Normalisation normalisation(Path file, HdfFile f) throws InvalidTwinFileException {
        String np = "/meta/normalisation";
        Node ng = node(file, f, np);
        // Files written before log power have no @log_power: power in W.
        boolean log = ng.getAttributes().containsKey("log_power") && number(file, ng, np, "log_power") != 0;
        try {
            return new Normalisation(number(file, ng, np, "drive_offset_A"), number(file, ng, np, "drive_scale_A"),
                    number(file, ng, np, log ? "power_offset_dBW" : "power_offset_W"),
                    number(file, ng, np, log ? "power_scale_dB" : "power_scale_W"), number(file, ng, np, "time_unit_s"),
                    log, log ? number(file, ng, np, "power_floor_W") : 0);
        } catch (IllegalArgumentException e) {
            throw new InvalidTwinFileException(file, np, e.getMessage(), e);
        }
    }

    /** The node at an absolute path, walking group children (names may hold dots), or null. */
    private static Node lookup(HdfFile f, String path) {
        Node n = f;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(n instanceof io.jhdf.api.Group g)) {
                return null;
            }
            n = g.getChildren().get(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private static boolean exists(HdfFile f, String path) {
        return lookup(f, path) != null;
    }

    private static Node node(Path file, HdfFile f, String path) throws InvalidTwinFileException {
        if (!exists(f, path)) {
            throw new InvalidTwinFileException(file, path, "missing group");
        }
        return lookup(f, path);
    }

    private static String string(Path file, Node n, String path, String name) throws InvalidTwinFileException {
        Attribute a = n.getAttributes().get(name);
        if (a == null || !(a.getData() instanceof String s)) {
            throw new InvalidTwinFileException(file, path.replaceAll("/$", "") + "/@" + name, a == null
                    ? "missing attribute" : "expected a string");
        }
        return s;
    }

    private static double number(Path file, Node n, String path, String name) throws InvalidTwinFileException {
        Attribute a = n.getAttributes().get(name);
        if (a == null || !(a.getData() instanceof Number v)) {
            throw new InvalidTwinFileException(file, path.replaceAll("/$", "") + "/@" + name, a == null
                    ? "missing attribute" : "expected a number, found " + a.getData());
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidTwinFileException(file, path.replaceAll("/$", "") + "/@" + name, "value " + d + " is not finite");
        }
        return d;
    }

    /** An attribute that counts something (a width, a number of states): a whole number that fits an int. */
    private static int whole(Path file, Node n, String path, String name) throws InvalidTwinFileException {
        double d = number(file, n, path, name);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new InvalidTwinFileException(file, path.replaceAll("/$", "") + "/@" + name, "expected a whole number, "
                    + "found " + d);
        }
        return (int) d;
    }

    /**
     * Refuses an architecture whose parameters the file cannot hold (8 bytes a value), before the model is built: a
     * damaged width would otherwise allocate, and fill with random numbers, whatever it says. Smaller mismatches are
     * named dataset by dataset when the parameters are read.
     */
    private static void requireStored(Path file, long needed, String shape) throws InvalidTwinFileException {
        long capacity;
        try {
            capacity = Files.size(file) / Double.BYTES;
        } catch (IOException e) {
            capacity = Long.MAX_VALUE;
        }
        if (needed > capacity) {
            throw new InvalidTwinFileException(file, "/meta/architecture", "the architecture (" + shape + ") has "
                    + needed + " parameter values, more than the file's " + capacity * Double.BYTES + " bytes can hold");
        }
    }

    private static double[] matrix(Path file, HdfFile f, String path, int rows, int cols) throws InvalidTwinFileException {
        if (!exists(f, path) || !(lookup(f, path) instanceof Dataset ds)) {
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

    private static double[] vector(Path file, Node node, String path, String name, int n) throws InvalidTwinFileException {
        Attribute a = node.getAttributes().get(name);
        if (a == null || !(a.getData() instanceof double[] v) || v.length != n) {
            throw new InvalidTwinFileException(file, path + "/@" + name, "missing or not " + n + " numbers");
        }
        return v;
    }
}
