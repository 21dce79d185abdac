package io.spinloop.app.chip;

import picocli.CommandLine.Mixin;
import io.spinloop.lab.chip.ListPace;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.mackeyglass.ForecastError;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop study transfer}: the same network trained deterministically and noise-aware on the twins of
 * the bench's devices, then deployed on the (emulated) chip, over several seeds. Reports the Mackey-Glass test
 * MSE on the deterministic twin, on the twin with its noise sampled, and on the chip; median and range.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Deterministic vs noise-aware training on the twin, deployed on the chip, over seeds.")
public final class TransferStudyCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml", description = "lab-config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--seeds", defaultValue = "5", description = "training seeds (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--quick", description = "small sizes (a smoke run)")
    boolean quick;

    @Option(names = "--twin", defaultValue = "response", paramLabel = "sde|response",
            description = "twin the network trains on: sde (the twin module's neural SDE fitted to the recorded "
                    + "calibration sequences) or response (the piecewise-linear mean and noise); default: ${DEFAULT-VALUE}")
    String twin;

    @Mixin
    PaceOption pace;

    @Override
    public Integer call() throws Exception {
        OptionChecks.runs("--seeds", seeds);
        LoadedLabConfig loaded = LabConfigLoader.load(config);
        ListPace listPace = pace.choice().pace();
        ChipExperiment.Options o = (quick ? ChipExperiment.Options.quick(1) : ChipExperiment.Options.full(1))
                .withTwin(ChipExperiment.twinKind(twin, "--twin"));
        ForecastTask.Split task = o.task();
        double[][] mse = new double[6][seeds];
        try (ChipBench bench = ChipBench.open(loaded);
             ChipExperiment.Calibrated cal = ChipExperiment.calibrate(bench, o, new RoundTrips(), System.err::println,
                     null, null, listPace)) {
            ChipSetup s = cal.setup();
            ChipNeurons chip = s.neurons();
            try {
                for (int k = 0; k < seeds; k++) {
                    long seed = 100 + k;
                    for (int m = 0; m < 2; m++) {
                        boolean noisy = m == 1;
                        ChipExperiment.Trained t = ChipExperiment.trainOnTwin(s, o, task, noisy, seed, null);
                        ForecastError twin = ChipExperiment.onTwin(s, o, t.weights(), task.test(), false, 0);
                        ForecastError twinNoisy = ChipExperiment.onTwin(s, o, t.weights(), task.test(), true, seed);
                        ForecastError onChip = ChipExperiment.onChip(s, o, t.weights(), task.test(), chip);
                        mse[3 * m][k] = twin.mse();
                        mse[3 * m + 1][k] = twinNoisy.mse();
                        mse[3 * m + 2][k] = onChip.mse();
                        System.err.printf("seed %d %-13s twin %.4f  noisy twin %.4f  chip %.4f%n", seed,
                                noisy ? "noise-aware" : "deterministic", twin.mse(), twinNoisy.mse(), onChip.mse());
                    }
                }
                ForecastError linear = ChipExperiment.linearTaps(task);
                ForecastError reservoir = ChipExperiment.reservoirOnChip(s, o, task, chip, 100);
                System.out.println("twin: " + (o.twin() == ChipExperiment.TwinKind.SDE ? "neural SDE (twin module) fitted "
                        + "to each device's recorded calibration sequences" : "piecewise-linear mean and noise of the "
                        + "calibration readings"));
                System.out.printf("Mackey-Glass, %d samples ahead, sampled every %.0f time units; test MSE on the "
                        + "normalised series, median [min, max] over %d seeds; %d neurons on %d devices%n",
                        o.horizon(), o.sampling(), seeds, o.neurons(), s.channels().size());
                System.out.println("| training | deterministic twin | twin with noise | emulated chip |");
                System.out.println("|---|---|---|---|");
                for (int m = 0; m < 2; m++) {
                    System.out.printf("| %s | %s | %s | %s |%n", m == 0 ? "deterministic" : "noise-aware",
                            Spread.of(mse[3 * m]).format(), Spread.of(mse[3 * m + 1]).format(),
                            Spread.of(mse[3 * m + 2]).format());
                }
                System.out.printf("baselines: linear readout of the %d taps %.4f (NRMSE %.3f); reservoir on the chip "
                        + "(random input layer, ridge readout on chip states) %.4f (NRMSE %.3f)%n", o.taps(),
                        linear.mse(), linear.nrmse(), reservoir.mse(), reservoir.nrmse());
            } finally {
                s.makeSafe();
            }
        }
        return 0;
    }
}
