package io.spinloop.app.fuzz;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Damage a byte flip rarely reaches but a wrong writer or a hand edit does: one attribute or dataset of a valid HDF5
 * file given an extreme value (0, -1, 2^31-1, 1e300, NaN, a string, a wrong shape) or removed, the rest copied as
 * it was. The result is a well-formed HDF5 file whose content lies, which only the reader's own checks can catch.
 */
final class Hdf5Edits {
    private static final Object[] VALUES = {0, -1, 1 << 20, Integer.MAX_VALUE, Integer.MIN_VALUE, 1e300, -1e300,
        Double.NaN, Double.POSITIVE_INFINITY, 0.0, -0.5, "x", new double[] {1, 2}, new int[] {3, 4, 5}};

    private final SplittableRandom random;

    Hdf5Edits(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Copies {@code src} to {@code dst} with one attribute or dataset changed; returns what was done. */
    String edit(Path src, Path dst) {
        try (HdfFile in = new HdfFile(src)) {
            List<String> targets = new ArrayList<>();
            collect(in, "", targets);
            String target = targets.get(random.nextInt(targets.size()));
            int choice = random.nextInt(VALUES.length + 2);
            Object value;
            String what;
            if (choice == VALUES.length) {
                value = null;
                what = "removed";
            } else if (choice == VALUES.length + 1) {
                value = new double[][] {{Double.NaN, 1}, {2, 3}, {4, 5}};
                what = "set to a 3x2 matrix with a NaN";
            } else {
                value = VALUES[choice];
                what = "set to " + describe(value);
            }
            try (WritableHdfFile out = HdfFile.write(dst)) {
                copyAttributes(in, out, "", target, value);
                copyChildren(in, out, "", target, value);
            }
            return target + " " + what;
        }
    }

    private static String describe(Object v) {
        if (v instanceof double[] d) {
            return java.util.Arrays.toString(d);
        }
        if (v instanceof int[] i) {
            return java.util.Arrays.toString(i);
        }
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    private static void collect(Group g, String path, List<String> into) {
        g.getAttributes().keySet().forEach(a -> into.add(path + "/@" + a));
        for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
            String p = path + "/" + e.getKey();
            if (e.getValue() instanceof Group child) {
                collect(child, p, into);
            } else if (e.getValue() instanceof Dataset d) {
                into.add(p);
            }
        }
    }

    private static void copyAttributes(Node from, WritableNode to, String path, String target, Object value) {
        for (Map.Entry<String, Attribute> a : from.getAttributes().entrySet()) {
            String p = path + "/@" + a.getKey();
            if (p.equals(target)) {
                if (value != null) {
                    to.putAttribute(a.getKey(), value);
                }
            } else {
                to.putAttribute(a.getKey(), a.getValue().getData());
            }
        }
    }

    private static void copyChildren(Group from, WritableGroup to, String path, String target, Object value) {
        for (Map.Entry<String, Node> e : from.getChildren().entrySet()) {
            String p = path + "/" + e.getKey();
            if (e.getValue() instanceof Group child) {
                WritableGroup g = to.putGroup(e.getKey());
                copyAttributes(child, g, p, target, value);
                copyChildren(child, g, p, target, value);
            } else if (e.getValue() instanceof Dataset d) {
                if (p.equals(target)) {
                    if (value != null) {
                        to.putDataset(e.getKey(), value instanceof String || value instanceof Number
                                ? new double[][] {{value instanceof Number n ? n.doubleValue() : 0}} : value);
                    }
                } else {
                    to.putDataset(e.getKey(), d.getData());
                }
            }
        }
    }
}
