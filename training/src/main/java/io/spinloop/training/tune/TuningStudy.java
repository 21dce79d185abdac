package io.spinloop.training.tune;

import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.run.EpochMetrics;
import io.spinloop.training.run.InvalidOptionException;
import io.spinloop.training.run.Regularisation;
import io.spinloop.training.run.RunDirectory;
import io.spinloop.training.run.Trainer;
import io.spinloop.training.run.TrainingConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A hyper-parameter search: trials sampled by {@link TpeSampler}, trained in parallel (one thread each),
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

    /** Runs all trials; {@code onTrialEnd} sees each as it finishes (from worker threads, one at a time). */
    public List<Trial> run(Consumer<Trial> onTrialEnd) {
        SequenceDataset train = RunDirectory.data(base).train();
        SequenceDataset.Split tv = train.split(1 - validationFraction, base.splitSeed() + 1);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "spinloop-tune");
            t.setDaemon(true);
            return t;
        });
        Object report = new Object();
        for (int w = 0; w < parallel; w++) {
            pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < trials) {
                    Trial trial = new Trial(n, sampler.sample(snapshot()));
                    all.add(trial);
                    runTrial(trial, tv);
                    synchronized (report) {
                        onTrialEnd.accept(trial);
                    }
                }
            });
        }
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // wait for the trials
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return snapshot();
    }

    private List<Trial> snapshot() {
        synchronized (all) {
            return new ArrayList<>(all);
        }
    }

    private void runTrial(Trial trial, SequenceDataset.Split tv) {
        TrainingConfig c;
        try {
            c = apply(base, trial.params()).withThreads(1);
        } catch (IllegalArgumentException | InvalidOptionException e) {
            trial.finish(Trial.State.FAILED, Double.NaN, e.getMessage());
            return;
        }
        try (Trainer t = new Trainer(c, tv.train(), tv.test())) {
            for (int e = 0; e < c.epochs(); e++) {
                EpochMetrics m = t.runEpoch();
                trial.report(m.testAccuracy());
                if (e < c.epochs() - 1 && pruner.shouldPrune(trial, e, snapshot())) {
                    trial.finish(Trial.State.PRUNED, m.testAccuracy(), "pruned after epoch " + (e + 1));
                    return;
                }
            }
            trial.finish(Trial.State.COMPLETE, trial.value(), null);
        } catch (RuntimeException e) {
            trial.finish(Trial.State.FAILED, Double.NaN, e.getMessage());
        }
    }
}
