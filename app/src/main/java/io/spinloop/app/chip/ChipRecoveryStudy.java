package io.spinloop.app.chip;

import io.spinloop.lab.chip.ListPace;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The runs of {@code spinloop study chip-recovery}: twins fitted on the bench of a lab-config, the networks trained
 * noise-aware on them and deployed on a chip whose devices moved after the fit, then fine-tuned chip-in-the-loop
 * there, against the reservoir on the moved chip. Progress goes to standard error.
 */
final class ChipRecoveryStudy {
    private final ChipExperiment.Options o;
    private final int seeds;
    private final int chipEpochs;

    ChipRecoveryStudy(ChipExperiment.Options o, int seeds, int chipEpochs) {
        this.o = o;
        this.seeds = seeds;
        this.chipEpochs = chipEpochs;
    }

    /**
     * Test MSE per seed (columns) of: the twin, the moved chip as deployed, after chip-in-the-loop, the reservoir on
     * the moved chip (rows); fitted on {@code fittedOn} at {@code pace}, deployed on {@code moved} (which replays it).
     */
    double[][] run(LoadedLabConfig fittedOn, LoadedLabConfig moved, ListPace pace) throws Exception {
        double[][] r = new double[4][seeds];
        try (ChipBench fitted = ChipBench.open(fittedOn);
             ChipExperiment.Calibrated cal = ChipExperiment.calibrate(fitted, o, new RoundTrips(), System.err::println,
                     null, null, pace)) {
            ChipSetup s = cal.setup();
            s.makeSafe();
            RoundTrips trips = new RoundTrips();
            try (ChipBench other = ChipBench.open(moved);
                 ChipSetup m = ChipSetup.reuse(s, other::open, trips, System.err::println)) {
                ChipNeurons chip = m.neurons();
                try {
                    for (int k = 0; k < seeds; k++) {
                        oneSeed(s, m, chip, trips, k, r);
                    }
                } finally {
                    m.makeSafe();
                }
            }
        }
        return r;
    }

    private void oneSeed(ChipSetup s, ChipSetup m, ChipNeurons chip, RoundTrips trips, int k, double[][] r)
            throws IOException {
        ForecastTask.Split task = o.task();
        long seed = 100 + k;
        ChipExperiment.Trained t = ChipExperiment.trainOnTwin(s, o, task, true, seed, null);
        r[0][k] = ChipExperiment.onTwin(s, o, t.weights(), task.test(), false, 0).mse();
        r[1][k] = ChipExperiment.onChip(m, o, t.weights(), task.test(), chip).mse();
        Path ckpt = Files.createTempFile("chip-recovery", ".json");
        Files.delete(ckpt);
        List<ChipTraining.Epoch> curve = ChipTraining.train(ChipExperiment.network(m, o), t.weights(),
                task.train(), task.test(), chip, trips,
                new ChipTraining.Settings(chipEpochs, o.batch(), o.chipLearningRate(), 1.0, seed, false),
                ckpt, new ChipTraining.Listener() {
                    @Override
                    public void message(String text) {
                        System.err.println("  " + text);
                    }
                });
        Files.deleteIfExists(ckpt);
        r[2][k] = curve.get(curve.size() - 1).testMse();
        r[3][k] = ChipExperiment.reservoirOnChip(m, o, task, chip, seed).mse();
        System.err.printf("seed %d: twin %.4f, mismatched chip before %.4f, after %d chip-in-the-loop "
                + "epochs %.4f (reservoir on this chip %.4f)%n", seed, r[0][k], r[1][k], chipEpochs,
                r[2][k], r[3][k]);
    }
}
