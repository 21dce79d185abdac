package io.spinloop.app.train;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.config.Limits;
import io.spinloop.training.macrospin.MacrospinRun;
import io.spinloop.training.macrospin.TrainedParts;
import io.spinloop.training.powercurve.ClassificationTask;
import io.spinloop.training.powercurve.PowerCurveRun;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options of {@code spinloop train} for the papers' other networks: seed 003's p(I) network ({@code --model
 * power-curve}) and seed 002's coupled macrospins ({@code --model macrospin}), trained over several seeds. A picocli
 * mixin; {@code --epochs} and {@code --batch} are shared with the multilayer network ({@link TrainOptions}).
 */
public final class PaperNetworkOptions {
    @Option(names = "--seeds", defaultValue = "5", description = "power-curve, macrospin: number of seeds (1..N); the median is reported (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "power-curve, macrospin: first seed (default: ${DEFAULT-VALUE})")
    long firstSeed;

    @Option(names = "--data-seed", defaultValue = "1", description = "power-curve, macrospin: seed of the generated spiral (default: ${DEFAULT-VALUE})")
    long dataSeed;

    @Option(names = "--oscillators", description = "power-curve, macrospin: STNOs (default: power-curve spiral 32 (2 carry the input), digits 64; macrospin 200, seed 002's N)")
    Integer oscillators;

    @Option(names = "--steps", description = "power-curve: time steps of eq. 5 (default: 5 spiral, 2 digits)")
    Integer steps;

    @Option(names = "--coupling", defaultValue = "10", description = "macrospin: coupling magnitude A_cp in Oe (default: ${DEFAULT-VALUE})")
    double coupling;

    @Option(names = "--parts", defaultValue = "full", description = "macrospin: trained parts, 1..6 of seed 002 Table II or full, in-out, in-physical, in, out-physical, out (default: ${DEFAULT-VALUE})")
    String parts;

    private static final Set<TrainModel> BOTH = EnumSet.of(TrainModel.POWER_CURVE, TrainModel.MACROSPIN);

    /** The models that take each option of this mixin. */
    private static final Map<String, Set<TrainModel>> MODELS = Map.of("--seeds", BOTH, "--first-seed", BOTH,
            "--data-seed", BOTH, "--oscillators", BOTH, "--steps", EnumSet.of(TrainModel.POWER_CURVE),
            "--coupling", EnumSet.of(TrainModel.MACROSPIN), "--parts", EnumSet.of(TrainModel.MACROSPIN));

    /** The models that take {@code option}, or null when it is not one of these options. */
    static Set<TrainModel> modelsOf(String option) {
        return MODELS.get(option);
    }

    /** Refuses bad numbers before the output directory is made; {@code epochs} and {@code batch} as given or null. */
    void check(TrainModel model, ClassificationTask task, Integer epochs, Integer batch) {
        OptionChecks.runs("--seeds", seeds);
        if (epochs != null) {
            OptionChecks.epochs("--epochs", epochs);
        }
        int b = batch(batch);
        OptionChecks.samples("--batch", b);
        OptionChecks.nonNegative("--coupling", coupling);
        if (steps != null) {
            OptionChecks.between("--steps", steps, 1, Limits.MAX_SUBSTEPS);
        }
        // Power-curve networks carry their inputs on the first oscillators: 2 for the spiral, 64 pixels for digits.
        int least = model == TrainModel.POWER_CURVE ? (task == ClassificationTask.SPIRAL ? 2 : 64) : 1;
        int n = oscillators != null ? OptionChecks.atLeast("--oscillators", oscillators, least)
                : model == TrainModel.POWER_CURVE ? PowerCurveRun.defaults(task).oscillators()
                : MacrospinRun.DEFAULT_OSCILLATORS;
        NetworkSize.check(OptionChecks.given("--oscillators", n), n, b, steps != null ? steps : 10);
    }

    /** Seed 003's run for {@code task} with the options given. */
    PowerCurveRun powerCurve(ClassificationTask task, Integer epochs, Integer batch) {
        PowerCurveRun run = PowerCurveRun.defaults(task).withBatch(batch(batch));
        run = oscillators != null ? run.withOscillators(oscillators) : run;
        run = steps != null ? run.withSteps(steps) : run;
        return epochs != null ? run.withEpochs(epochs) : run;
    }

    /** Seed 002's run with the options given. */
    MacrospinRun macrospin(Integer epochs, Integer batch) {
        return new MacrospinRun(oscillators != null ? oscillators : MacrospinRun.DEFAULT_OSCILLATORS, coupling,
                TrainedParts.parse(parts), epochs != null ? epochs : MacrospinRun.DEFAULT_EPOCHS, batch(batch));
    }

    private static int batch(Integer batch) {
        return batch != null ? batch : 32;
    }
}
