package io.spinloop.training.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spinloop.lab.RunStoppedException;
import io.spinloop.measurements.AtomicFile;
import io.spinloop.training.data.DigitsDataset;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.loop.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A training run kept in a directory: {@code config.json} (the {@link TrainingConfig}),
 * {@code metrics.json} (per-epoch train/test loss and accuracy, wall time, final test accuracy, status),
 * {@code weights.h5} (a {@link Checkpoint} after every epoch). Every file is replaced atomically. Started
 * again on the same directory with the same config, the run resumes after the last completed epoch and ends
 * exactly as an uninterrupted run would (the batch order depends only on seed and epoch).
 */
public final class RunDirectory {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.json";
    public static final String WEIGHTS = "weights.h5";
    /** The weights of the epoch chosen on the validation part (runs that hold one out). */
    public static final String SELECTED_WEIGHTS = "weights-selected.h5";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The outcome of {@link #train}. */
    public record Result(TrainingConfig config, List<EpochMetrics> history, int resumedFromEpoch, int synapses,
            int neurons) {
        public double finalTestAccuracy() {
            return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).testAccuracy();
        }

        /**
         * The run's result: the test accuracy of the epoch chosen on the validation part if the run holds one
         * out (early stopping), else that of the last epoch.
         */
        public double reportedTestAccuracy() {
            int e = selectedEpoch(history);
            return e < 0 ? finalTestAccuracy() : history.get(e).testAccuracy();
        }
    }

    /**
     * Index of the epoch with the best validation accuracy (ties: lower validation loss, then the earlier),
     * or -1 if the history has no validation figures.
     */
    public static int selectedEpoch(List<EpochMetrics> history) {
        int best = -1;
        for (int i = 0; i < history.size(); i++) {
            EpochMetrics m = history.get(i);
            if (Double.isNaN(m.validationAccuracy())) {
                continue;
            }
            if (best < 0 || m.validationAccuracy() > history.get(best).validationAccuracy()
                    || (m.validationAccuracy() == history.get(best).validationAccuracy()
                        && m.validationLoss() < history.get(best).validationLoss())) {
                best = i;
            }
        }
        return best;
    }

    /** Train, validation (null if the config holds none out) and test sets of a run. */
    public record Parts(SequenceDataset train, SequenceDataset validation, SequenceDataset test) {
    }

    /**
     * The sets a config asks for: the 50:50 train/test split, and if the config holds out a validation part,
     * that fraction of the training half drawn with {@code splitSeed + 1} (the same draw {@code spinloop tune}
     * validates on). The test half is the same whatever the validation fraction.
     */
    public static Parts parts(TrainingConfig config) {
        return parts(config, DigitsDataset.load());
    }

    /** As {@link #parts(TrainingConfig)}, cut from {@code digits} (all of them, as a study broadcasts them once). */
    public static Parts parts(TrainingConfig config, SequenceDataset digits) {
        SequenceDataset.Split tt = data(config, digits);
        double f = config.regularisation().validation();
        if (f <= 0) {
            return new Parts(tt.train(), null, tt.test());
        }
        SequenceDataset.Split tv = tt.train().split(1 - f, config.splitSeed() + 1);
        return new Parts(tv.train(), tv.test(), tt.test());
    }

    /** The train and test sets a config asks for. */
    public static SequenceDataset.Split data(TrainingConfig config) {
        return data(config, DigitsDataset.load());
    }

    /** As {@link #data(TrainingConfig)}, cut from {@code digits}. */
    public static SequenceDataset.Split data(TrainingConfig config, SequenceDataset digits) {
        SequenceDataset.Split split = digits.split(0.5, config.splitSeed());
        SequenceDataset train = config.trainLimit() > 0 ? split.train().head(config.trainLimit()) : split.train();
        SequenceDataset test = config.testLimit() > 0 ? split.test().head(config.testLimit()) : split.test();
        return new SequenceDataset.Split(train, test);
    }

    /**
     * Trains (or resumes) the run; {@code onEpoch} sees each finished epoch. A run that diverges records
     * status "diverged" with the epoch and parameter in metrics.json and rethrows.
     */
    public Result train(TrainingConfig config, Consumer<EpochMetrics> onEpoch) {
        return train(config, DigitsDataset.load(), onEpoch);
    }

    /** As {@link #train(TrainingConfig, Consumer)}, on {@code digits} (all of them) given by the caller. */
    public Result train(TrainingConfig config, SequenceDataset digits, Consumer<EpochMetrics> onEpoch) {
        String configJson = toJson(config);
        Path configFile = dir.resolve(CONFIG);
        Path weights = dir.resolve(WEIGHTS);
        List<EpochMetrics> history = new ArrayList<>();
        int resumedFrom = 0;
        Parts data = parts(config, digits);
        try (Trainer trainer = new Trainer(config, data.train(), data.validation(), data.test())) {
            if (Files.exists(configFile)) {
                TrainingConfig previous;
                try {
                    previous = readConfig(configFile);
                } catch (IllegalStateException e) {
                    throw new RunDirectoryException(e.getMessage(), e);
                }
                String diff = difference(previous, config);
                if (diff != null) {
                    throw new RunDirectoryException(dir + " holds a run with different settings (" + diff
                            + "); choose another --out directory or the same settings to resume");
                }
                if (Files.exists(weights)) {
                    Checkpoint.Info info;
                    try {
                        info = Checkpoint.info(weights);
                        Checkpoint.restore(weights, trainer.network().parameters(), trainer.optimizer());
                    } catch (IllegalStateException e) {
                        // A checkpoint that cannot be resumed from: refused as the directory's, nothing is written.
                        throw new RunDirectoryException(e.getMessage(), e);
                    }
                    history.addAll(info.history());
                    trainer.resumeAt(info.epochsDone());
                    resumedFrom = info.epochsDone();
                }
            }
            // Created only once the network is built and the settings agree: a run that cannot start (too big
            // for memory, a different run in the way) leaves no empty directory behind.
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create run directory " + dir, e);
            }
            writeAtomically(configFile, configJson);
            while (trainer.epochsDone() < config.epochs()) {
                EpochMetrics m;
                try {
                    m = trainer.runEpoch();
                } catch (TrainingDivergedException e) {
                    writeMetrics(config, history, "diverged", e, trainer, data);
                    throw e;
                } catch (RunStoppedException e) {
                    // stopped on request inside an epoch: weights.h5 keeps the last finished one, a run again resumes
                    writeMetrics(config, history, "interrupted", null, trainer, data);
                    throw e;
                }
                history.add(m);
                Checkpoint.write(weights, trainer.network().parameters(), trainer.optimizer(), trainer.epochsDone(),
                        configJson, history);
                if (selectedEpoch(history) == history.size() - 1) {
                    Checkpoint.write(dir.resolve(SELECTED_WEIGHTS), trainer.network().parameters(), trainer.optimizer(),
                            trainer.epochsDone(), configJson, history);
                }
                writeMetrics(config, history, trainer.epochsDone() < config.epochs() ? "running" : "finished", null,
                        trainer, data);
                onEpoch.accept(m);
            }
            if (history.size() >= config.epochs()) {
                writeMetrics(config, history, "finished", null, trainer, data);
            }
            return new Result(config, List.copyOf(history), resumedFrom, trainer.network().synapseCount(),
                    trainer.network().neuronCount());
        }
    }

    private void writeMetrics(TrainingConfig config, List<EpochMetrics> history, String status,
            TrainingDivergedException diverged, Trainer trainer, Parts data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("model", config.model().name().toLowerCase());
        m.put("neuron", trainer.network().neuron().describe());
        m.put("neurons", trainer.network().neuronCount());
        m.put("synapses", trainer.network().synapseCount());
        m.put("train_images", data.train().size());
        m.put("epochs_done", history.size());
        m.put("final_test_accuracy", history.isEmpty() ? null : history.get(history.size() - 1).testAccuracy());
        m.put("best_test_accuracy", history.stream().mapToDouble(EpochMetrics::testAccuracy).max().orElse(Double.NaN));
        int selected = selectedEpoch(history);
        if (selected >= 0) {
            // Early stopping: the epoch is chosen on the validation part, never on the test set.
            m.put("validation_images", data.validation().size());
            m.put("selected_epoch", history.get(selected).epoch());
            m.put("selected_validation_accuracy", history.get(selected).validationAccuracy());
            m.put("selected_test_accuracy", history.get(selected).testAccuracy());
        }
        double[] secs = history.stream().mapToDouble(EpochMetrics::seconds).sorted().toArray();
        m.put("median_epoch_seconds", secs.length == 0 ? null : secs[secs.length / 2]);
        m.put("peak_heap_bytes", PeakHeap.bytes());
        if (diverged != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("epoch", diverged.epoch());
            d.put("where", diverged.where());
            d.put("message", diverged.getMessage());
            m.put("diverged", d);
        }
        m.put("epochs", history);
        writeAtomically(dir.resolve(METRICS), toJson(m));
    }

    /** {@code o} as the JSON the run files hold (a trial's weights carry its config this way). */
    public static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrainingConfig readConfig(Path file) {
        try {
            return JSON.readValue(file.toFile(), TrainingConfig.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static List<EpochMetrics> parseHistory(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<EpochMetrics>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("cannot parse the epoch history of a checkpoint: " + e.getMessage(), e);
        }
    }

    /** Reads metrics.json's epoch list (for plots and studies). */
    public static List<EpochMetrics> readHistory(Path dir) {
        try {
            Map<String, Object> m = JSON.readValue(dir.resolve(METRICS).toFile(), new TypeReference<Map<String, Object>>() { });
            return JSON.convertValue(m.get("epochs"), new TypeReference<List<EpochMetrics>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dir.resolve(METRICS) + ": " + e.getMessage(), e);
        }
    }

    /** The first setting that differs (epochs may grow: a finished run can be extended), or null. */
    static String difference(TrainingConfig a, TrainingConfig b) {
        Map<String, Object> ma = JSON.convertValue(a, new TypeReference<Map<String, Object>>() { });
        Map<String, Object> mb = JSON.convertValue(b, new TypeReference<Map<String, Object>>() { });
        for (String k : ma.keySet()) {
            if (k.equals("epochs")) {
                continue;
            }
            if (!java.util.Objects.equals(ma.get(k), mb.get(k))) {
                return k + " was " + ma.get(k) + ", now " + mb.get(k);
            }
        }
        return null;
    }

    static void writeAtomically(Path file, String text) {
        try {
            AtomicFile.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
