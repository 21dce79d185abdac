package io.spinloop.training.macrospin;

import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.powercurve.DigitsTask;
import java.util.List;

/**
 * Seed 002 Table II on the 8x8 digits: each configuration of trained parts at each coupling magnitude, trained at
 * {@code seeds} seeds from {@code firstSeed} (each seed its own 80:20 split, weights and coupling matrix), N
 * oscillators of {@link MacrospinNetworkConfig#digits}.
 */
public record CouplingTable(double[] couplings, List<TrainedParts> rows, int oscillators, int epochs, int batch,
        long firstSeed, int seeds) {

    /** One trained cell at one seed: its last epoch and the wall time it took. */
    public record Run(TrainedParts parts, double coupling, long seed, MacrospinTrainer.Epoch last, double seconds) {
    }

    /** Test accuracy, mean over the seeds, of row r at coupling c: {@code [r][c]}. Each run is reported as done. */
    public double[][] run(java.util.function.Consumer<Run> done) {
        SequenceDataset digits = DigitsTask.load();
        double[][] acc = new double[rows.size()][couplings.length];
        for (int c = 0; c < couplings.length; c++) {
            for (int r = 0; r < rows.size(); r++) {
                TrainedParts tp = rows.get(r);
                double sum = 0;
                for (int k = 0; k < seeds; k++) {
                    long runSeed = firstSeed + k;
                    SequenceDataset.Split split = digits.split(0.8, runSeed, SequenceDataset.Split.Rounding.NEAREST);
                    MacrospinNetwork net = new MacrospinNetwork(MacrospinNetworkConfig.digits(oscillators, couplings[c]),
                            runSeed);
                    long start = System.nanoTime();
                    List<MacrospinTrainer.Epoch> h = MacrospinTrainer.train(net, tp, split.train(), split.test(),
                            MacrospinTrainer.Options.seed(epochs, batch, runSeed), null);
                    MacrospinTrainer.Epoch last = h.get(h.size() - 1);
                    sum += last.testAccuracy();
                    done.accept(new Run(tp, couplings[c], runSeed, last, (System.nanoTime() - start) / 1e9));
                }
                acc[r][c] = sum / seeds;
            }
        }
        return acc;
    }
}
