package io.spinloop.training.chip;

import io.spinloop.training.mackeyglass.ForecastError;
import io.spinloop.training.mackeyglass.ForecastTask;

/**
 * What a chip-in-the-loop run trains: a bench network with its training and test sets. {@link ChipTraining} only
 * batches, steps the optimizer and checkpoints; the objective runs the network on a bank and scores it.
 */
public interface ChipObjective {

    /** Size of the training set (the loop draws batches of these indices). */
    int trainingExamples();

    /** Forward pass of training examples {@code idx} on {@code bank}: the loss and its gradient in the weights. */
    Step step(NetworkWeights w, int[] idx, NeuronBank bank, boolean stepping);

    /** The test figures with the neurons in {@code bank}. */
    TestFigures test(NetworkWeights w, NeuronBank bank);

    /**
     * One forward pass over the whole training ({@code testSet} false) or test set on {@code bank}: what a
     * deployment's preflight reads the drives from.
     */
    QuasiStaticNetwork.Trace pass(NetworkWeights w, boolean testSet, NeuronBank bank);

    /** Examples in the test set. */
    int testExamples();

    /** Loss and gradient of one batch. */
    record Step(double loss, double[] gradient) {
    }

    /**
     * A test pass: MSE and NRMSE for a forecast, accuracy for a classifier (the figures a task does not have are
     * null).
     */
    record TestFigures(Double mse, Double nrmse, Double accuracy) {
        @Override
        public String toString() {
            return accuracy != null ? String.format(java.util.Locale.ROOT, "test accuracy %.4f", accuracy)
                    : String.format(java.util.Locale.ROOT, "test MSE %.4f (NRMSE %.3f)", mse, nrmse);
        }
    }

    /** The Mackey-Glass forecast network of {@link QuasiStaticNetwork}. */
    static ChipObjective forecast(QuasiStaticNetwork net, ForecastTask train, ForecastTask test) {
        return new ChipObjective() {
            @Override
            public int trainingExamples() {
                return train.windows();
            }

            @Override
            public Step step(NetworkWeights w, int[] idx, NeuronBank bank, boolean stepping) {
                ForecastTask batch = train.select(idx);
                QuasiStaticNetwork.Trace tr = net.forward(w, batch, bank, stepping);
                return new Step(net.loss(tr, batch.targets()), net.gradient(w, batch, tr));
            }

            @Override
            public TestFigures test(NetworkWeights w, NeuronBank bank) {
                ForecastError e = ForecastEvaluation.evaluate(net, w, test, bank);
                return new TestFigures(e.mse(), e.nrmse(), null);
            }

            @Override
            public QuasiStaticNetwork.Trace pass(NetworkWeights w, boolean testSet, NeuronBank bank) {
                return net.forward(w, testSet ? test : train, bank, false);
            }

            @Override
            public int testExamples() {
                return test.windows();
            }
        };
    }

    /** The sequential-digits classifier of {@link SequenceClassifier}. */
    static ChipObjective classifier(SequenceClassifier net, DigitRows train, DigitRows test) {
        return new ChipObjective() {
            @Override
            public int trainingExamples() {
                return train.size();
            }

            @Override
            public Step step(NetworkWeights w, int[] idx, NeuronBank bank, boolean stepping) {
                DigitRows batch = train.select(idx);
                QuasiStaticNetwork.Trace tr = net.forward(w, batch, bank, stepping);
                return new Step(net.loss(tr, batch), net.gradient(w, batch, tr));
            }

            @Override
            public TestFigures test(NetworkWeights w, NeuronBank bank) {
                return new TestFigures(null, null, net.score(w, test, bank).accuracy());
            }

            @Override
            public QuasiStaticNetwork.Trace pass(NetworkWeights w, boolean testSet, NeuronBank bank) {
                return net.forward(w, testSet ? test : train, bank, false);
            }

            @Override
            public int testExamples() {
                return test.size();
            }
        };
    }
}
