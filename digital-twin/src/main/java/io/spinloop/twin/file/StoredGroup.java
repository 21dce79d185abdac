package io.spinloop.twin.file;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A group of a twin file being read, for {@link TwinFile} and the {@link TwinKind}s: its attributes as numbers,
 * whole numbers and strings, each refused with an {@link InvalidTwinFileException} naming the file and the
 * attribute ({@code /meta/architecture/@latent}) when it is missing or not what is expected.
 */
public final class StoredGroup {
    private final Path file;
    private final HdfFile h5;
    private final Node node;
    private final String path;

    private StoredGroup(Path file, HdfFile h5, Node node, String path) {
        this.file = file;
        this.h5 = h5;
        this.node = node;
        this.path = path;
    }

    /** The root group of {@code h5}, read from {@code file}. */
    static StoredGroup root(Path file, HdfFile h5) {
        return new StoredGroup(file, h5, h5, "/");
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** This group's absolute path in the file. */
    public String path() {
        return path;
    }

    /** The group at {@code relative} below this one ({@code "architecture"}, or {@code "meta/architecture"}). */
    public StoredGroup group(String relative) throws InvalidTwinFileException {
        String p = child(relative);
        Node n = lookup(h5, p);
        if (n == null) {
            throw new InvalidTwinFileException(file, p, "missing group");
        }
        return new StoredGroup(file, h5, n, p);
    }

    /** Whether the group at {@code relative} exists. */
    boolean hasGroup(String relative) {
        return lookup(h5, child(relative)) != null;
    }

    private String child(String relative) {
        return path.endsWith("/") ? path + relative : path + "/" + relative;
    }

    /** Whether this group has the attribute {@code name} (an optional one, absent from older files). */
    public boolean has(String name) {
        return node.getAttributes().containsKey(name);
    }

    Map<String, Attribute> attributes() {
        return node.getAttributes();
    }

    public String string(String name) throws InvalidTwinFileException {
        Attribute a = node.getAttributes().get(name);
        if (a == null || !(a.getData() instanceof String s)) {
            throw new InvalidTwinFileException(file, where(name), a == null ? "missing attribute" : "expected a string");
        }
        return s;
    }

    /** A finite number. */
    public double number(String name) throws InvalidTwinFileException {
        Attribute a = node.getAttributes().get(name);
        if (a == null || !(a.getData() instanceof Number v)) {
            throw new InvalidTwinFileException(file, where(name), a == null
                    ? "missing attribute" : "expected a number, found " + a.getData());
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidTwinFileException(file, where(name), "value " + d + " is not finite");
        }
        return d;
    }

    /** An attribute that counts something (a width, a number of states): a whole number that fits an int. */
    public int whole(String name) throws InvalidTwinFileException {
        double d = number(name);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new InvalidTwinFileException(file, where(name), "expected a whole number, found " + d);
        }
        return (int) d;
    }

    /** Exactly {@code n} numbers. */
    double[] vector(String name, int n) throws InvalidTwinFileException {
        Attribute a = node.getAttributes().get(name);
        if (a == null || !(a.getData() instanceof double[] v) || v.length != n) {
            throw new InvalidTwinFileException(file, path + "/@" + name, "missing or not " + n + " numbers");
        }
        return v;
    }

    /**
     * Refuses a shape whose parameters the file cannot hold (8 bytes a value), before the model is built: a damaged
     * width would otherwise allocate, and fill with random numbers, whatever it says. Smaller mismatches are named
     * dataset by dataset when the parameters are read.
     */
    public void requireStored(long needed, String shape) throws InvalidTwinFileException {
        long capacity;
        try {
            capacity = Files.size(file) / Double.BYTES;
        } catch (IOException e) {
            capacity = Long.MAX_VALUE;
        }
        if (needed > capacity) {
            throw new InvalidTwinFileException(file, path, "the architecture (" + shape + ") has " + needed
                    + " parameter values, more than the file's " + capacity * Double.BYTES + " bytes can hold");
        }
    }

    private String where(String name) {
        return path.replaceAll("/$", "") + "/@" + name;
    }

    /** The node at an absolute path, walking group children (names may hold dots), or null. */
    static Node lookup(HdfFile f, String path) {
        Node n = f;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(n instanceof Group g)) {
                return null;
            }
            n = g.getChildren().get(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }
}
