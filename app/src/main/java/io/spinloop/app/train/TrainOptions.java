package io.spinloop.app.train;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.config.Limits;
import io.spinloop.training.network.NetworkConfig;
import io.spinloop.training.neuron.Integrator;
import io.spinloop.training.run.ModelKind;
import io.spinloop.training.run.Regularisation;
import io.spinloop.training.run.TrainingConfig;
import picocli.CommandLine.Option;

/**
 * The options that define a training run of seed 000's multilayer network, shared by {@code train}, {@code tune} and
 * the studies (a picocli mixin). Unset options take the model's defaults from {@link TrainingConfig#defaults}; the
 * help states them (a test holds the two together). The task and the neurons are chosen apart: by {@code train
 * --model}, which has more networks than this one, and by {@link MultilayerModelOptions} in tune and the studies.
 */
public final class TrainOptions {
    @Option(names = "--epochs", description = "Epochs (default: 200).")
    Integer epochs;

    @Option(names = "--seed", description = "Seed of masks, initial weights and batch order (default: 0).")
    Long seed;

    @Option(names = "--split-seed", description = "Seed of the 50:50 train/test split (default: 0).")
    Long splitSeed;

    @Option(names = "--dt", description = "Input interval between pixels, ns (default: 1).")
    Double dt;

    @Option(names = "--tau", description = "Neuron relaxation time tau = 1/gamma, ns (default: spintronic 4.205, ctrnn 5.173).")
    Double tau;

    @Option(names = "--lr0", description = "Initial Adam learning rate (default: spintronic 0.0213, ctrnn 0.05166).")
    Double lr0;

    @Option(names = "--decay", description = "Learning-rate decay: lr = lr0/(epoch/decay + 1) (default: spintronic 37.57, ctrnn 128.9).")
    Double decay;

    @Option(names = "--density-inter", description = "Interlayer connection density in (0,1] (default: 0.5).")
    Double densityInter;

    @Option(names = "--density-intra", description = "Intralayer connection density in (0,1] (default: 0.5).")
    Double densityIntra;

    @Option(names = {"--S", "--amplification"}, description = "Amplification S of every synaptic drive (default: spintronic 0.8991, ctrnn 0.2529).")
    Double amplification;

    @Option(names = "--init-scale", description = "Initial weights uniform in +-scale/sqrt(fan-in) (default: spintronic 0.636, ctrnn 0.4463).")
    Double initScale;

    @Option(names = "--layers", description = "Layers (default: 3).")
    Integer layers;

    @Option(names = "--neurons", description = "Neurons per layer (default: 32).")
    Integer neurons;

    @Option(names = "--batch", description = "Batch size (default: 120).")
    Integer batch;

    @Option(names = "--integrator", description = "exact or rk4 (default: exact).")
    Integrator integrator;

    @Option(names = "--substeps", description = "Integration sub-steps per input interval (rk4; default: 1).")
    Integer substeps;

    @Option(names = "--threads", description = "Worker threads (default: 2). Same seed and threads give the same result.")
    Integer threads;

    @Option(names = "--train-limit", description = "Use only the first n training images (0 = all; default: 0).")
    Integer trainLimit;

    @Option(names = "--test-limit", description = "Use only the first n test images (0 = all; default: 0).")
    Integer testLimit;

    @Option(names = "--weight-decay", description = "Decoupled (AdamW) weight decay of the weight matrices (default: 0).")
    Double weightDecay;

    @Option(names = "--input-noise", description = "Std of Gaussian noise added to training pixels in [0,1] (default: spintronic 0.1087, ctrnn 0.09778).")
    Double inputNoise;

    @Option(names = "--validation", description = "Fraction of the training set held out to choose the epoch kept (early stopping; default: 0, none).")
    Double validation;

    @Option(names = "--precision", paramLabel = "P", converter = io.spinloop.app.cli.KernelPrecisionConverter.class,
            description = "Arithmetic of the network's layers over a sequence: float64 or float32 (twice the "
                    + "vector lanes; README \"Training speed\"; default: float64).")
    io.spinloop.twin.model.KernelPrecision precision;

    /** Steps of a digits sequence (8x8 pixels, one per step): the depth of the unrolled network. */
    private static final int DIGITS_STEPS = 64;

    /**
     * The config these options describe for {@code task} and {@code model}, refused before anything is touched when
     * a value is outside its domain (an {@link io.spinloop.training.run.InvalidOptionException} naming the option) or
     * beyond the budgets of {@link Limits} (epochs, threads, memory for one network).
     */
    TrainingConfig toConfig(String task, ModelKind model) {
        return toConfig(task, model, 1, null);
    }

    /**
     * As {@link #toConfig(String, ModelKind)} for {@code runsAtOnce} runs trained at the same time;
     * {@code parallelOption} names the option that sets that number (null for one run).
     */
    TrainingConfig toConfig(String task, ModelKind model, int runsAtOnce, String parallelOption) {
        if (epochs != null) {
            OptionChecks.epochs("--epochs", epochs);
        }
        if (threads != null) {
            OptionChecks.threads("--threads", threads);
        }
        if (substeps != null) {
            OptionChecks.between("--substeps", substeps, 1, Limits.MAX_SUBSTEPS);
        }
        TrainingConfig c = build(task, model);
        checkSize(c, runsAtOnce, parallelOption);
        return c;
    }

    /**
     * Refuses a network Java cannot hold or the JVM's memory cannot: every weight about eight times (value, mask,
     * gradient, Adam's moments, sparse indices, the draws that build it) plus a gradient per thread, and the
     * unrolled states of a batch (output, Jacobians and gradients of every neuron at every step).
     */
    void checkSize(TrainingConfig c, int runsAtOnce, String parallelOption) {
        NetworkConfig n = c.networkConfig();
        long weights = n.weightCount();
        StringBuilder what = new StringBuilder();
        if (neurons != null) {
            what.append(OptionChecks.given("--neurons", neurons)).append(' ');
        }
        if (layers != null) {
            what.append(OptionChecks.given("--layers", layers)).append(' ');
        }
        if (batch != null) {
            what.append(OptionChecks.given("--batch", batch)).append(' ');
        }
        if (parallelOption != null && runsAtOnce > 1) {
            what.append(OptionChecks.given(parallelOption, runsAtOnce)).append(' ');
        }
        what.append("(").append(c.layers()).append(" x ").append(c.neurons()).append(" neurons, ")
                .append(Limits.count(weights)).append(" weights)");
        String array = Limits.arrayLength(n.largestMatrix(), "its largest weight matrix");
        if (array != null) {
            OptionChecks.budget(what + ":", array);
        }
        long perRun = Limits.saturatedSum(Limits.saturatedProduct(weights, 68L + 8L * c.threads()),
                Limits.saturatedProduct(c.batchSize(), DIGITS_STEPS, c.layers(), c.neurons(), 48));
        OptionChecks.memory(what.toString(), Limits.saturatedProduct(perRun, runsAtOnce));
    }

    private TrainingConfig build(String task, ModelKind model) {
        TrainingConfig d = TrainingConfig.defaults(model == null ? ModelKind.SPINTRONIC : model);
        return new TrainingConfig(task, model, or(epochs, d.epochs()), or(seed, d.seed()),
                or(splitSeed, d.splitSeed()), or(dt, d.dtNs()), or(tau, d.tauNs()), or(lr0, d.lr0()),
                or(decay, d.decay()), or(densityInter, d.densityInter()), or(densityIntra, d.densityIntra()),
                or(amplification, d.amplification()), or(initScale, d.initScale()), or(layers, d.layers()),
                or(neurons, d.neurons()), or(batch, d.batchSize()), d.clip(), or(integrator, d.integrator()),
                or(substeps, d.substeps()), d.fCutMHz(), or(threads, d.threads()), or(trainLimit, d.trainLimit()),
                or(testLimit, d.testLimit()), new Regularisation(
                        or(weightDecay, d.regularisation().weightDecay()),
                        or(inputNoise, d.regularisation().inputNoise()),
                        or(validation, d.regularisation().validation())), or(precision, d.precision()));
    }

    private static <T> T or(T v, T d) {
        return v != null ? v : d;
    }
}
