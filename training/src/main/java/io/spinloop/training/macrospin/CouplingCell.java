package io.spinloop.training.macrospin;

import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.engine.StudyTask;
import java.util.List;

/**
 * One cell of {@link CouplingTable} at one seed, as an engine task: its own 80:20 split of the digits (the shared
 * data), weights and coupling matrix from {@code seed}, trained to the end.
 */
record CouplingCell(String key, TrainedParts parts, double coupling, long seed, int oscillators, int epochs, int batch)
        implements StudyTask<SequenceDataset, CouplingTable.Run> {
    private static final long serialVersionUID = 1L;

    static String key(TrainedParts parts, double coupling, long seed) {
        return "cm=" + coupling + "/" + parts.name() + "/seed-" + seed;
    }

    @Override
    public CouplingTable.Run run(SequenceDataset digits) {
        SequenceDataset.Split split = digits.split(0.8, seed, SequenceDataset.Split.Rounding.NEAREST);
        MacrospinNetwork net = new MacrospinNetwork(MacrospinNetworkConfig.digits(oscillators, coupling), seed);
        long start = System.nanoTime();
        List<MacrospinTrainer.Epoch> h = MacrospinTrainer.train(net, parts, split.train(), split.test(),
                MacrospinTrainer.Options.seed(epochs, batch, seed), null);
        return new CouplingTable.Run(parts, coupling, seed, h.get(h.size() - 1), (System.nanoTime() - start) / 1e9);
    }
}
