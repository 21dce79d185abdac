package io.spinloop.measurements;

import java.nio.file.Path;

/**
 * A measurement file or journal whose content is not what the layout promises; names the file and dataset. Unchecked
 * (a {@link MeasurementException}): a caller that cannot do better lets it reach the person, whose command refuses
 * the file.
 */
public final class InvalidMeasurementFileException extends MeasurementException {
    private final transient Path file;
    private final String dataset;

    /**
     * @param file    the file at fault
     * @param dataset the dataset or attribute path at fault, or null when the file as a whole is
     * @param problem what is wrong, in words
     */
    public InvalidMeasurementFileException(Path file, String dataset, String problem) {
        this(file, dataset, problem, null);
    }

    public InvalidMeasurementFileException(Path file, String dataset, String problem, Throwable cause) {
        super(file + (dataset == null ? "" : ": " + dataset) + ": " + problem, cause);
        this.file = file;
        this.dataset = dataset;
    }

    public Path file() {
        return file;
    }

    /** The dataset or attribute at fault, or null. */
    public String dataset() {
        return dataset;
    }
}
