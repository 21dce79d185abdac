package io.spinloop.measurements.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Runs one fuzz target over many damaged copies of a valid file and collects what went wrong, so that a test
 * reports every failing case at once (with the case number and the mutation, which reproduce it) instead of
 * stopping at the first.
 *
 * <p>Each case: the damaged bytes are written to a fresh file, hashed, and given to the target under a timeout
 * (a hang is a failure). The target either returns (the result was checked by the target itself) or throws
 * what it may throw; the {@link Check} decides whether a throwable is a clear, expected refusal. Anything else
 * (NullPointerException, IndexOutOfBounds, OutOfMemoryError, NegativeArraySize, ...) is a failure, and so is a
 * case that allocates more than {@link #allocationLimit} (a size field believed). Unless the target says
 * otherwise, the input must still be there, byte for byte, afterwards.
 *
 * <p>Use (see {@code MeasurementFuzzTest} for journals and measurement files):
 * <pre>{@code
 * FuzzRun r = new FuzzRun("twin-file").run(validBytes, "t.h5", 300, 21L, tempDir,
 *         (in, m) -> TwinFile.read(in), FuzzRun.namedRefusal(InvalidTwinFileException.class));
 * System.out.println(r.summary());          // "fuzz twin-file: 300 cases (...), 0 failures, 0.4 s"
 * assertTrue(r.failures().isEmpty(), String.join("\n", r.failures()));
 * }</pre>
 */
public final class FuzzRun {

    /** The code under test, given the damaged file. Its own assertions (AssertionError) count as failures. */
    @FunctionalInterface
    public interface Target {
        void run(Path input, ByteMutator.Mutation mutation) throws Exception;
    }

    /** Whether a throwable of the target is a clear refusal of the damaged input (true) or a defect (false). */
    @FunctionalInterface
    public interface Check {
        boolean expected(Throwable t, Path input);
    }

    private final String name;
    private final List<String> failures = new ArrayList<>();
    private final java.util.Map<String, Integer> refusals = new java.util.TreeMap<>();
    private int cases;
    private int refused;
    private double seconds;
    private double slowest;
    private String slowestCase;
    private Duration timeout = Duration.ofSeconds(10);
    private boolean inputMayMove;
    private long allocationLimit = 256L << 20;

    public FuzzRun(String name) {
        this.name = name;
    }

    /** Per-case limit; a case that takes longer is reported as a hang. */
    public FuzzRun timeout(Duration d) {
        this.timeout = d;
        return this;
    }

    /**
     * Most heap a case may allocate (counted per thread, where the JVM can count it). A damaged size field must be
     * refused, not believed: a 4 kB file once made jHDF allocate a gigabyte, and a bigger lie is an OutOfMemoryError.
     */
    public FuzzRun allocationLimit(long bytes) {
        this.allocationLimit = bytes;
        return this;
    }

    private static long allocatedByThisThread() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (mx instanceof com.sun.management.ThreadMXBean hs && hs.isThreadAllocatedMemoryEnabled()) {
            return hs.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    /** For targets that may legitimately move or delete their input (a recovery); they check it themselves. */
    public FuzzRun inputMayMove() {
        this.inputMayMove = true;
        return this;
    }

    /**
     * Runs {@code count} cases on damaged copies of {@code original}, each written as {@code dir/case-N/fileName}.
     */
    public FuzzRun run(byte[] original, String fileName, int count, long seed, Path dir, Target target, Check check)
            throws IOException {
        ByteMutator mutator = new ByteMutator(seed);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            ByteMutator.Mutation m = mutator.mutate(original);
            Path caseDir = Files.createDirectories(dir.resolve(name + "-" + cases));
            Path input = caseDir.resolve(fileName);
            Files.write(input, m.bytes());
            String hash = sha256(m.bytes());
            String label = name + " case " + cases + " (seed " + seed + ", #" + i + ", " + m.description() + ")";
            cases++;
            long caseStart = System.nanoTime();
            try {
                assertTimeoutPreemptively(timeout, () -> {
                    long before = allocatedByThisThread();
                    try {
                        target.run(input, m);
                    } catch (Throwable t) {
                        if (t instanceof AssertionError a) {
                            throw a;
                        }
                        if (!check.expected(t, input)) {
                            throw new AssertionError("unexpected " + t, t);
                        }
                        refused++;
                        refusals.merge(kindOf(t, input), 1, Integer::sum);
                    }
                    long allocated = allocatedByThisThread() - before;
                    if (before >= 0 && allocated > allocationLimit) {
                        throw new AssertionError(String.format(Locale.ROOT, "allocated %,d bytes for a %,d-byte input"
                                + " (limit %,d): a damaged size field is believed", allocated, m.bytes().length,
                                allocationLimit));
                    }
                }, () -> "hangs: no result within " + timeout.toSeconds() + " s");
                if (!inputMayMove) {
                    if (!Files.exists(input)) {
                        failures.add(label + ": the input was deleted");
                    } else if (!hash.equals(sha256(Files.readAllBytes(input)))) {
                        failures.add(label + ": the input was modified");
                    }
                }
            } catch (Throwable t) {
                failures.add(label + ": " + describe(t));
            }
            double took = (System.nanoTime() - caseStart) * 1e-9;
            if (took > slowest) {
                slowest = took;
                slowestCase = label;
            }
        }
        seconds += (System.nanoTime() - start) * 1e-9;
        return this;
    }

    private static String describe(Throwable t) {
        Throwable cause = t instanceof AssertionError && t.getCause() != null ? t.getCause() : t;
        StringBuilder b = new StringBuilder(String.valueOf(t.getMessage()));
        if (cause != t) {
            StackTraceElement[] st = cause.getStackTrace();
            b.append(" at ").append(st.length > 0 ? st[0] : "?");
        }
        return b.toString();
    }

    public String name() {
        return name;
    }

    public int cases() {
        return cases;
    }

    /** Cases that ended in an expected refusal (the rest returned a result). */
    public int refused() {
        return refused;
    }

    /** How often each kind of refusal was seen: the message without the file's path, digits as '#'. */
    public java.util.Map<String, Integer> refusals() {
        return java.util.Collections.unmodifiableMap(refusals);
    }

    private static String kindOf(Throwable t, Path input) {
        String m = String.valueOf(t.getMessage()).replace(input.toString(), "F");
        m = m.replaceAll("[0-9]+", "#");
        return m.length() > 90 ? m.substring(0, 90) : m;
    }

    /** The slowest case and its time, for a test that wants to know where the time goes. */
    public String slowest() {
        return String.format(Locale.ROOT, "%.3f s: %s", slowest, slowestCase);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** "fuzz journal: 600 cases (412 refused clearly, 188 recovered), 0 failures". */
    public String summary() {
        return String.format(Locale.ROOT, "fuzz %s: %d cases (%d refused clearly, %d read), %d failures, %.1f s", name,
                cases, refused, cases - refused - failures.size(), failures.size(), seconds);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The usual check: {@code type} (a project exception) whose message names the file, on one line; or, for a
     * target given extra types, those too under the same conditions.
     */
    @SafeVarargs
    public static Check namedRefusal(Class<? extends Throwable>... types) {
        return (t, input) -> {
            boolean typed = false;
            for (Class<? extends Throwable> c : types) {
                typed |= c.isInstance(t);
            }
            String m = t.getMessage();
            return typed && m != null && m.contains(input.getFileName().toString()) && !m.contains("\n");
        };
    }
}
