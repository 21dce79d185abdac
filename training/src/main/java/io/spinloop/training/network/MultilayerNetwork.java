package io.spinloop.training.network;

import io.spinloop.autodiff.LossOps;
import io.spinloop.autodiff.MatrixOps;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.SparseWeights;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.neuron.NeuronModel;
import io.spinloop.twin.model.KernelPrecision;
import java.util.Random;

/**
 * The multilayer network of dynamical neurons of seed 000 (Fig. 1): L layers of N neurons, each layer
 * driven by the previous one (interlayer weights; the input for layer 0) and by itself one interval
 * earlier (intralayer weights), with trainable biases, sparse connectivity fixed before training, and a
 * linear readout with softmax on the last layer's output at the last time step. Which neuron — oscillator,
 * CTRNN, twin or device — is a {@link NeuronModel}.
 *
 * <p>Parameters (weights stored inputs x outputs): {@code layerL.w_in}, {@code layerL.w_intra},
 * {@code layerL.bias}, {@code readout.w}, {@code readout.bias}. With the default config that is 96 neurons
 * and 2896 synapses, as in the seed.
 */
public final class MultilayerNetwork {
    private final NetworkConfig config;
    private final NeuronModel neuron;
    private final Parameters params = new Parameters();
    private final Parameter[] wIn;
    private final Parameter[] wIntra;
    private final Parameter[] bias;
    private final Parameter readoutW;
    private final Parameter readoutB;
    private final KernelPrecision precision;
    private final SequenceUnroll unrolled;

    /** Builds the network with masks and initial weights drawn from {@code seed}; its pass runs in double. */
    public MultilayerNetwork(NetworkConfig config, NeuronModel neuron, long seed) {
        this(config, neuron, seed, KernelPrecision.FLOAT64);
    }

    /**
     * Builds the network with masks and initial weights drawn from {@code seed} (the same for either precision);
     * {@code precision} is the arithmetic of the layers' pass (the parameters, the optimizer and the readout stay
     * double either way).
     */
    public MultilayerNetwork(NetworkConfig config, NeuronModel neuron, long seed, KernelPrecision precision) {
        this.config = config;
        this.precision = precision;
        this.neuron = neuron;
        Random rng = new Random(seed);
        int l = config.layers();
        int n = config.neurons();
        wIn = new Parameter[l];
        wIntra = new Parameter[l];
        bias = new Parameter[l];
        SparseWeights[] inSparse = new SparseWeights[l];
        SparseWeights[] intraSparse = new SparseWeights[l];
        for (int k = 0; k < l; k++) {
            int fanIn = k == 0 ? config.inputs() : n;
            // Draw order (values, then mask; w_in, then w_intra) fixes the network a seed gives.
            // Sizes through matrixSize: an int product that overflows would be a negative array size.
            int inSize = NetworkConfig.matrixSize(fanIn, n);
            int intraSize = NetworkConfig.matrixSize(n, n);
            double[] inValues = uniform(rng, inSize, config.initScale() / Math.sqrt(fanIn));
            double[] inMask = mask(rng, inSize, config.densityInter());
            wIn[k] = params.add(Parameter.masked("layer" + k + ".w_in", fanIn, n, inValues, inMask));
            inSparse[k] = SparseWeights.of(fanIn, n, inMask);
            double[] intraValues = uniform(rng, intraSize, config.initScale() / Math.sqrt(n));
            double[] intraMask = mask(rng, intraSize, config.densityIntra());
            wIntra[k] = params.add(Parameter.masked("layer" + k + ".w_intra", n, n, intraValues, intraMask));
            intraSparse[k] = SparseWeights.of(n, n, intraMask);
            bias[k] = params.add(Parameter.undecayed("layer" + k + ".bias", 1, n, new double[n]));
        }
        readoutW = params.add(Parameter.of("readout.w", n, config.classes(),
                uniform(rng, n * config.classes(), 1.0 / Math.sqrt(n))));
        readoutB = params.add(Parameter.undecayed("readout.bias", 1, config.classes(),
                uniform(rng, config.classes(), 1.0 / Math.sqrt(n))));
        unrolled = precision == KernelPrecision.FLOAT32
                ? new UnrolledLayersFloat(neuron, config, inSparse, intraSparse)
                : new UnrolledLayers(neuron, config, inSparse, intraSparse);
    }

    private static double[] uniform(Random rng, int count, double bound) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = (2 * rng.nextDouble() - 1) * bound;
        }
        return v;
    }

    /** A 0/1 mask keeping exactly round(density · count) entries (at least one), chosen at random. */
    private static double[] mask(Random rng, int count, double density) {
        int keep = Math.max(1, (int) Math.round(density * count));
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        double[] m = new double[count];
        for (int i = 0; i < keep; i++) {
            m[idx[i]] = 1.0;
        }
        return m;
    }

    public NetworkConfig config() {
        return config;
    }

    /** The arithmetic of the layers' pass. */
    public KernelPrecision precision() {
        return precision;
    }

    public NeuronModel neuron() {
        return neuron;
    }

    public Parameters parameters() {
        return params;
    }

    /** Number of connections (mask ones of all weight matrices, plus the dense readout). */
    public int synapseCount() {
        int s = readoutW.trainableCount();
        for (int k = 0; k < config.layers(); k++) {
            s += wIn[k].trainableCount() + wIntra[k].trainableCount();
        }
        return s;
    }

    public int neuronCount() {
        return config.layers() * config.neurons();
    }

    /**
     * Runs a batch of sequences and returns the readout logits (batch x classes). {@code sequences} holds
     * {@code batch} rows of {@code steps * inputs} values (time-major within a row), starting at row
     * {@code firstRow} of the array.
     */
    public Tensor logits(Tape tape, double[][] sequences, int firstRow, int batch) {
        int l = config.layers();
        Tensor[] in = new Tensor[l];
        Tensor[] intra = new Tensor[l];
        Tensor[] b = new Tensor[l];
        for (int k = 0; k < l; k++) {
            in[k] = wIn[k].value();
            intra[k] = wIntra[k].value();
            b[k] = bias[k].value();
        }
        Tensor last = unrolled.lastOutput(tape, sequences, firstRow, batch, in, intra, b);
        return MatrixOps.linear(tape, last, readoutW.value(), readoutB.value());
    }

    /** Mean log-likelihood loss of a batch, scaled by {@code weight} (for sharding a batch over threads). */
    public Tensor loss(Tape tape, double[][] sequences, int[] labels, int firstRow, int batch, double weight) {
        Tensor logits = logits(tape, sequences, firstRow, batch);
        int[] lab = java.util.Arrays.copyOfRange(labels, firstRow, firstRow + batch);
        Tensor loss = LossOps.softmaxCrossEntropy(tape, logits, lab);
        return weight == 1.0 ? loss : io.spinloop.autodiff.ElementwiseOps.scale(tape, loss, weight);
    }
}
