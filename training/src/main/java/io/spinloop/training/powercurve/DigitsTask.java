package io.spinloop.training.powercurve;

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
 * The 8x8 digits (1797 images, vendored in the training module's data resources) as 64 features in
 * [0, 1] (pixel / 16) per image, for the seed-003 and seed-002 classifiers, which take an image at once
 * (seed 003: one pixel per STNO; seed 002: the read-in layer). Split 80:20 as in seed 003.
 */
public final class DigitsTask {
    static final String RESOURCE = "/io/spinloop/training/data/digits.csv.gz";
    public static final int PIXELS = 64;
    public static final int CLASSES = 10;

    private DigitsTask() {
    }

    public static LabelledData load() {
        try (InputStream raw = DigitsTask.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("digits data set missing from the classpath: " + RESOURCE);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            List<double[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != PIXELS + 1) {
                    throw new IOException(RESOURCE + " line " + lineNo + ": expected 65 fields, found " + f.length);
                }
                double[] px = new double[PIXELS];
                for (int i = 0; i < PIXELS; i++) {
                    px[i] = Integer.parseInt(f[i].trim()) / 16.0;
                }
                rows.add(px);
                labels.add(Integer.parseInt(f[PIXELS].trim()));
            }
            return new LabelledData(rows.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray(),
                    CLASSES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
