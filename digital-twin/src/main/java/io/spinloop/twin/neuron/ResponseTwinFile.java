package io.spinloop.twin.neuron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spinloop.measurements.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A piecewise-linear neuron twin ({@link ResponseTwin}) with the way its device was read, as JSON: what a later
 * deployment or chip-in-the-loop run needs to drive and read the device the way the twin knows it, without
 * recalibrating. The readout (zero-span settings, line tracking) is the bench's business: it is stored and handed
 * back as the attributes the bench side wrote, uninterpreted. (The neural-SDE twins go to twin files.)
 */
public final class ResponseTwinFile {
    public static final String FORMAT = "spinloop-response-twin";

    /** A twin read back, with its readout. */
    public record Loaded(ResponseTwin twin, Map<String, Object> readout) {
    }

    private ResponseTwinFile() {
    }

    public static void write(Path file, ResponseTwin twin, Map<String, Object> readout) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("kind", ResponseTwin.KIND);
        m.put("device", twin.device());
        m.put("window_low_A", twin.lowA());
        m.put("window_high_A", twin.highA());
        m.put("floor_dBm", twin.scale().floorDbm());
        m.put("span_dB", twin.scale().spanDb());
        m.put("mean_knots", twin.meanKnots());
        m.put("noise_knots", twin.noiseKnots());
        m.put("readout", readout);
        AtomicFile.write(file, out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, m));
    }

    /** Reads a file {@link #write} wrote; anything else is refused naming the file and field. */
    public static Loaded read(Path file) throws IOException {
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not readable JSON (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")");
        }
        if (n == null || !FORMAT.equals(n.path("format").asText())) {
            throw new IllegalArgumentException(file + ": format is not " + FORMAT + ": not a response twin");
        }
        try {
            ResponseTwin twin = new ResponseTwin(text(n, "device", file), number(n, "window_low_A", file),
                    number(n, "window_high_A", file), numbers(n, "mean_knots", file), numbers(n, "noise_knots", file),
                    new ReadingScale(number(n, "floor_dBm", file), number(n, "span_dB", file)));
            JsonNode r = n.path("readout");
            Map<String, Object> p = new LinkedHashMap<>();
            r.fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().isNumber() ? e.getValue().doubleValue()
                    : e.getValue().asText()));
            return new Loaded(twin, p);
        } catch (IllegalArgumentException e) {
            // The twin's and the readout's own checks (a window upside down, a zero RBW) do not know the file.
            String m = String.valueOf(e.getMessage());
            throw m.startsWith(file.toString()) ? e : new IllegalArgumentException(file + ": " + m, e);
        }
    }

    private static String text(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": " + field + " missing or not text");
        }
        return v.asText();
    }

    private static double number(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new IllegalArgumentException(file + ": " + field + " missing or not a finite number");
        }
        return v.doubleValue();
    }

    private static double[] numbers(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray() || v.size() < 2) {
            throw new IllegalArgumentException(file + ": " + field + " missing or not an array of 2 or more numbers");
        }
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            if (!v.get(i).isNumber() || !Double.isFinite(v.get(i).doubleValue())) {
                throw new IllegalArgumentException(file + ": " + field + "[" + i + "] is not a finite number");
            }
            a[i] = v.get(i).doubleValue();
        }
        return a;
    }
}
