package io.spinloop.measurements;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks and normalises values that end up as HDF5 attributes (instrument settings, provenance), so that a
 * bad value is refused when a run or sweep begins, not when the file is finalised hours later.
 *
 * <p>Accepted value types: {@code String}, {@code Integer}, {@code Long}, {@code Double} (a {@code Float} is
 * widened, a {@code Short}/{@code Byte} becomes an {@code Integer}), {@code Boolean} (stored as an int8 0/1,
 * because h5py cannot read HDF5 bitfields), and arrays {@code double[]}, {@code int[]}, {@code long[]},
 * {@code String[]}.
 */
final class AttributeValues {

    /**
     * jHDF 0.13 writes a single attribute of about 59.6 kB or more without complaint, and the file then reads
     * back neither in jHDF nor in h5dump (measured: 59 500 bytes fine, 59 600 broken). Keep well below.
     */
    static final int MAX_ATTRIBUTE_BYTES = 50_000;

    /**
     * Budget for all attributes of one group (or the root). Measured fine up to 250 kB in one header; the
     * budget keeps files modest, and {@link Hdf5RunWriter#verifyStructure} is the net behind it.
     */
    static final int MAX_OBJECT_ATTRIBUTE_BYTES = 200_000;

    /** Room kept for the attributes the store itself writes on a group or the root. */
    static final int OWN_ATTRIBUTE_BYTES = 2_000;

    /** Generous per-attribute overhead of an attribute message (header, datatype, dataspace). */
    private static final int MESSAGE_OVERHEAD_BYTES = 64;

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,99}");

    private AttributeValues() {
    }

    /**
     * Returns an ordered, unmodifiable copy with every value normalised.
     *
     * @param what     names the map in error messages ("analyzer settings of sweep 2")
     * @param reserved attribute names the store writes itself, which a setting may not shadow
     */
    static Map<String, Object> normalise(String what, Map<String, ?> values, Set<String> reserved) {
        if (values == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String key = e.getKey();
            checkKey(what, key);
            if (reserved.contains(key)) {
                throw new IllegalArgumentException(what + ": key '" + key
                        + "' is reserved for the store's own attribute; rename the setting");
            }
            out.put(key, normaliseValue(what + ", key '" + key + "'", e.getValue()));
        }
        long total = 0;
        for (Map.Entry<String, Object> e : out.entrySet()) {
            total += estimatedBytes(e.getKey(), e.getValue());
        }
        checkTotal(what, total);
        return Collections.unmodifiableMap(out);
    }

    /** Refuses a set of attributes over the budget of one group, next to the store's own attributes. */
    static void checkTotal(String what, long bytes) {
        long limit = MAX_OBJECT_ATTRIBUTE_BYTES - OWN_ATTRIBUTE_BYTES;
        if (bytes > limit) {
            throw new IllegalArgumentException(what + ": about " + bytes + " bytes of attributes; at most " + limit
                    + " are allowed on one HDF5 group");
        }
    }

    /** Upper estimate of the bytes an attribute takes in its object header. */
    static long estimatedBytes(String name, Object v) {
        long data;
        if (v instanceof String s) {
            data = s.getBytes(StandardCharsets.UTF_8).length + 1L;
        } else if (v instanceof double[] a) {
            data = 8L * a.length;
        } else if (v instanceof int[] a) {
            data = 4L * a.length;
        } else if (v instanceof long[] a) {
            data = 8L * a.length;
        } else if (v instanceof String[] a) {
            long width = 1;
            for (String s : a) {
                width = Math.max(width, s.getBytes(StandardCharsets.UTF_8).length + 1L);
            }
            data = width * a.length;
        } else {
            data = 8;
        }
        return MESSAGE_OVERHEAD_BYTES + name.getBytes(StandardCharsets.UTF_8).length + data;
    }

    static void checkKey(String what, String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(what + ": key '" + key
                    + "' is not a valid attribute name (a letter, then letters, digits, '_', '.', '-'; at most 100)");
        }
    }

    static Object normaliseValue(String what, Object v) {
        Object n;
        if (v instanceof String s) {
            checkSize(what, s.getBytes(StandardCharsets.UTF_8).length);
            n = s;
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            n = ((Number) v).intValue();
        } else if (v instanceof Long) {
            n = v;
        } else if (v instanceof Double || v instanceof Float) {
            n = ((Number) v).doubleValue();
        } else if (v instanceof Boolean b) {
            n = b ? (byte) 1 : (byte) 0;
        } else if (v instanceof double[] a) {
            checkArray(what, a.length, 8);
            n = a.clone();
        } else if (v instanceof int[] a) {
            checkArray(what, a.length, 4);
            n = a.clone();
        } else if (v instanceof long[] a) {
            checkArray(what, a.length, 8);
            n = a.clone();
        } else if (v instanceof String[] a) {
            if (a.length == 0) {
                throw new IllegalArgumentException(what + ": empty arrays cannot be stored as HDF5 attributes");
            }
            long bytes = 0;
            for (String s : a) {
                if (s == null) {
                    throw new IllegalArgumentException(what + ": null element in a string array");
                }
                bytes = Math.max(bytes, s.getBytes(StandardCharsets.UTF_8).length + 1L);
            }
            checkSize(what, bytes * a.length);
            n = a.clone();
        } else {
            throw new IllegalArgumentException(what + ": unsupported value type "
                    + (v == null ? "null" : v.getClass().getSimpleName())
                    + " (use String, Integer, Long, Double, Boolean, double[], int[], long[] or String[])");
        }
        return n;
    }

    private static void checkArray(String what, int length, int elementBytes) {
        if (length == 0) {
            throw new IllegalArgumentException(what + ": empty arrays cannot be stored as HDF5 attributes");
        }
        checkSize(what, (long) length * elementBytes);
    }

    private static void checkSize(String what, long bytes) {
        if (bytes > MAX_ATTRIBUTE_BYTES) {
            throw new IllegalArgumentException(what + ": " + bytes + " bytes is too large for an HDF5 attribute (limit "
                    + MAX_ATTRIBUTE_BYTES + " bytes)");
        }
    }
}
