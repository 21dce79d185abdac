package io.spinloop.measurements;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runs in a directory, one line each, for {@code spinloop data list}: every {@code *.h5} measurement file and
 * every journal of an interrupted run that was not recovered yet. Files written before runs carried labels list too:
 * their kind is inferred from what they hold, their state from their flags.
 */
public final class RunCatalog {
    /** States a run can be in. */
    public static final String COMPLETE = "complete";
    public static final String RECOVERED = "recovered";
    public static final String PARTIAL = "partial";
    public static final String RESUMED = "resumed";
    /** A journal with no file yet: {@code spinloop data recover} or {@code --resume} turns it into one. */
    public static final String INTERRUPTED = "interrupted";
    /** Not a measurement file spinloop can read (the reason is in {@link Entry#note()}). */
    public static final String UNREADABLE = "unreadable";

    private RunCatalog() {
    }

    /**
     * One run.
     *
     * @param createdUtc null when unknown (an unreadable file)
     * @param points     sweep points, map points and sequence repeats recorded
     * @param note       why a file is unreadable, or "" otherwise
     */
    public record Entry(Path file, Instant createdUtc, String kind, String sample, String device, long points,
                        List<String> tags, String state, String note) {
    }

    /** The runs in {@code dir} (not its subdirectories), oldest first, then by name. */
    public static List<Entry> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NotDirectoryException(dir + ": not a directory; give the folder that holds the runs");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Entry> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".h5")) {
                out.add(entryOf(f));
            } else if (name.endsWith(".h5.journal") && !Files.exists(f.resolveSibling(
                    name.substring(0, name.length() - ".journal".length())))) {
                out.add(new Entry(f, null, "?", "", "", 0, List.of(), INTERRUPTED,
                        "run `spinloop data recover " + f + "`, or measure again with --resume"));
            }
        }
        out.sort((a, b) -> {
            Instant x = a.createdUtc() == null ? Instant.MAX : a.createdUtc();
            Instant y = b.createdUtc() == null ? Instant.MAX : b.createdUtc();
            int c = x.compareTo(y);
            return c != 0 ? c : a.file().compareTo(b.file());
        });
        return out;
    }

    static Entry entryOf(Path f) {
        MeasurementFile m;
        try {
            m = MeasurementFile.open(f);
        } catch (IOException | RuntimeException e) {
            return new Entry(f, null, "?", "", "", 0, List.of(), UNREADABLE, String.valueOf(e.getMessage()));
        }
        Map<String, String> meta = m.info().provenance().metadata();
        String tags = meta.getOrDefault("tags", "");
        return new Entry(f, m.info().createdUtc(), meta.getOrDefault("kind", inferredKind(m)),
                meta.getOrDefault("sample", ""), meta.getOrDefault("device", deviceOf(m)),
                MeasurementRecovery.pointsIn(m), tags.isEmpty() ? List.of() : Arrays.asList(tags.split(",")),
                stateOf(m), "");
    }

    /** What a file without {@code meta.kind} (written before runs were labelled) holds. */
    static String inferredKind(MeasurementFile m) {
        if (m.sequences().isPresent()) {
            return "sequences";
        }
        if (!m.maps().isEmpty()) {
            return "map";
        }
        return m.sweeps().isEmpty() ? "?" : "sweep";
    }

    private static String deviceOf(MeasurementFile m) {
        if (!m.sweeps().isEmpty()) {
            return m.sweeps().get(0).deviceId();
        }
        if (!m.maps().isEmpty()) {
            return m.maps().get(0).deviceId();
        }
        return m.sequences().map(SequenceSet::deviceId).orElse("");
    }

    /** Recovered from a journal beats everything; then unfinished; then resumed (finished after interruptions). */
    static String stateOf(MeasurementFile m) {
        if (m.info().recovered()) {
            return RECOVERED;
        }
        boolean complete = m.sweeps().stream().allMatch(Sweep::complete)
                && m.maps().stream().allMatch(SpectrumMap::complete)
                && m.sequences().map(SequenceSet::complete).orElse(true);
        if (!complete) {
            return PARTIAL;
        }
        return m.interruptions().isEmpty() ? COMPLETE : RESUMED;
    }
}
