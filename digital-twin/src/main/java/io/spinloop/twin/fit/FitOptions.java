package io.spinloop.twin.fit;

import io.spinloop.twin.Normalisation;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.TwinException;
import io.spinloop.twin.model.KernelPrecision;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Settings of a neural-SDE fit.
 *
 * @param epochs          maximum passes over the training transitions (likelihood) or windows (moments)
 * @param batchSize       transitions per Adam step (likelihood)
 * @param learningRate    Adam's initial rate; it decays as lr0 / (1 + epoch / 4)
 * @param patience        epochs without held-out improvement before stopping early
 * @param heldOutFraction share of the sequences held out for early stopping and validation
 * @param seed            seeds the split, the initial weights, the batches and the noise
 * @param threads         worker threads for the gradient of a batch
 * @param objective       likelihood, moments, or both with validation choosing
 * @param window          steps per free-running window (moments)
 * @param logPower        the SDE's state is the power in dB, normalised ({@link Normalisation#logPowerOf}), instead
 *                        of the power in W; sampling and validation still give and judge W
 * @param precision       the likelihood kernel's arithmetic: float32 by default (about 0.77x the epoch's CPU of
 *                        float64, with the same validation figures within the seed spread: README "Digital twin",
 *                        issue 17, third increment); float64 on request
 */
public record FitOptions(int epochs, int batchSize, double learningRate, int patience, double heldOutFraction,
        long seed, int threads, Objective objective, int window, boolean logPower, KernelPrecision precision)
        implements java.io.Serializable {

    public FitOptions {
        List<Problem> problems = new ArrayList<>();
        atLeast(problems, "epochs", epochs, 1);
        atLeast(problems, "batchSize", batchSize, 1);
        if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            problems.add(new Problem("learningRate", String.valueOf(learningRate), "must be a positive number"));
        }
        atLeast(problems, "patience", patience, 1);
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
            problems.add(new Problem("heldOutFraction", String.valueOf(heldOutFraction),
                    "must be between 0 and 1 (both excluded)"));
        }
        atLeast(problems, "threads", threads, 1);
        atLeast(problems, "window", window, 2);
        if (objective == null) {
            problems.add(new Problem("objective", "null", "must be given"));
        }
        if (precision == null) {
            problems.add(new Problem("precision", "null", "must be given"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
    }

    private static void atLeast(List<Problem> problems, String field, int value, int min) {
        if (value < min) {
            problems.add(new Problem(field, String.valueOf(value), "must be at least " + min));
        }
    }

    /** One setting out of its range: the field (a component name of this record), the value given and the rule. */
    public record Problem(String field, String value, String rule) {
        /** {@code epochs 0: must be at least 1}, with the field named by {@code name} (e.g. a command-line option). */
        public String describe(Function<String, String> name) {
            return name.apply(field) + " " + value + ": " + rule;
        }
    }

    /**
     * Settings refused, every one named with its value and allowed range (not the whole record); a command refuses
     * its options with it before anything is fitted.
     */
    public static final class Invalid extends TwinException {
        private final List<Problem> problems;

        Invalid(List<Problem> problems) {
            super("invalid fit options: " + describe(problems, Function.identity()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }

        /** The problems joined by "; ", each field named by {@code name}. */
        public String describe(Function<String, String> name) {
            return describe(problems, name);
        }

        private static String describe(List<Problem> problems, Function<String, String> name) {
            return String.join("; ", problems.stream().map(p -> p.describe(name)).toList());
        }
    }

    /** The default likelihood kernel, {@link #DEFAULT_PRECISION}. */
    public FitOptions(int epochs, int batchSize, double learningRate, int patience, double heldOutFraction, long seed,
            int threads, Objective objective, int window, boolean logPower) {
        this(epochs, batchSize, learningRate, patience, heldOutFraction, seed, threads, objective, window, logPower,
                DEFAULT_PRECISION);
    }

    /** The likelihood kernel's arithmetic unless asked otherwise. */
    public static final KernelPrecision DEFAULT_PRECISION = KernelPrecision.FLOAT32;

    /** Power in W (linear normalisation). */
    public FitOptions(int epochs, int batchSize, double learningRate, int patience, double heldOutFraction, long seed,
            int threads, Objective objective, int window) {
        this(epochs, batchSize, learningRate, patience, heldOutFraction, seed, threads, objective, window, false);
    }

    /** The normalisation these options fit with, from the training data. */
    public Normalisation normalisation(SequenceData train) {
        return logPower ? Normalisation.logPowerOf(train) : Normalisation.of(train);
    }

    public FitOptions withLogPower(boolean log) {
        return new FitOptions(epochs, batchSize, learningRate, patience, heldOutFraction, seed, threads, objective, window, log, precision);
    }

    public static FitOptions defaults() {
        return new FitOptions(12, 1024, 2e-2, 4, 0.2, 1, Math.min(4, Runtime.getRuntime().availableProcessors()),
                Objective.LIKELIHOOD, 24);
    }

    public FitOptions withObjective(Objective o) {
        return new FitOptions(epochs, batchSize, learningRate, patience, heldOutFraction, seed, threads, o, window, logPower, precision);
    }

    public FitOptions withEpochs(int e) {
        return new FitOptions(e, batchSize, learningRate, patience, heldOutFraction, seed, threads, objective, window, logPower, precision);
    }

    public FitOptions withSeed(long s) {
        return new FitOptions(epochs, batchSize, learningRate, patience, heldOutFraction, s, threads, objective, window, logPower, precision);
    }

    public FitOptions withThreads(int n) {
        return new FitOptions(epochs, batchSize, learningRate, patience, heldOutFraction, seed, n, objective, window, logPower, precision);
    }

    public FitOptions withPrecision(KernelPrecision p) {
        return new FitOptions(epochs, batchSize, learningRate, patience, heldOutFraction, seed, threads, objective, window, logPower, p);
    }
}
