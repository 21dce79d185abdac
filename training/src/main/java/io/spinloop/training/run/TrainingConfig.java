package io.spinloop.training.run;

import io.spinloop.training.network.NetworkConfig;
import io.spinloop.training.neuron.CtrnnNeuron;
import io.spinloop.training.neuron.Integrator;
import io.spinloop.training.neuron.NeuronModel;
import io.spinloop.training.neuron.OscillatorNeuron;
import io.spinloop.twin.model.KernelPrecision;
import java.util.Set;

/**
 * Everything that determines a training run; written to {@code config.json} of the run directory. Two
 * runs with equal configs (including {@code threads}) give identical results.
 *
 * @param task          the data set; only "digits" (sequential 8x8 digits) so far
 * @param model         spintronic or CTRNN neurons
 * @param epochs        passes over the training set
 * @param seed          draws masks, initial weights and the batch order
 * @param splitSeed     draws the 50:50 train/test split (kept fixed across seeds, as in the seed paper)
 * @param dtNs          input interval Δt, ns
 * @param tauNs         neuron relaxation time τ = 1/γ, ns
 * @param lr0           initial Adam learning rate
 * @param decay         learning-rate decay: lr = lr0 / (epoch / decay + 1)
 * @param densityInter  interlayer connection density
 * @param densityIntra  intralayer connection density
 * @param amplification S
 * @param initScale     initial weights uniform in ±initScale/√fan-in
 * @param layers        L
 * @param neurons       N per layer
 * @param batchSize     images per gradient step
 * @param clip          per-element gradient clip
 * @param integrator    exact or rk4
 * @param substeps      integration sub-steps per input interval (rk4)
 * @param fCutMHz       high-pass cut frequency, MHz
 * @param threads       worker threads (each batch is split into this many shards)
 * @param trainLimit    use only the first n training images (0 = all); for quick runs and tests
 * @param testLimit     use only the first n test images (0 = all)
 * @param regularisation weight decay, input noise and a validation part for early stopping (none by default;
 *                      a config.json written before these existed reads as none)
 * @param precision     the arithmetic of the network's layers over a sequence, float64 (the default) or float32
 *                      (issue 17; README "Training speed"); a config.json written before it existed reads as float64
 */
public record TrainingConfig(String task, ModelKind model, int epochs, long seed, long splitSeed, double dtNs,
        double tauNs, double lr0, double decay, double densityInter, double densityIntra, double amplification,
        double initScale, int layers, int neurons, int batchSize, double clip, Integrator integrator, int substeps,
        double fCutMHz, int threads, int trainLimit, int testLimit, Regularisation regularisation,
        KernelPrecision precision)
        implements java.io.Serializable {

    public static final Set<String> TASKS = Set.of("digits");

    @com.fasterxml.jackson.annotation.JsonCreator
    public TrainingConfig {
        if (task == null || !TASKS.contains(task)) {
            throw new InvalidOptionException("--task", String.valueOf(task), "unknown task; known tasks: " + TASKS);
        }
        if (model == null) {
            throw new InvalidOptionException("--model", "null", "a model is required (spintronic or ctrnn)");
        }
        positive("--epochs", epochs);
        positive("--dt", dtNs);
        positive("--tau", tauNs);
        positive("--lr0", lr0);
        positive("--decay", decay);
        density("--density-inter", densityInter);
        density("--density-intra", densityIntra);
        positive("--S", amplification);
        positive("--init-scale", initScale);
        positive("--layers", layers);
        positive("--neurons", neurons);
        positive("--batch", batchSize);
        positive("--clip", clip);
        if (integrator == null) {
            throw new InvalidOptionException("--integrator", "null", "an integrator is required (exact or rk4)");
        }
        positive("--substeps", substeps);
        if (!(fCutMHz >= 0) || !Double.isFinite(fCutMHz)) {
            throw new InvalidOptionException("--f-cut", String.valueOf(fCutMHz), "must be a number >= 0 (MHz)");
        }
        positive("--threads", threads);
        if (trainLimit < 0) {
            throw new InvalidOptionException("--train-limit", String.valueOf(trainLimit), "must be >= 0");
        }
        if (testLimit < 0) {
            throw new InvalidOptionException("--test-limit", String.valueOf(testLimit), "must be >= 0");
        }
        if (regularisation == null) {
            regularisation = Regularisation.NONE;
        }
        if (precision == null) {
            precision = KernelPrecision.FLOAT64;
        }
    }

    /** The config in double precision, as runs were before the float32 pass existed. */
    public TrainingConfig(String task, ModelKind model, int epochs, long seed, long splitSeed, double dtNs,
            double tauNs, double lr0, double decay, double densityInter, double densityIntra, double amplification,
            double initScale, int layers, int neurons, int batchSize, double clip, Integrator integrator, int substeps,
            double fCutMHz, int threads, int trainLimit, int testLimit, Regularisation regularisation) {
        this(task, model, epochs, seed, splitSeed, dtNs, tauNs, lr0, decay, densityInter, densityIntra, amplification,
                initScale, layers, neurons, batchSize, clip, integrator, substeps, fCutMHz, threads, trainLimit,
                testLimit, regularisation, KernelPrecision.FLOAT64);
    }

    /** The config without regularisation (the seed's recipe), as runs were before it existed. */
    public TrainingConfig(String task, ModelKind model, int epochs, long seed, long splitSeed, double dtNs,
            double tauNs, double lr0, double decay, double densityInter, double densityIntra, double amplification,
            double initScale, int layers, int neurons, int batchSize, double clip, Integrator integrator, int substeps,
            double fCutMHz, int threads, int trainLimit, int testLimit) {
        this(task, model, epochs, seed, splitSeed, dtNs, tauNs, lr0, decay, densityInter, densityIntra, amplification,
                initScale, layers, neurons, batchSize, clip, integrator, substeps, fCutMHz, threads, trainLimit,
                testLimit, Regularisation.NONE);
    }

    /**
     * The defaults: the seed's network and training (3 x 32, densities 0.5, S, batch 120, clip 1, Adam with
     * lr0/(epoch/decay+1)) with the τ, lr0, decay, S, input noise and epochs found to reach the seed's accuracy
     * here.
     */
    public static TrainingConfig defaults(ModelKind model) {
        return new TrainingConfig("digits", model, Defaults.epochs(model), 0, 0, 1.0,
                Defaults.tau(model), Defaults.lr0(model), Defaults.decay(model), 0.5, 0.5,
                Defaults.amplification(model), Defaults.initScale(model), 3, 32, 120, 1.0, Integrator.EXACT, 1,
                1.0, 2, 0, 0, new Regularisation(0, Defaults.inputNoise(model), 0), KernelPrecision.FLOAT64);
    }

    public NetworkConfig networkConfig() {
        return new NetworkConfig(layers, neurons, 1, 10, densityInter, densityIntra, amplification, dtNs, fCutMHz,
                initScale);
    }

    public NeuronModel neuronModel() {
        return model == ModelKind.SPINTRONIC
                ? new OscillatorNeuron(tauNs, integrator, substeps)
                : new CtrnnNeuron(tauNs, integrator, substeps);
    }

    public TrainingConfig withSeed(long s) {
        Copy c = new Copy(this);
        c.seed = s;
        return c.build();
    }

    public TrainingConfig withEpochs(int e) {
        Copy c = new Copy(this);
        c.epochs = e;
        return c.build();
    }

    public TrainingConfig withThreads(int t) {
        Copy c = new Copy(this);
        c.threads = t;
        return c.build();
    }

    public TrainingConfig withDt(double dt) {
        Copy c = new Copy(this);
        c.dtNs = dt;
        return c.build();
    }

    public TrainingConfig withDensities(double inter, double intra) {
        Copy c = new Copy(this);
        c.densityInter = inter;
        c.densityIntra = intra;
        return c.build();
    }

    public TrainingConfig withHyper(double tau, double lr, double dec, double s, double init) {
        Copy c = new Copy(this);
        c.tauNs = tau;
        c.lr0 = lr;
        c.decay = dec;
        c.amplification = s;
        c.initScale = init;
        return c.build();
    }

    public TrainingConfig withLimits(int train, int test) {
        Copy c = new Copy(this);
        c.trainLimit = train;
        c.testLimit = test;
        return c.build();
    }

    public TrainingConfig withPrecision(KernelPrecision p) {
        Copy c = new Copy(this);
        c.precision = p;
        return c.build();
    }

    /**
     * The text the study files' settings fingerprint hashes: {@link #toString()}, less the precision when it is
     * float64, so that rows written before the precision existed still resume.
     */
    public String fingerprintText() {
        String text = toString();
        return precision == KernelPrecision.FLOAT64 ? text.replace(", precision=FLOAT64]", "]") : text;
    }

    public TrainingConfig withRegularisation(Regularisation r) {
        Copy c = new Copy(this);
        c.regularisation = r;
        return c.build();
    }

    /** A config's fields, to change a few and build the new (validated) config: what the with… methods share. */
    private static final class Copy {
        final String task;
        final ModelKind model;
        int epochs;
        long seed;
        final long splitSeed;
        double dtNs;
        double tauNs;
        double lr0;
        double decay;
        double densityInter;
        double densityIntra;
        double amplification;
        double initScale;
        final int layers;
        final int neurons;
        final int batchSize;
        final double clip;
        final Integrator integrator;
        final int substeps;
        final double fCutMHz;
        int threads;
        int trainLimit;
        int testLimit;
        Regularisation regularisation;
        KernelPrecision precision;

        Copy(TrainingConfig c) {
            task = c.task;
            model = c.model;
            epochs = c.epochs;
            seed = c.seed;
            splitSeed = c.splitSeed;
            dtNs = c.dtNs;
            tauNs = c.tauNs;
            lr0 = c.lr0;
            decay = c.decay;
            densityInter = c.densityInter;
            densityIntra = c.densityIntra;
            amplification = c.amplification;
            initScale = c.initScale;
            layers = c.layers;
            neurons = c.neurons;
            batchSize = c.batchSize;
            clip = c.clip;
            integrator = c.integrator;
            substeps = c.substeps;
            fCutMHz = c.fCutMHz;
            threads = c.threads;
            trainLimit = c.trainLimit;
            testLimit = c.testLimit;
            regularisation = c.regularisation;
            precision = c.precision;
        }

        TrainingConfig build() {
            return new TrainingConfig(task, model, epochs, seed, splitSeed, dtNs, tauNs, lr0, decay, densityInter,
                    densityIntra, amplification, initScale, layers, neurons, batchSize, clip, integrator, substeps,
                    fCutMHz, threads, trainLimit, testLimit, regularisation, precision);
        }
    }

    private static void positive(String option, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new InvalidOptionException(option, String.valueOf(v), "must be a positive number");
        }
    }

    private static void density(String option, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new InvalidOptionException(option, String.valueOf(v), "a connection density must be in (0, 1]");
        }
    }
}
