package io.spinloop.training.tune;

import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.engine.LocalEngine;
import io.spinloop.training.engine.StudyEngine;
import io.spinloop.training.engine.TaskQueue;
import io.spinloop.training.run.InvalidOptionException;
import io.spinloop.training.run.Regularisation;
import io.spinloop.training.run.RunDirectory;
import io.spinloop.training.run.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A hyper-parameter search: trials sampled by {@link TpeSampler}, trained in parallel (one task each, on a
 * {@link StudyEngine}),
 * judged on a validation part of the training set (the test set stays untouched for the final figures),
 * stopped early by a {@link MedianPruner}. Searchable names: tau, lr0, decay, S, init_scale, and the
 * regularisers input_noise and weight_decay.
 */
public final class TuningStudy {
    public static final List<String> NAMES = List.of("tau", "lr0", "decay", "S", "init_scale", "input_noise",
            "weight_decay");

    private final TrainingConfig base;
    private final TpeSampler sampler;
    private final MedianPruner pruner;
    private final int trials;
    private final int parallel;
    private final double validationFraction;
    private final List<Trial> all = Collections.synchronizedList(new ArrayList<>());
    private final Object lock = new Object();
    private final Map<String, Trial> running = new HashMap<>();
    private final Set<String> stopped = new HashSet<>();

    public TuningStudy(TrainingConfig base, TpeSampler sampler, MedianPruner pruner, int trials, int parallel,
            double validationFraction) {
        for (Dimension d : sampler.space()) {
            if (!NAMES.contains(d.name())) {
                throw new IllegalArgumentException("cannot search '" + d.name() + "'; searchable: " + NAMES);
            }
        }
        if (trials < 1 || parallel < 1) {
            throw new IllegalArgumentException("trials and parallel must be at least 1");
        }
        this.base = base;
        this.sampler = sampler;
        this.pruner = pruner;
        this.trials = trials;
        this.parallel = parallel;
        this.validationFraction = validationFraction;
    }

    /** The search space of the issue: τ, lr0, decay, S, initial weight scale, over wide log ranges. */
    public static List<Dimension> defaultSpace() {
        return List.of(new Dimension("tau", 1.0, 60.0, true), new Dimension("lr0", 1e-3, 0.3, true),
                new Dimension("decay", 1.0, 50.0, true), new Dimension("S", 0.01, 2.0, true),
                new Dimension("init_scale", 0.1, 10.0, true));
    }

    /** {@code base} with the searched values put in. */
    public static TrainingConfig apply(TrainingConfig base, Map<String, Double> p) {
        Regularisation r = base.regularisation();
        return base.withRegularisation(new Regularisation(p.getOrDefault("weight_decay", r.weightDecay()),
                p.getOrDefault("input_noise", r.inputNoise()), r.validation())).withHyper(p.getOrDefault("tau", base.tauNs()), p.getOrDefault("lr0", base.lr0()),
                p.getOrDefault("decay", base.decay()), p.getOrDefault("S", base.amplification()),
                p.getOrDefault("init_scale", base.initScale()));
    }

    /** Runs all trials in this process, none kept on disk; {@code onTrialEnd} sees each as it ends. */
    public List<Trial> run(Consumer<Trial> onTrialEnd) {
        return run(new LocalEngine(), null, null, onTrialEnd);
    }

    /**
     * The results file of this search at {@code path}: the trials already in it are read back by {@link #run}
     * and not run again.
     */
    public TrialsFile results(Path path) {
        return TrialsFile.open(path, sampler.space(), settings());
    }

    /**
     * Runs the trials on {@code engine}, ask/tell: the driver (this thread) asks the sampler for trial n as soon as
     * fewer than {@code parallel} trials are in flight, each trial runs as one task, its per-epoch validation
     * accuracy comes back while it runs and the pruner decides here whether it goes on; a pruned trial's task is told
     * stop and ends after that epoch. Each ended trial is told to the sampler, written to {@code file} (if not null;
     * its trials are read back first and not run again) and passed to {@code onTrialEnd}. With {@code weightsDir},
     * each trial's weights go to {@code weightsDir/trial-<n>.h5}.
     *
     * <p>What is deterministic: trial n's proposal depends only on the seed, n and the trials ended when it was
     * asked, and its training only on its parameters and where it was pruned. At {@code parallel} 1 the whole
     * search is the same on every engine and after a resume; with more in flight, the startup trials (random) are
     * the same, later ones depend on which trials had ended when they were asked.
     */
    public List<Trial> run(StudyEngine engine, TrialsFile file, String weightsDir, Consumer<Trial> onTrialEnd) {
        SequenceDataset train = RunDirectory.data(base).train();
        SequenceDataset.Split tv = train.split(1 - validationFraction, base.splitSeed() + 1);
        Set<Integer> ended = new HashSet<>();
        if (file != null) {
            for (Trial t : file.trials(trials)) {
                all.add(t);
                ended.add(t.number());
            }
        }
        try (TaskQueue<TrialData, TrialOutcome> queue = engine.queue(new TrialData(tv.train(), tv.test()), this::heard)) {
            int next = 0;
            while (true) {
                while (queue.inFlight() < parallel && next < trials) {
                    int n = next++;
                    if (ended.contains(n)) {
                        continue;
                    }
                    Trial trial = new Trial(n, sampler.sample(snapshot(), n));
                    all.add(trial);
                    TrainingConfig c;
                    try {
                        c = apply(base, trial.params()).withThreads(1);
                    } catch (IllegalArgumentException | InvalidOptionException e) {
                        trial.finish(Trial.State.FAILED, Double.NaN, e.getMessage());
                        tell(trial, file, onTrialEnd);
                        continue;
                    }
                    running.put(TrialsFile.key(n), trial);
                    queue.submit(new TrialTask(TrialsFile.key(n), c, weightsDir));
                }
                if (queue.inFlight() == 0) {
                    break;
                }
                TaskQueue.Finished<TrialOutcome> f = queue.take();
                Trial trial;
                boolean pruned;
                synchronized (lock) {
                    trial = running.remove(f.key());
                    pruned = stopped.remove(f.key());
                }
                TrialOutcome o = f.result();
                trial.taskEpochs(o.epochsRun());
                List<Double> heard = trial.intermediate();
                double last = heard.isEmpty() ? Double.NaN : heard.get(heard.size() - 1);
                if (o.failure() != null) {
                    trial.finish(Trial.State.FAILED, Double.NaN, o.failure());
                } else if (pruned) {
                    trial.finish(Trial.State.PRUNED, last, "pruned after epoch " + heard.size());
                } else {
                    trial.finish(Trial.State.COMPLETE, last, null);
                }
                tell(trial, file, onTrialEnd);
            }
        }
        return snapshot();
    }

    private void tell(Trial trial, TrialsFile file, Consumer<Trial> onTrialEnd) {
        if (file != null) {
            file.add(trial);
        }
        onTrialEnd.accept(trial);
    }

    /**
     * A running trial's report, heard on the driver: recorded, and judged by the pruner against the other trials.
     * A step heard already (a task the engine re-ran after a failure) is not recorded twice.
     */
    private boolean heard(String key, int epoch, double value) {
        synchronized (lock) {
            Trial t = running.get(key);
            if (t == null || stopped.contains(key)) {
                return false;
            }
            if (epoch < t.intermediate().size()) {
                return true;
            }
            t.report(value);
            if (epoch < base.epochs() - 1 && pruner.shouldPrune(t, epoch, snapshot())) {
                stopped.add(key);
                return false;
            }
            return true;
        }
    }

    /** What makes two searches the same one (a results file of another is refused). */
    private String settings() {
        String all = base + "|" + sampler + "|" + pruner + "|" + validationFraction;
        return Integer.toHexString(all.hashCode());
    }

    private List<Trial> snapshot() {
        synchronized (all) {
            return new ArrayList<>(all);
        }
    }
}
