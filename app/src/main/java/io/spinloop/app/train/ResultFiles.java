package io.spinloop.app.train;

import io.spinloop.measurements.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes the study outputs (CSV tables, PNG plots) so that a good file is never replaced by a
 * half-written one: each file is written beside its target and moved into place atomically ({@link AtomicFile}).
 */
final class ResultFiles {
    private ResultFiles() {
    }

    static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + dir, e);
        }
    }

    static void writeText(Path file, String text) {
        try {
            AtomicFile.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A grid of charts in one PNG. */
    static <T extends Chart<?, ?>> void writePng(Path file, List<T> charts, int rows, int cols) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".png")) {
            throw new IllegalArgumentException("PNG file name must end in .png: " + file);
        }
        try {
            AtomicFile.write(file,
                    out -> BitmapEncoder.saveBitmap(charts, rows, cols, out, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static double median(double[] values) {
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
