package io.spinloop.training.macrospin;

import io.spinloop.autodiff.Adam;
import io.spinloop.autodiff.LossOps;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.powercurve.LabelledData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains the parts of a {@link MacrospinNetwork} that a {@link TrainedParts} configuration selects,
 * with the seed's optimizer: Adam (0.9, 0.999, 1e-8) on minibatches, cross entropy, learning rates
 * 1e-3 for the layers, 1.0 (Oe) for the fields and 1e-6 for current and damping, decayed by 0.85 per epoch.
 */
public final class MacrospinTrainer {

    /**
     * @param epochs passes over the training set
     * @param batchSize minibatch size
     * @param layerRate Adam rate of W_in and W_out
     * @param fieldRate Adam rate of the applied fields (Oe)
     * @param scalarRate Adam rate of current (A) and damping
     * @param decay the rates are multiplied by this after every epoch
     * @param seed shuffling seed
     */
    public record Options(int epochs, int batchSize, double layerRate, double fieldRate, double scalarRate, double decay,
            long seed) {
        public Options {
            if (epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("epochs and batch size must be >= 1");
            }
        }

        /** The seed's rates and decay. */
        public static Options seed(int epochs, int batchSize, long seed) {
            return new Options(epochs, batchSize, 1e-3, 1.0, 1e-6, 0.85, seed);
        }
    }

    /** Metrics after one epoch, with the physical parameters' state. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double meanField,
            double fieldSpread, double current, double damping, double seconds) {
    }

    @FunctionalInterface
    public interface Listener {
        void epochDone(Epoch epoch);
    }

    private MacrospinTrainer() {
    }

    public static List<Epoch> train(MacrospinNetwork network, TrainedParts parts, LabelledData train, LabelledData test,
            Options options, Listener listener) {
        Adam inAdam = new Adam();
        Adam outAdam = new Adam();
        // fields and the two scalars have rates six orders apart: separate optimizers, separate groups
        Adam fieldAdam = new Adam();
        Adam scalarAdam = new Adam();
        Parameters fields = new Parameters();
        fields.add(network.physical().get("H_appl"));
        Parameters scalars = new Parameters();
        scalars.add(network.physical().get("j_DC"));
        scalars.add(network.physical().get("alpha"));
        Random rng = new Random(options.seed());
        Tape tape = new Tape();
        List<Epoch> history = new ArrayList<>();
        double rateScale = 1;
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            long start = System.nanoTime();
            LabelledData shuffled = train.select(LabelledData.permutation(train.size(), rng));
            double lossSum = 0;
            int correct = 0;
            for (int from = 0; from < shuffled.size(); from += options.batchSize()) {
                int to = Math.min(shuffled.size(), from + options.batchSize());
                int[] labels = java.util.Arrays.copyOfRange(shuffled.labels(), from, to);
                tape.reset();
                Tensor logits = network.logits(tape, shuffled.features(), from, to);
                Tensor loss = LossOps.softmaxCrossEntropy(tape, logits, labels);
                tape.backward(loss);
                lossSum += loss.item() * (to - from);
                int[] pred = LossOps.argmax(logits);
                for (int i = 0; i < pred.length; i++) {
                    if (pred[i] == labels[i]) {
                        correct++;
                    }
                }
                if (parts.input()) {
                    update(network.input(), tape, inAdam, options.layerRate() * rateScale);
                }
                if (parts.output()) {
                    update(network.output(), tape, outAdam, options.layerRate() * rateScale);
                }
                if (parts.physical()) {
                    update(fields, tape, fieldAdam, options.fieldRate() * rateScale);
                    update(scalars, tape, scalarAdam, options.scalarRate() * rateScale);
                    network.projectPhysical();
                }
            }
            rateScale *= options.decay();
            double[] h = network.fields();
            double mean = 0;
            for (double v : h) {
                mean += v / h.length;
            }
            double var = 0;
            for (double v : h) {
                var += (v - mean) * (v - mean) / h.length;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Epoch e = new Epoch(epoch + 1, lossSum / train.size(), correct / (double) train.size(),
                    test == null ? Double.NaN : network.accuracy(test), mean, Math.sqrt(var), network.current(),
                    network.damping(), seconds);
            history.add(e);
            if (listener != null) {
                listener.epochDone(e);
            }
        }
        return history;
    }

    private static void update(Parameters group, Tape tape, Adam adam, double rate) {
        group.zeroGrad();
        group.accumulate(tape);
        group.firstNonFiniteGradient().ifPresent(where -> {
            throw new ArithmeticException("non-finite gradient at " + where);
        });
        adam.step(group, rate);
    }
}
