package io.spinloop.training.run;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableGroup;
import io.spinloop.autodiff.Adam;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Parameters;
import io.spinloop.measurements.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights (with masks) and Adam state of a network after some epochs, in one HDF5 file readable by
 * h5py/h5dump: {@code /parameters/<name>} and {@code /masks/<name>} (rows x cols), {@code /adam/m/<name>},
 * {@code /adam/v/<name>}, root attributes {@code epochs_done}, {@code adam_steps} and {@code config} (JSON),
 * and the epoch history as a table {@code /history} (one row per epoch, column names in its attribute
 * {@code columns}). Written to a temporary file and renamed into place, so a crash leaves the previous
 * checkpoint intact.
 *
 * <p>The history is a dataset, not a JSON attribute, because jHDF 0.13 writes an attribute of about 59.6 kB
 * or more into a file that then cannot be read (see the measurement store's {@code AttributeValues}): at
 * ~170 bytes of JSON per epoch, a run of 350 epochs would have lost its checkpoint. Checkpoints of earlier
 * versions, with a {@code history} attribute, are still read.
 */
public final class Checkpoint {
    static final String FORMAT = "spinloop-training-checkpoint/1";

    private Checkpoint() {
    }

    public static void write(Path file, Parameters params, Adam adam, int epochsDone, String configJson,
            java.util.List<EpochMetrics> history) {
        try {
            AtomicFile.writeFile(file, tmp -> {
                try (WritableHdfFile h5 = HdfFile.write(tmp)) {
                    h5.putAttribute("format", FORMAT);
                    h5.putAttribute("epochs_done", epochsDone);
                    h5.putAttribute("adam_steps", adam.steps());
                    h5.putAttribute("config", configJson);
                    double[][] table = EpochTable.rows(history);
                    if (table.length > 0) {
                        h5.putDataset("history", table).putAttribute("columns", EpochTable.COLUMNS);
                    }
                    WritableGroup values = h5.putGroup("parameters");
                    WritableGroup masks = h5.putGroup("masks");
                    WritableGroup adamGroup = h5.putGroup("adam");
                    WritableGroup m = adamGroup.putGroup("m");
                    WritableGroup v = adamGroup.putGroup("v");
                    for (Parameter p : params.list()) {
                        int rows = p.value().rows();
                        int cols = p.value().cols();
                        values.putDataset(p.name(), matrix(p.value().data(), rows, cols));
                        if (p.isMasked()) {
                            masks.putDataset(p.name(), matrix(p.mask(), rows, cols));
                        }
                        if (adam.firstMoment(p.name()) != null) {
                            m.putDataset(p.name(), matrix(adam.firstMoment(p.name()), rows, cols));
                            v.putDataset(p.name(), matrix(adam.secondMoment(p.name()), rows, cols));
                        }
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }

    private static double[][] matrix(double[] flat, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }

    /** What a checkpoint holds besides the arrays restored by {@link #restore}. */
    public record Info(int epochsDone, String configJson, java.util.List<EpochMetrics> history) {
    }

    /** Reads the header of a checkpoint. */
    public static Info info(Path file) {
        try (HdfFile h5 = new HdfFile(file)) {
            checkFormat(h5, file);
            return new Info(((Number) attr(h5, "epochs_done", file)).intValue(), (String) attr(h5, "config", file),
                    history(h5, file));
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads weights (values and masks must match the network's shapes and masks) and the Adam state. */
    public static void restore(Path file, Parameters params, Adam adam) {
        try (HdfFile h5 = new HdfFile(file)) {
            checkFormat(h5, file);
            Map<String, double[]> m = new LinkedHashMap<>();
            Map<String, double[]> v = new LinkedHashMap<>();
            for (Parameter p : params.list()) {
                double[] values = flat(h5, "/parameters/" + p.name(), p.value().size(), file);
                if (p.isMasked()) {
                    double[] mask = flat(h5, "/masks/" + p.name(), p.value().size(), file);
                    if (!java.util.Arrays.equals(mask, p.mask())) {
                        throw new IllegalStateException(file + ": mask of " + p.name()
                                + " differs from the one the config's seed draws; the checkpoint belongs to another run");
                    }
                }
                p.set(values);
                if (h5.getByPath("/adam").isGroup() && ((io.jhdf.api.Group) h5.getByPath("/adam/m")).getChildren().containsKey(p.name())) {
                    m.put(p.name(), flat(h5, "/adam/m/" + p.name(), p.value().size(), file));
                    v.put(p.name(), flat(h5, "/adam/v/" + p.name(), p.value().size(), file));
                }
            }
            adam.restore(((Number) attr(h5, "adam_steps", file)).longValue(), m, v);
        }
    }

    private static java.util.List<EpochMetrics> history(HdfFile h5, Path file) {
        if (h5.getAttribute("history") != null) {
            return RunDirectory.parseHistory((String) attr(h5, "history", file));
        }
        if (!h5.getChildren().containsKey("history")) {
            return java.util.List.of();
        }
        Dataset d = h5.getDatasetByPath("/history");
        Attribute columns = d.getAttribute("columns");
        if (columns == null) {
            throw new IllegalStateException(file + ": dataset /history has no 'columns' attribute");
        }
        return EpochTable.metrics((double[][]) d.getData(), (String[]) columns.getData(), file + ": /history");
    }

    private static void checkFormat(HdfFile h5, Path file) {
        Object f = attr(h5, "format", file);
        if (!FORMAT.equals(f)) {
            throw new IllegalStateException(file + " is not a spinloop training checkpoint (format " + f + ")");
        }
    }

    private static Object attr(HdfFile h5, String name, Path file) {
        Attribute a = h5.getAttribute(name);
        if (a == null) {
            throw new IllegalStateException(file + ": attribute '" + name + "' missing");
        }
        Object d = a.getData();
        if (d != null && d.getClass().isArray() && java.lang.reflect.Array.getLength(d) == 1) {
            return java.lang.reflect.Array.get(d, 0);
        }
        return d;
    }

    private static double[] flat(HdfFile h5, String path, int size, Path file) {
        Dataset d;
        try {
            d = h5.getDatasetByPath(path);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + ": dataset " + path + " missing", e);
        }
        Object data = d.getDataFlat();
        double[] out = (double[]) data;
        if (out.length != size) {
            throw new IllegalStateException(file + ": dataset " + path + " has " + out.length + " values, expected " + size);
        }
        return out;
    }
}
