package io.spinloop.app.chip;

import picocli.CommandLine.Mixin;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.Limits;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.training.chip.SequenceClassifier;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop study chip-digits}: sequential digits on the bench. Calibrates the bench's devices as neurons
 * (twins), trains the bench-sized row classifier ({@link SequenceClassifier}) deterministically and noise-aware on
 * the twins, deploys both on the chip, fine-tunes the noise-aware one chip-in-the-loop, and compares with the
 * reservoir a lab would run (the same random input layer on the chip, only the readout fitted to chip readings)
 * and with a linear readout of the raw pixels. Test accuracy, median and range over seeds, and the instrument
 * cost of one pass over the test set.
 */
@Command(name = "chip-digits", mixinStandardHelpOptions = true,
        description = "Sequential digits on the bench: twin-trained (deterministic, noise-aware), deployed, "
                + "chip-in-the-loop, against a reservoir on the chip.")
public final class ChipDigitsStudyCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml", description = "lab-config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--seeds", defaultValue = "3", description = "training seeds (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--neurons", defaultValue = "6", description = "hidden neurons, time-multiplexed over the devices (default: ${DEFAULT-VALUE})")
    int neurons;

    @Option(names = "--recurrent", description = "add host-side recurrence between rows (runs by stepping)")
    boolean recurrent;

    @Option(names = "--epochs", description = "training epochs on the twin (default: 60, --quick 3)")
    Integer epochs;

    @Option(names = "--chip-epochs", description = "chip-in-the-loop epochs (default: 2, --quick 1)")
    Integer chipEpochs;

    @Option(names = "--twin", defaultValue = "response", paramLabel = "sde|response",
            description = "twin the network trains on (default: ${DEFAULT-VALUE})")
    String twin;

    @Option(names = "--mismatch", defaultValue = "0", description = "deploy on a chip whose devices' threshold and "
            + "Q moved by this relative amount (alternating signs) after the twins were fitted (default: ${DEFAULT-VALUE})")
    double mismatch;

    @Option(names = "--quick", description = "small sizes (a smoke run: 60 training and 40 test images)")
    boolean quick;

    @Mixin
    PaceOption pace;

    @Override
    public Integer call() throws Exception {
        OptionChecks.runs("--seeds", seeds);
        if (!(mismatch >= 0 && mismatch < 1)) {
            throw new RefusedInputException("--mismatch: expected a relative change in [0, 1), got " + mismatch);
        }
        OptionChecks.atLeast("--neurons", neurons, 1);
        if (epochs != null) {
            OptionChecks.between("--epochs", epochs, 0, Limits.MAX_EPOCHS);
        }
        if (chipEpochs != null) {
            OptionChecks.between("--chip-epochs", chipEpochs, 0, Limits.MAX_EPOCHS);
        }
        DigitsExperiment.Plan base = quick ? DigitsExperiment.Plan.quick(neurons, recurrent)
                : DigitsExperiment.Plan.full(neurons, recurrent);
        DigitsExperiment.Plan p = base.withEpochs(epochs == null ? base.epochs() : epochs,
                chipEpochs == null ? base.chipEpochs() : chipEpochs);
        p.checkSize(OptionChecks.given("--neurons", neurons));
        LoadedLabConfig loaded = LabConfigLoader.load(config);
        ChipExperiment.Options o = (quick ? ChipExperiment.Options.quick(1) : ChipExperiment.Options.full(1))
                .withTwin(ChipExperiment.twinKind(twin, "--twin"));
        DigitsExperiment.Data data = DigitsExperiment.data(p);
        ChipDigitsStudy.Result r = new ChipDigitsStudy(p, o, data, seeds).run(loaded, mismatch,
                pace.choice().pace());
        report(r, data, p);
        return 0;
    }

    private void report(ChipDigitsStudy.Result r, DigitsExperiment.Data data, DigitsExperiment.Plan p) {
        System.out.printf("Sequential digits on the bench (%s twins): 8x8 images as 8 rows of 8 pixels, %d %s "
                        + "neurons time-multiplexed over %d devices, readout of all 8 steps' readings; %d training "
                        + "and %d test images; test accuracy, median [min, max] over %d seeds%s%n",
                twin, neurons, recurrent ? "recurrent" : "feed-forward", r.devices(), data.train().size(),
                data.test().size(), seeds, mismatch > 0 ? String.format("; chip devices' threshold and Q moved by "
                        + "±%.0f %% after the twins were fitted", 100 * mismatch) : "");
        System.out.println("| network | deterministic twin | twin with noise | emulated chip |");
        System.out.println("|---|---|---|---|");
        for (int m = 0; m < ChipDigitsStudy.ROWS.length; m++) {
            System.out.printf("| %s | %s | %s | %s |%n", ChipDigitsStudy.ROWS[m], Spread.of(r.twin()[m]).format(),
                    Spread.of(r.noisyTwin()[m]).format(), Spread.of(r.chip()[m]).format());
        }
        System.out.printf("baseline: linear readout (ridge) of the 64 raw pixels %.4f%n",
                DigitsExperiment.pixelBaseline(data, p.ridge()));
        long[] cost = r.testCost();
        double period = r.pointPeriodS();
        System.out.printf("one pass over the %d test images on the chip: %d round trips, %d lists, %d list points "
                        + "(%.1f min of bench time at the measured %.1f ms per point)%s%n", data.test().size(),
                cost[0], cost[1], cost[2], cost[2] * period / 60, period * 1e3,
                Double.isNaN(r.chipEpochSeconds()) ? "" : String.format("; last chip-in-the-loop epoch %.1f s wall "
                        + "time on the emulator", r.chipEpochSeconds()));
    }
}
