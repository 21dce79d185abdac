package io.spinloop.app.chip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.measurements.AtomicFile;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.training.mackeyglass.ForecastTask;
import io.spinloop.twin.file.FileKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trained weights of a chip network with what running them needs: the devices in the order the network's
 * neurons sit on them (neuron j on device j mod D), the twin kind they were trained on, the task (the Mackey-Glass
 * forecast's sizes, or the sequential-digits plan: so a deployment evaluates the same test set) and the training
 * settings chip-in-the-loop continues with. Written by {@code spinloop demo} ({@code weights-twin-trained.json}),
 * {@code train-on-twin} and {@code chip-train} ({@code weights-chip-trained.json}); read by {@code deploy} and
 * {@code chip-train}.
 *
 * @param options the forecast's sizes and the training settings (for digits: the settings, copied from
 *                {@code digits})
 * @param digits  the sequential-digits plan, or null for the Mackey-Glass forecast
 */
public record TrainedNetworkFile(NetworkWeights weights, List<String> devices, ChipExperiment.TwinKind twin,
                                 ChipExperiment.Options options, DigitsExperiment.Plan digits, String trainedBy) {

    public static final String FORMAT = "spinloop-chip-network";

    public TrainedNetworkFile {
        devices = List.copyOf(devices);
        if ((digits != null) != weights.isClassifier()) {
            throw new IllegalArgumentException("the digits task needs classifier weights, the Mackey-Glass task "
                    + "forecast weights; got " + weights);
        }
    }

    /** A Mackey-Glass forecast network. */
    public TrainedNetworkFile(NetworkWeights weights, List<String> devices, ChipExperiment.TwinKind twin,
                              ChipExperiment.Options options, String trainedBy) {
        this(weights, devices, twin, options, null, trainedBy);
    }

    /** A sequential-digits network trained with {@code plan} from seed {@code seed}. */
    public static TrainedNetworkFile digits(NetworkWeights weights, List<String> devices, ChipExperiment.TwinKind twin,
                                            DigitsExperiment.Plan plan, long seed, String trainedBy) {
        ChipExperiment.Options q = ChipExperiment.Options.quick(seed);
        ChipExperiment.Options o = new ChipExperiment.Options(weights.neurons(), q.taps(), q.trainWindows(),
                q.testWindows(), q.steps(), q.sampling(), q.horizon(), plan.epochs(), plan.chipEpochs(), plan.batch(),
                plan.learningRate(), plan.chipLearningRate(), plan.drivePenalty(), q.calibrationLength(),
                q.calibrationSequences(), q.calibrationHeldOut(), q.calibrationRepeats(), twin, q.quickFit(), seed);
        return new TrainedNetworkFile(weights, devices, twin, o, plan, trainedBy);
    }

    public boolean isDigits() {
        return digits != null;
    }

    /** The forecast's data (for a forecast network). */
    public ForecastTask.Split task() {
        if (isDigits()) {
            throw new IllegalStateException("a digits network has no forecast task");
        }
        return options.task();
    }

    /** The same file's task and settings with other weights (chip-in-the-loop's result). */
    public TrainedNetworkFile withWeights(NetworkWeights w, String by) {
        return new TrainedNetworkFile(w, devices, twin, options, digits, by);
    }

    public void write(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        ChipExperiment.Options o = options;
        m.put("format", FORMAT);
        m.put("trained_by", trainedBy);
        m.put("neurons", weights.neurons());
        m.put("inputs", weights.inputs());
        m.put("recurrent", weights.recurrent());
        m.put("devices", devices);
        m.put("twin", twin.name().toLowerCase(java.util.Locale.ROOT));
        m.put("seed", o.seed());
        if (isDigits()) {
            DigitsExperiment.Plan p = digits;
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", "digits");
            t.put("rows", p.rows());
            t.put("classes", weights.outputs());
            t.put("split_seed", p.splitSeed());
            t.put("train_limit", p.trainLimit());
            t.put("test_limit", p.testLimit());
            m.put("task", t);
            Map<String, Object> tr = new LinkedHashMap<>();
            tr.put("epochs", p.epochs());
            tr.put("batch", p.batch());
            tr.put("learning_rate", p.learningRate());
            tr.put("chip_learning_rate", p.chipLearningRate());
            tr.put("chip_epochs", p.chipEpochs());
            tr.put("drive_penalty", p.drivePenalty());
            tr.put("input_scale", p.inputScale());
            tr.put("ridge", p.ridge());
            m.put("training", tr);
            m.put("layout", "input [neuron][pixel of a row], recurrent [neuron][neuron], bias, readout "
                    + "[class][row][neuron], readout bias [class]");
        } else {
            m.put("task", Map.of("name", "mackey-glass", "train_windows", o.trainWindows(), "test_windows",
                    o.testWindows(), "steps", o.steps(), "taps", o.taps(), "sampling", o.sampling(), "horizon",
                    o.horizon()));
            m.put("training", Map.of("batch", o.batch(), "learning_rate", o.learningRate(), "chip_learning_rate",
                    o.chipLearningRate(), "chip_epochs", o.chipEpochs(), "drive_penalty", o.drivePenalty()));
            m.put("layout", "input [neuron][tap], recurrent [neuron][neuron], bias, readout, readout bias");
        }
        m.put("weights", weights.flat());
        AtomicFile.write(file, out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, m));
    }

    /** Reads a file {@link #write} wrote; a missing or bad field is refused naming the option, file and field. */
    public static TrainedNetworkFile read(Path file, String option) throws IOException {
        if (!Files.exists(file)) {
            throw new RefusedInputException(option + " " + file + ": no such file");
        }
        FileKind content = FileKind.of(file);
        if (content != FileKind.JSON) {
            throw new RefusedInputException(option + " " + file + ": not chip-network weights (it is "
                    + content.description() + "; weights are JSON, written by spinloop demo, train-on-twin or "
                    + "chip-train)");
        }
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new RefusedInputException(option + " " + file + ": not readable JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        Fields f = new Fields(n, option + " " + file);
        if (n == null || !FORMAT.equals(n.path("format").asText())) {
            throw new RefusedInputException(option + " " + file + ": format is not " + FORMAT
                    + ": not chip-network weights (written by spinloop demo or chip-train)");
        }
        int neurons = f.integer(n, "neurons");
        int inputs = f.integer(n, "inputs");
        boolean recurrent = n.path("recurrent").asBoolean(false);
        JsonNode dev = n.get("devices");
        if (dev == null || !dev.isArray() || dev.isEmpty()) {
            throw new RefusedInputException(f.where + ": devices missing or empty");
        }
        List<String> devices = new ArrayList<>();
        dev.forEach(d -> devices.add(d.asText()));
        ChipExperiment.TwinKind kind = ChipExperiment.twinKind(f.text(n, "twin"), f.where + ": twin");
        JsonNode t = n.path("task");
        JsonNode tr = n.path("training");
        JsonNode w = n.get("weights");
        if (w == null || !w.isArray()) {
            throw new RefusedInputException(f.where + ": weights missing or not an array");
        }
        double[] flat = new double[w.size()];
        for (int i = 0; i < flat.length; i++) {
            if (!w.get(i).isNumber() || !Double.isFinite(w.get(i).doubleValue())) {
                throw new RefusedInputException(f.where + ": weights[" + i + "] is not a finite number");
            }
            flat[i] = w.get(i).doubleValue();
        }
        String taskName = f.text(t, "name");
        if (taskName.equals("digits")) {
            return readDigits(n, f, neurons, inputs, recurrent, devices, kind, flat);
        }
        if (!taskName.equals("mackey-glass")) {
            throw new RefusedInputException(f.where + ": task.name: expected mackey-glass or digits, got \""
                    + taskName + "\"");
        }
        requireShape(f, neurons, inputs, 1, 0, flat.length);
        NetworkWeights weights;
        try {
            weights = NetworkWeights.of(neurons, inputs, recurrent, flat);
        } catch (IllegalArgumentException e) {
            throw new RefusedInputException(f.where + ": weights: " + e.getMessage() + " for " + neurons
                    + " neurons and " + inputs + " inputs");
        }
        ChipExperiment.Options base = ChipExperiment.Options.quick(0);
        ChipExperiment.Options o = new ChipExperiment.Options(neurons, f.integer(t, "taps"), f.integer(t,
                "train_windows"), f.integer(t, "test_windows"), f.integer(t, "steps"), f.number(t, "sampling"),
                f.integer(t, "horizon"), 0, f.integer(tr, "chip_epochs"), f.integer(tr, "batch"),
                f.number(tr, "learning_rate"), f.number(tr, "chip_learning_rate"), f.number(tr, "drive_penalty"),
                base.calibrationLength(), base.calibrationSequences(), base.calibrationHeldOut(),
                base.calibrationRepeats(), kind, base.quickFit(), n.path("seed").asLong(1));
        if (o.taps() != inputs) {
            throw new RefusedInputException(f.where + ": task.taps " + o.taps() + " differs from inputs " + inputs);
        }
        requireTask(f, o);
        return new TrainedNetworkFile(weights, devices, kind, o, n.path("trained_by").asText(""));
    }

    private static TrainedNetworkFile readDigits(JsonNode n, Fields f, int neurons, int inputs, boolean recurrent,
                                                 List<String> devices, ChipExperiment.TwinKind kind, double[] flat) {
        JsonNode t = n.path("task");
        JsonNode tr = n.path("training");
        int rows = f.integer(t, "rows");
        int classes = f.integer(t, "classes");
        DigitsExperiment.Plan plan;
        try {
            plan = new DigitsExperiment.Plan(neurons, recurrent, rows, f.count(t, "split_seed"), f.count(t,
                    "train_limit"), f.count(t, "test_limit"), f.count(tr, "epochs"), f.integer(tr, "chip_epochs"),
                    f.integer(tr, "batch"), f.number(tr, "learning_rate"), f.number(tr, "chip_learning_rate"),
                    f.number(tr, "drive_penalty"), f.number(tr, "input_scale"), f.number(tr, "ridge"));
        } catch (IllegalArgumentException e) {
            throw new RefusedInputException(f.where + ": " + e.getMessage());
        }
        if (rows * inputs != io.spinloop.training.data.DigitsDataset.PIXELS) {
            throw new RefusedInputException(f.where + ": task.rows " + rows + " x inputs " + inputs + " is not "
                    + "the 64 pixels of a digit");
        }
        requireShape(f, neurons, inputs, classes, rows, flat.length);
        NetworkWeights weights;
        try {
            weights = NetworkWeights.classifierOf(neurons, inputs, recurrent, classes, rows, flat);
        } catch (IllegalArgumentException e) {
            throw new RefusedInputException(f.where + ": weights: " + e.getMessage() + " for " + neurons
                    + " neurons, " + inputs + " inputs, " + classes + " classes and " + rows + " rows");
        }
        return digits(weights, devices, kind, plan, n.path("seed").asLong(1), n.path("trained_by").asText(""));
    }

    /**
     * Refuses sizes whose weights the file cannot hold before anything of that size is allocated (a damaged
     * "neurons" would otherwise ask for billions of weights): the layout of {@link NetworkWeights}, in long.
     */
    private static void requireShape(Fields f, int neurons, int inputs, int outputs, int readoutSteps, int stored) {
        long need = (long) neurons * inputs + (long) neurons * neurons + neurons
                + (long) outputs * Math.max(1, readoutSteps) * neurons + outputs;
        if (need != stored) {
            throw new RefusedInputException(f.where + ": weights: " + stored + " stored, the shape needs " + need
                    + " (" + neurons + " neurons, " + inputs + " inputs" + (readoutSteps > 0 ? ", " + outputs
                    + " classes, " + readoutSteps + " rows" : "") + ")");
        }
    }

    /** The forecast task is made here, as deploy will make it: its sizes are bounded and its settings checked. */
    private static void requireTask(Fields f, ChipExperiment.Options o) {
        double samples = ((double) o.trainWindows() + o.testWindows()) * o.steps() + o.taps() + o.horizon();
        // Mackey-Glass is integrated in steps of 0.1 time units: the series costs samples x sampling / 0.1 steps.
        if (!(samples * o.sampling() / 0.1 <= MAX_TASK_STEPS)) {
            throw new RefusedInputException(f.where + ": task: " + o.trainWindows() + "+" + o.testWindows()
                    + " windows of " + o.steps() + " steps sampled every " + o.sampling() + " is far larger than any "
                    + "forecast spinloop trains (at most " + (long) MAX_TASK_STEPS + " integration steps)");
        }
        try {
            o.task();
        } catch (IllegalArgumentException e) {
            throw new RefusedInputException(f.where + ": task: " + e.getMessage(), e);
        }
    }

    private static final double MAX_TASK_STEPS = 1e7;

    /** Field readers that name the file and field they refuse. */
    private record Fields(JsonNode root, String where) {
        int integer(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
                throw new RefusedInputException(where + ": " + field + " missing or not a whole number >= 1");
            }
            return v.asInt();
        }

        int count(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
                throw new RefusedInputException(where + ": " + field + " missing or not a whole number >= 0");
            }
            return v.asInt();
        }

        double number(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw new RefusedInputException(where + ": " + field + " missing or not a finite number");
            }
            return v.doubleValue();
        }

        String text(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null || !v.isTextual()) {
                throw new RefusedInputException(where + ": " + field + " missing or not text");
            }
            return v.asText();
        }
    }
}
