package io.spinloop.app.cli;

import io.spinloop.lab.config.Limits;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Checks of command-line numbers, made before a command touches anything (no file, directory or instrument), against
 * {@link Limits} (the limits the lab-config validator uses too). A refusal is a {@link RefusedInputException} naming
 * the option, which {@link CommandErrors} prints as one line with exit code 2.
 */
public final class OptionChecks {
    private OptionChecks() {
    }

    /** Refuses {@code value} of {@code option} when {@code problem} (from {@link Limits}) is not null. */
    public static void check(String option, Object value, String problem) {
        if (problem != null) {
            throw new RefusedInputException(option + ": " + problem + ", got " + shown(value));
        }
    }

    /** Refuses a run whose size, named by {@code what} (e.g. {@code --step 1e-9 A}), is beyond a budget. */
    public static void budget(String what, String problem) {
        if (problem != null) {
            throw new RefusedInputException(what + " " + problem);
        }
    }

    /** Refuses a run that needs more memory than the JVM has; {@code what} names the options that size it. */
    public static void memory(String what, long bytes) {
        budget(what, Limits.memory(bytes));
    }

    public static int atLeast(String option, int value, int min) {
        check(option, value, Limits.atLeast(value, min));
        return value;
    }

    public static int between(String option, int value, int min, int max) {
        check(option, value, Limits.between(value, min, max));
        return value;
    }

    public static double positive(String option, double value) {
        check(option, value, Limits.positive(value));
        return value;
    }

    public static double nonNegative(String option, double value) {
        check(option, value, Limits.nonNegative(value));
        return value;
    }

    public static double between(String option, double value, double lo, double hi) {
        check(option, value, Limits.between(value, lo, hi));
        return value;
    }

    public static double fraction(String option, double value) {
        check(option, value, Limits.fraction(value));
        return value;
    }

    /** Epochs, iterations, steps: 1 to {@link Limits#MAX_EPOCHS}. */
    public static int epochs(String option, int value) {
        return between(option, value, 1, Limits.MAX_EPOCHS);
    }

    /** Seeds, trials, benchmark runs: 1 to {@link Limits#MAX_RUNS}. */
    public static int runs(String option, int value) {
        return between(option, value, 1, Limits.MAX_RUNS);
    }

    /** Threads and runs at once: 1 to {@link Limits#MAX_THREADS}. */
    public static int threads(String option, int value) {
        return between(option, value, 1, Limits.MAX_THREADS);
    }

    /** Draws, examples, trajectories: 1 to {@link Limits#MAX_SAMPLES}. */
    public static int samples(String option, int value) {
        return between(option, value, 1, Limits.MAX_SAMPLES);
    }

    /**
     * What {@code parse} makes of an option's text, made before the run: a library's IllegalArgumentException for
     * text it does not know (its message lists what it knows) is a refusal, not a failure of a run.
     */
    public static <T> T parsed(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RefusedInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new RefusedInputException(e.getMessage(), e);
        }
    }

    /** An option and its value as the person typed it: {@code --repeats 2000000000}. */
    public static String given(String option, Object value) {
        return option + " " + shown(value);
    }

    private static String shown(Object value) {
        return value instanceof Double d ? Limits.number(d) : value instanceof Float f ? Limits.number(f)
                : String.valueOf(value);
    }

    /**
     * Runs commands through {@code next} after refusing any NaN or infinite number given to an option of the
     * command (a setting is never one; picocli's Double parser accepts them), naming the option.
     */
    public static IExecutionStrategy finiteFirst(IExecutionStrategy next) {
        return parseResult -> {
            List<CommandLine> commands = parseResult.asCommandLineList();
            CommandLine leaf = commands.get(commands.size() - 1);
            ParseResult leafResult = leaf.getParseResult();
            if (leafResult != null) {
                for (OptionSpec o : leafResult.matchedOptions()) {
                    Object bad = nonFinite(o.getValue());
                    if (bad != null) {
                        throw new CommandLine.ExecutionException(leaf, "non-finite option value",
                                new RefusedInputException(o.longestName() + ": expected a finite number, got " + bad));
                    }
                }
            }
            return next.execute(parseResult);
        };
    }

    /** The first NaN or infinity in an option's value (a number, an array or a collection of them), or null. */
    static Object nonFinite(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d) ? null : d;
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? null : f;
        }
        if (value instanceof Collection<?> c) {
            for (Object v : c) {
                Object bad = nonFinite(v);
                if (bad != null) {
                    return bad;
                }
            }
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                Object bad = nonFinite(Array.get(value, i));
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }
}
