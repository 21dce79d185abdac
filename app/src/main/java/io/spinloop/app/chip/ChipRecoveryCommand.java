package io.spinloop.app.chip;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.training.mackeyglass.ForecastError;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop study chip-recovery}: twins fitted on the bench, a network trained noise-aware on them, then
 * deployed on a chip whose devices' threshold and Q have moved by {@code --mismatch} (the twin does not know),
 * and fine-tuned chip-in-the-loop (forward on the chip, backward through the twins at the measured points).
 */
@Command(name = "chip-recovery", mixinStandardHelpOptions = true,
        description = "Chip-in-the-loop fine-tuning on a chip whose devices differ from their twins.")
public final class ChipRecoveryCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml", description = "lab-config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--mismatch", defaultValue = "0.2", description = "relative change of threshold and Q (default: ${DEFAULT-VALUE})")
    double mismatch;

    @Option(names = "--seeds", defaultValue = "3", description = "training seeds (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--epochs", description = "chip-in-the-loop epochs (default: the experiment's)")
    Integer epochs;

    @Option(names = "--quick", description = "small sizes (a smoke run)")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        if (!(mismatch >= 0 && mismatch < 1)) {
            throw new RefusedInputException("--mismatch: expected a relative change in [0, 1), got " + mismatch);
        }
        OptionChecks.runs("--seeds", seeds);
        if (epochs != null) {
            OptionChecks.epochs("--epochs", epochs);
        }
        LoadedLabConfig loaded = LabConfigLoader.load(config);
        LoadedLabConfig moved = ConfigVariants.withMismatch(loaded, mismatch);
        ChipExperiment.Options o = quick ? ChipExperiment.Options.quick(1) : ChipExperiment.Options.full(1);
        int chipEpochs = epochs == null ? o.chipEpochs() : epochs;
        ForecastTask.Split task = o.task();
        double[][] r = new double[4][seeds];
        try (ChipBench fitted = ChipBench.open(loaded);
             ChipExperiment.Calibrated cal = ChipExperiment.calibrate(fitted, o, new RoundTrips(), System.err::println,
                     null, null)) {
            ChipSetup s = cal.setup();
            s.makeSafe();
            RoundTrips trips = new RoundTrips();
            try (ChipBench other = ChipBench.open(moved);
                 ChipSetup m = ChipSetup.reuse(s, other::open, trips, System.err::println)) {
                ChipNeurons chip = m.neurons();
                try {
                    for (int k = 0; k < seeds; k++) {
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
                } finally {
                    m.makeSafe();
                }
            }
        }
        System.out.printf("Mackey-Glass %d samples ahead (sampling %.0f), test MSE, median [min, max] over %d seeds; "
                + "chip devices' threshold and Q moved by ±%.0f %% after the twins were fitted%n", o.horizon(),
                o.sampling(), seeds, 100 * mismatch);
        System.out.println("| twin (noise-aware training) | mismatched chip, deployed | after chip-in-the-loop | "
                + "reservoir on the mismatched chip |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| %s | %s | %s | %s |%n", Spread.of(r[0]).format(), Spread.of(r[1]).format(),
                Spread.of(r[2]).format(), Spread.of(r[3]).format());
        return 0;
    }
}
