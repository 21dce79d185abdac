package io.spinloop.training.chip;

import io.spinloop.training.mackeyglass.ForecastError;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Off-chip training on twin neurons: mini-batch BPTT with Adam, deterministic (twin drift only) or noise-aware
 * (a fresh draw of the twin's noise in every forward pass). After each epoch the test error is measured on the
 * deterministic twin, so both kinds of training are judged alike.
 */
public final class TwinTraining {

    /** Settings of one training run. */
    public record Settings(int epochs, int batch, double learningRate, double clip, long seed) {
    }

    /** One epoch's figures: mean training loss and the test forecast error on the deterministic twin. */
    public record Epoch(int epoch, double trainLoss, ForecastError test) {
    }

    private TwinTraining() {
    }

    public static List<Epoch> train(QuasiStaticNetwork net, NetworkWeights w, ForecastTask train, ForecastTask test,
                                    NeuronBank trainingBank, NeuronBank judgeBank, Settings s,
                                    Consumer<Epoch> progress) {
        WeightOptimizer opt = new WeightOptimizer(w.values.length, s.clip());
        SplittableRandom order = new SplittableRandom(s.seed());
        List<Epoch> curve = new ArrayList<>();
        int n = train.windows();
        for (int e = 1; e <= s.epochs(); e++) {
            int[] perm = permutation(n, order);
            double sum = 0;
            int batches = 0;
            double lr = s.learningRate() / (1 + (e - 1) / 20.0);
            for (int from = 0; from < n; from += s.batch()) {
                int[] idx = java.util.Arrays.copyOfRange(perm, from, Math.min(n, from + s.batch()));
                ForecastTask batch = train.select(idx);
                QuasiStaticNetwork.Trace tr = net.forward(w, batch, trainingBank, false);
                sum += net.loss(tr, batch.targets());
                batches++;
                opt.step(w, net.gradient(w, batch, tr), lr);
            }
            Epoch ep = new Epoch(e, sum / batches, ForecastEvaluation.evaluate(net, w, test, judgeBank));
            curve.add(ep);
            if (progress != null) {
                progress.accept(ep);
            }
        }
        return curve;
    }

    static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
