package io.spinloop.lab.config;

import io.spinloop.lab.LabException;
import java.nio.file.Path;

/**
 * A lab-config that cannot be used, with the place at fault: file, line (1-based, 0 when unknown), column (1-based,
 * 0 when unknown or not meaningful) and the field's path inside the document (e.g.
 * {@code devices[1].limits.max_current_A}).
 */
public final class LabConfigException extends LabException {
    private final Path file;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;

    public LabConfigException(Path file, int line, String field, String problem) {
        this(file, line, field, problem, null);
    }

    public LabConfigException(Path file, int line, String field, String problem, Throwable cause) {
        this(file, line, 0, field, problem, cause);
    }

    public LabConfigException(Path file, int line, int column, String field, String problem, Throwable cause) {
        super(format(file, line, column, field, problem), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
        this.problem = problem;
    }

    private static String format(Path file, int line, int column, String field, String problem) {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(problem).toString();
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** 1-based column of a syntax error, 0 otherwise. */
    public int column() {
        return column;
    }

    /** Path of the field at fault, or an empty string when the whole file is at fault. */
    public String field() {
        return field == null ? "" : field;
    }

    /** What is wrong and what was expected, without the location prefix. */
    public String problem() {
        return problem;
    }
}
