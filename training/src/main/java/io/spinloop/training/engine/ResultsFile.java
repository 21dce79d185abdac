package io.spinloop.training.engine;

import io.spinloop.measurements.AtomicFile;
import io.spinloop.training.run.RunDirectoryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study's results CSV, written by the driver only: one row per task, its key in the first column. Each new row
 * rewrites the file through {@link AtomicFile}, so a driver killed at any moment leaves the rows finished so far
 * and never half a row; reopened, the file tells which keys are done, and a row is never written twice.
 */
public final class ResultsFile {
    private final Path file;
    private final String header;
    private final Map<String, String> rows = new LinkedHashMap<>();

    private ResultsFile(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    /**
     * Opens {@code file}, reading the rows already in it; a file with another header is refused naming it (a
     * different study is in the way).
     */
    public static ResultsFile open(Path file, String header) {
        ResultsFile r = new ResultsFile(file, header);
        if (!Files.exists(file)) {
            return r;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new RunDirectoryException(file + " holds other results (its header is not '" + header
                    + "'); choose another --out directory");
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            r.rows.put(comma < 0 ? line : line.substring(0, comma), line);
        }
        return r;
    }

    public Path path() {
        return file;
    }

    public boolean has(String key) {
        return rows.containsKey(key);
    }

    /** The row of {@code key} split at commas (the key first), or null. */
    public String[] row(String key) {
        String line = rows.get(key);
        return line == null ? null : line.split(",", -1);
    }

    public int size() {
        return rows.size();
    }

    /** Adds the row of {@code key} (whose first field must be the key) unless it is there already. */
    public synchronized void add(String key, String row) {
        if (!row.startsWith(key + ",")) {
            throw new IllegalArgumentException("row does not start with its key " + key + ": " + row);
        }
        if (rows.putIfAbsent(key, row) != null) {
            return;
        }
        StringBuilder sb = new StringBuilder(header).append('\n');
        rows.values().forEach(l -> sb.append(l).append('\n'));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            AtomicFile.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
