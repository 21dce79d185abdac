package io.spinloop.app.live;

import com.fasterxml.jackson.core.type.TypeReference;
import io.spinloop.app.cli.JsonOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run of a folder for {@code data browse}, read from the curve its command writes: {@code metrics.json}
 * of {@code train} (and of each run of a study), with loss and test accuracy per epoch, or {@code chip-train.json} of
 * {@code chip-train}, with the training loss and the test figure measured on the chip per epoch. The run is named
 * by that file; the checkpoints beside it ({@code weights.h5}) are the run's, not runs of their own.
 */
final class TrainingRun {
    /** {@code train}'s per-epoch metrics (training.run.RunDirectory.METRICS). */
    static final String METRICS = "metrics.json";
    /** {@code chip-train}'s result with its curve (app.chip.ChipTrainCommand.RESULT). */
    static final String CHIP = "chip-train.json";

    private TrainingRun() {
    }

    /** Whether {@code file} is the curve of a training run. */
    static boolean isOne(Path file) {
        String n = file.getFileName().toString();
        return n.equals(METRICS) || n.equals(CHIP);
    }

    /** Whether {@code file} (an HDF5 file) is a checkpoint of a training run in its folder. */
    static boolean checkpointOfOne(Path file) {
        return file.getParent() != null && Files.isRegularFile(file.getParent().resolve(METRICS));
    }

    private static Map<String, Object> read(Path file) throws IOException {
        return JsonOutput.mapper().readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
    }

    /** Its row of the run table: what ran, how far, how it ended. */
    static Map<String, Object> row(Path file, Map<String, Object> row) throws IOException {
        Map<String, Object> m = read(file);
        Curve c = curve(file, m);
        row.put("kind", "training");
        row.put("command", file.getFileName().toString().equals(CHIP) ? "chip-train" : "train");
        row.put("device", m.getOrDefault("model", m.get("weights_from")));
        row.put("points", c.epochs().size());
        row.put("complete", "finished".equals(m.get("status")));
        row.put("status", m.get("status"));
        row.put("created_utc", Files.getLastModifiedTime(file).toInstant().toString());
        return row;
    }

    /** Its data for the page: the curve, with its metadata. */
    static Map<String, Object> data(Path file, String name) throws IOException {
        Map<String, Object> m = read(file);
        Curve c = curve(file, m);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("kind", "training");
        Map<String, Object> meta = new LinkedHashMap<>(m);
        meta.remove("epochs");
        meta.remove("curve");
        out.put("metadata", meta);
        Map<String, Object> curve = new LinkedHashMap<>();
        curve.put("epoch", c.epochs());
        curve.put("loss", c.loss());
        curve.put("figure", c.figure());
        curve.put("value", c.value());
        out.put("curve", curve);
        return out;
    }

    /** Per epoch: the training loss, and the test figure (accuracy, else the chip's test MSE). */
    record Curve(List<Object> epochs, List<Object> loss, String figure, List<Object> value) {
    }

    private static Curve curve(Path file, Map<String, Object> m) throws IOException {
        boolean chip = file.getFileName().toString().equals(CHIP);
        Object rows = m.get(chip ? "curve" : "epochs");
        if (!(rows instanceof List<?> list)) {
            throw new IOException(file + ": no " + (chip ? "curve" : "epochs") + " list");
        }
        List<Object> epochs = new ArrayList<>();
        List<Object> loss = new ArrayList<>();
        List<Object> value = new ArrayList<>();
        boolean accuracy = !chip || list.stream().anyMatch(r -> r instanceof Map<?, ?> e && e.get("testAccuracy")
                instanceof Number);
        for (Object r : list) {
            if (!(r instanceof Map<?, ?> e)) {
                throw new IOException(file + ": an epoch that is not an object");
            }
            epochs.add(e.get("epoch"));
            loss.add(finite(e.get("trainLoss")));
            value.add(finite(e.get(accuracy ? "testAccuracy" : "testMse")));
        }
        return new Curve(epochs, loss, accuracy ? "test accuracy" : "test MSE", value);
    }

    /** A number as the page draws it: not finite (JSON's "NaN") is a gap. */
    private static Object finite(Object v) {
        return v instanceof Number n && Double.isFinite(n.doubleValue()) ? n : null;
    }
}
