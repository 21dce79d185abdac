package io.spinloop.autodiff;

import java.lang.management.ManagementFactory;

/**
 * Float arrays whose element {@link #ORIGIN} starts a 64-byte cache line, for kernels whose vectors are a cache line
 * wide (AVX-512 holds sixteen floats): a vector load that straddles two lines costs about twice one that does not
 * (a 32 x 32 sparse product over 64-lane rows: 0.99 against 1.26 us, ad-hoc harness; the long-row weight gradient
 * 79 against 111 us), and a Java array's elements start wherever the collector last put the array, 8-byte aligned.
 *
 * <p>Java offers no aligned arrays, so this leans on how G1, the JVM's default collector, places large ones: an
 * array of at least half a heap region is "humongous", allocated at the start of a region (regions are 1 MB or more,
 * so that start is aligned) and never moved. {@link #allocate} makes every block that large; the elements then start
 * at the array header's size past the region start, and {@link #ORIGIN} skips to the next cache line. Under another
 * collector, or if that placement changed, the blocks are simply unaligned: the same results, only slower.
 */
public final class CacheLineBlocks {
    private static final int LINE = 64;
    /** Bytes from an array's start to its first element (16 with compressed class pointers). */
    private static final int ARRAY_BASE = floatArrayBaseOffset();
    /** The first element index on a cache-line boundary when the array itself starts on one. */
    public static final int ORIGIN = (LINE - ARRAY_BASE % LINE) % LINE / Float.BYTES;
    /** Floats an array needs to be humongous under G1 (half a region), 0 under another collector. */
    private static final int HUMONGOUS_FLOATS = humongousFloats();

    private CacheLineBlocks() {
    }

    /**
     * A new array with at least {@code n} floats from {@link #ORIGIN} on (index {@code ORIGIN + i} for element i),
     * large enough for G1 to place it at the start of a region.
     */
    public static float[] allocate(int n) {
        long need = (long) ORIGIN + n;
        long size = Math.max(need, HUMONGOUS_FLOATS);
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a float block of " + n + " elements is too large for one array");
        }
        return new float[(int) size];
    }

    private static int floatArrayBaseOffset() {
        // sun.misc.Unsafe's constant, read by reflection: the class is JDK-internal API (a compile-time warning,
        // deprecated in later JDKs) and only its number is wanted; 16 is what 64-bit HotSpot uses by default.
        try {
            return Class.forName("sun.misc.Unsafe").getField("ARRAY_FLOAT_BASE_OFFSET").getInt(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return 16;
        }
    }

    private static int humongousFloats() {
        try {
            var vm = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue())) {
                return 0;
            }
            long region = Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
            return (int) Math.min(Integer.MAX_VALUE / 2, region / 2 / Float.BYTES + 1);
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
