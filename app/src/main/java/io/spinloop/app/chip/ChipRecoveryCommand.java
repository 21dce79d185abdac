package io.spinloop.app.chip;

import picocli.CommandLine.Mixin;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import java.nio.file.Path;
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

    @Mixin
    PaceOption pace;

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
        double[][] r = new ChipRecoveryStudy(o, seeds, chipEpochs).run(loaded, moved, pace.choice().pace());
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
