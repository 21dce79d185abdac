package io.spinloop.training.run;

import io.spinloop.autodiff.Adam;
import io.spinloop.autodiff.LearningRateSchedule;
import io.spinloop.autodiff.LossOps;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.data.InputNoise;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.loop.EpochTotals;
import io.spinloop.training.loop.ExampleOrder;
import io.spinloop.training.loop.TrainingDivergedException;
import io.spinloop.training.loop.TrainingLoop;
import io.spinloop.training.network.MultilayerNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Off-chip BPTT of a {@link MultilayerNetwork} in the {@link TrainingLoop}: Adam with the seed's learning-rate
 * decay, per-element gradient clipping, mini-batches in an order drawn from (seed, epoch). Each batch is split into
 * {@code threads} contiguous shards that run forward and backward on their own tapes in parallel, the last on the
 * calling thread and the others on {@link ShardWorkers} (spinning hand-offs, not a pool's parked threads); their
 * gradients are summed in shard order, so a run is reproducible
 * for a given thread count. Each shard adds its own examples' input noise ({@link InputNoise}).
 */
public final class Trainer implements AutoCloseable {
    private final TrainingConfig config;
    private final SequenceDataset train;
    private final SequenceDataset test;
    private final SequenceDataset validation;
    private final MultilayerNetwork network;
    private final Adam adam = new Adam();
    private final LearningRateSchedule schedule;
    /** Run every shard but the last; null with one thread. */
    private final ShardWorkers workers;
    private final InputNoise noise;
    private final Tape[] tapes;
    private final TrainingLoop<EpochMetrics> loop;
    private int epochsDone;
    private boolean evaluateAfterEpoch = true;

    public Trainer(TrainingConfig config, SequenceDataset train, SequenceDataset test) {
        this(config, train, null, test);
    }

    /** A trainer that also evaluates {@code validation} (held out of the training set; may be null) each epoch. */
    public Trainer(TrainingConfig config, SequenceDataset train, SequenceDataset validation, SequenceDataset test) {
        this.config = config;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.network = new MultilayerNetwork(config.networkConfig(), config.neuronModel(), config.seed(),
                config.precision());
        this.schedule = LearningRateSchedule.inverseTime(config.lr0(), config.decay());
        int threads = config.threads();
        this.workers = threads == 1 ? null : new ShardWorkers(threads - 1, "spinloop-train");
        double sigma = config.regularisation().inputNoise();
        this.noise = sigma > 0 ? new InputNoise(sigma, config.seed()) : null;
        this.loop = new TrainingLoop<>(new Task(), config.batchSize(),
                ExampleOrder.perEpoch(epoch -> epochRandom(config.seed(), epoch)), schedule);
        this.tapes = new Tape[threads];
        for (int i = 0; i < threads; i++) {
            tapes[i] = new Tape();
        }
    }

    public MultilayerNetwork network() {
        return network;
    }

    public Adam optimizer() {
        return adam;
    }

    public TrainingConfig config() {
        return config;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** Sets the epoch counter after a checkpoint's weights and optimizer state have been restored. */
    public void resumeAt(int epochsDone) {
        this.epochsDone = epochsDone;
    }

    /** The batch order of an epoch depends only on (seed, epoch), so a resumed run replays it exactly. */
    static Random epochRandom(long seed, int epoch) {
        return new Random(seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 1);
    }

    /** Trains one epoch and evaluates on the test set. */
    public EpochMetrics runEpoch() {
        return runEpoch(true);
    }

    /**
     * Trains one epoch; evaluates on the test set if {@code evaluate} (else the test figures are NaN and
     * {@code seconds} is the training time alone, which is what the speed benchmark measures).
     */
    public EpochMetrics runEpoch(boolean evaluate) {
        this.evaluateAfterEpoch = evaluate;
        EpochMetrics m = loop.epoch(epochsDone, null);
        epochsDone++;
        return m;
    }

    /** This network's part of the {@link TrainingLoop}: sharded BPTT on a tape per thread, Adam. */
    private final class Task implements TrainingLoop.Task<EpochMetrics> {
        private SequenceDataset order;
        private int[] perm;
        private long start;

        @Override
        public int examples() {
            return train.size();
        }

        @Override
        public void beginEpoch(int epoch, int[] perm) {
            start = System.nanoTime();
            this.order = train.select(perm);
            this.perm = perm;
        }

        @Override
        public void trainBatch(TrainingLoop.Batch batch, EpochTotals totals) {
            Parameters params = network.parameters();
            Shard[] shards = runShards(order, batch.from(), batch.size(), new Noise(batch.epoch(), perm));
            params.zeroGrad();
            for (Shard s : shards) {
                params.accumulate(s.tape);
                totals.addLoss(s.lossSum);
                totals.addCorrect(s.correct);
            }
            int epoch = batch.epoch();
            int bi = batch.index();
            params.firstNonFiniteGradient().ifPresent(where -> {
                throw new TrainingDivergedException(epoch, bi, "non-finite gradient at", where);
            });
            params.clipElementwise(config.clip());
            Regularisation reg = config.regularisation();
            if (reg.weightDecay() > 0) {
                decayWeights(params, batch.learningRate() * reg.weightDecay());
            }
            adam.step(params, batch.learningRate());
            params.firstNonFiniteValue().ifPresent(where -> {
                throw new TrainingDivergedException(epoch, bi, "non-finite weight at", where);
            });
        }

        @Override
        public EpochMetrics endEpoch(int epoch, EpochTotals totals) {
            boolean evaluate = evaluateAfterEpoch;
            Evaluation ev = evaluate ? evaluate(test) : new Evaluation(Double.NaN, Double.NaN);
            Evaluation val = evaluate && validation != null ? evaluate(validation)
                    : new Evaluation(Double.NaN, Double.NaN);
            double seconds = (System.nanoTime() - start) / 1e9;
            int n = order.size();
            return new EpochMetrics(epoch, schedule.at(epoch), totals.lossSum() / n, (double) totals.correct() / n,
                    ev.loss(), ev.accuracy(), seconds, val.loss(), val.accuracy());
        }
    }

    /**
     * Decoupled weight decay (Loshchilov and Hutter's AdamW): shrinks the weight matrices, not the biases (the
     * parameters made {@link io.spinloop.autodiff.Parameter#undecayed}), apart
     * from the gradient step, so the decay is not rescaled by Adam's per-element normalisation.
     */
    private static void decayWeights(Parameters params, double factor) {
        for (io.spinloop.autodiff.Parameter p : params.list()) {
            if (p.decays()) {
                double[] w = p.value().data();
                for (int i = 0; i < w.length; i++) {
                    w[i] -= factor * w[i];
                }
            }
        }
    }

    /** Mean loss and accuracy on a data set, forward only. */
    public Evaluation evaluate(SequenceDataset data) {
        double lossSum = 0;
        int correct = 0;
        int b = config.batchSize();
        for (int first = 0; first < data.size(); first += b) {
            int size = Math.min(b, data.size() - first);
            for (Shard s : runShards(data, first, size, null)) {
                lossSum += s.lossSum;
                correct += s.correct;
            }
        }
        return new Evaluation(lossSum / data.size(), (double) correct / data.size());
    }

    /** Mean loss and fraction of correctly classified sequences. */
    public record Evaluation(double loss, double accuracy) {
    }

    private static final class Shard {
        Tape tape;
        double lossSum;
        int correct;
    }

    /** A training batch's noise: the epoch and its order (position -> training-set index). */
    private record Noise(int epoch, int[] examples) {
    }

    /**
     * Forward (and, for a training batch, {@code train != null}, backward) over rows {@code first .. first + size} of
     * {@code data} in shards; the last shard runs on this thread while the workers run the others.
     */
    private Shard[] runShards(SequenceDataset data, int first, int size, Noise train) {
        int threads = Math.min(tapes.length, size);
        List<ShardWorkers.Job<Shard>> jobs = new ArrayList<>(threads - 1);
        for (int k = 0; k < threads - 1; k++) {
            int lo = first + size * k / threads;
            int hi = first + size * (k + 1) / threads;
            Tape tape = tapes[k];
            jobs.add(workers.submit(k, () -> shard(tape, data, lo, hi - lo, size, train)));
        }
        Shard[] out = new Shard[threads];
        RuntimeException failed = null;
        try {
            int lo = first + size * (threads - 1) / threads;
            out[threads - 1] = shard(tapes[threads - 1], data, lo, first + size - lo, size, train);
        } catch (RuntimeException e) {
            failed = e; // the workers' shards still use their tapes: wait for them before the caller may reuse them
        }
        for (int k = 0; k < threads - 1; k++) {
            try {
                out[k] = jobs.get(k).await();
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return out;
    }

    private Shard shard(Tape tape, SequenceDataset data, int first, int n, int batch, Noise train) {
        tape.reset();
        boolean backward = train != null;
        double[][] rows = data.sequences();
        int from = first;
        if (backward && noise != null) {
            rows = noise.addToRows(rows, first, n, train.epoch(), train.examples());
            from = 0;
        }
        Tensor logits = network.logits(tape, rows, from, n);
        int[] labels = java.util.Arrays.copyOfRange(data.labels(), first, first + n);
        Tensor loss = LossOps.softmaxCrossEntropy(tape, logits, labels);
        Shard s = new Shard();
        s.tape = tape;
        s.lossSum = loss.item() * n;
        int[] pred = LossOps.argmax(logits);
        for (int i = 0; i < n; i++) {
            if (pred[i] == labels[i]) {
                s.correct++;
            }
        }
        if (backward) {
            // The batch loss is the mean over all shards: weight this shard's mean by its share.
            Tensor weighted = io.spinloop.autodiff.ElementwiseOps.scale(tape, loss, (double) n / batch);
            tape.backward(weighted);
        }
        return s;
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
    }
}
