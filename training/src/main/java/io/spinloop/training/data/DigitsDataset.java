package io.spinloop.training.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The 1797 8x8 handwritten digits (UCI, as shipped with scikit-learn; vendored with its attribution in
 * {@code resources/io/spinloop/training/data/}), as the sequential-digits task of seed 000: each image is
 * a sequence of its 64 pixels in row-major order, scaled to [0, 1] by /16, one pixel per input interval.
 */
public final class DigitsDataset {
    static final String RESOURCE = "/io/spinloop/training/data/digits.csv.gz";
    public static final int PIXELS = 64;
    public static final int CLASSES = 10;
    public static final int IMAGES = 1797;

    private DigitsDataset() {
    }

    /** All 1797 sequences. */
    public static SequenceDataset load() {
        try (InputStream raw = DigitsDataset.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("digits data set missing from the classpath: " + RESOURCE);
            }
            return parse(new GZIPInputStream(raw), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static SequenceDataset parse(InputStream in, String source) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != PIXELS + 1) {
                throw new IOException(source + " line " + lineNo + ": expected 65 fields, found " + f.length);
            }
            double[] px = new double[PIXELS];
            for (int i = 0; i < PIXELS; i++) {
                int v = Integer.parseInt(f[i].trim());
                if (v < 0 || v > 16) {
                    throw new IOException(source + " line " + lineNo + ": pixel " + i + " = " + v + " outside 0..16");
                }
                px[i] = v / 16.0;
            }
            int label = Integer.parseInt(f[PIXELS].trim());
            if (label < 0 || label >= CLASSES) {
                throw new IOException(source + " line " + lineNo + ": label " + label + " outside 0..9");
            }
            rows.add(px);
            labels.add(label);
        }
        return new SequenceDataset(rows.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray(),
                1, CLASSES);
    }
}
