package io.spinloop.lab.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The limits every number given to spinloop is held to, wherever it comes from: a lab-config
 * ({@link LabConfigValidator} adds file, line and field) or the command line ({@code io.spinloop.app.cli.OptionChecks}
 * adds the option). One place knows what the instruments can do ({@link ModelCapabilities}: list length, trace
 * points, RBW), what a device may take ({@link SafetyLimits}: current, ramp), and the budgets that keep one run sane
 * (points per sweep, instrument time, memory). The README's "Limits on numbers" lists the budgets.
 *
 * <p>Each check returns {@code null} when the value is fine, else what is wrong with it, without naming the field or
 * option: the caller does, so a config and an option get the same words.
 */
public final class Limits {
    /** Currents in one sweep: 100,000 points of about 18 ms are half an hour of instrument time. */
    public static final long MAX_SWEEP_POINTS = 100_000;
    /** The longest a measurement run may take on the instruments (estimated before it starts): a week. */
    public static final double MAX_RUN_SECONDS = 7 * 24 * 3600.0;
    static final String MAX_RUN_TEXT = "a week";
    /** Passes of an optimiser: epochs, iterations, steps. */
    public static final int MAX_EPOCHS = 1_000_000;
    /** Repetitions of a whole run: seeds, trials, benchmark runs, warm-ups. */
    public static final int MAX_RUNS = 10_000;
    /** Worker threads and runs in parallel. */
    public static final int MAX_THREADS = 1_024;
    /** Devices of an emulated bench built by a command (each one a source and an analyzer on loopback ports). */
    public static final int MAX_EMULATED_DEVICES = 100;
    /** Sweeps an analyzer averages per trace (1 to 10,000 on the X-series; the FSV takes up to 32,767). */
    public static final int MAX_AVERAGES = 10_000;
    /** Integration sub-steps per interval. */
    public static final int MAX_SUBSTEPS = 10_000;
    /** Samples of a cheap evaluation: device draws, test examples, trajectories. */
    public static final int MAX_SAMPLES = 10_000_000;
    /** Elements a Java array can hold (a little below Integer.MAX_VALUE on every JVM). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * What one list point costs on a SourceMeter beyond its source delay: the measurement (1 NPLC, 16.7 ms at
     * 60 Hz, 20 ms at 50 Hz) and the processing overhead; the emulated 2400 takes 18.1 ms for a 1 ms dwell.
     */
    public static final double LIST_POINT_OVERHEAD_S = 17.1e-3;
    /** What one sweep point costs beyond settling and sweeping: SCPI round trips and the trace transfer. */
    public static final double SWEEP_POINT_OVERHEAD_S = 8e-3;
    /** Re-arming the analyzer and the source list between two repeats of a sequence. */
    public static final double REPEAT_OVERHEAD_S = 50e-3;

    private Limits() {
    }

    // ---- single values ----

    /** A positive, finite number. */
    public static String positive(double v) {
        return v > 0 && !Double.isInfinite(v) ? null : "expected a positive number";
    }

    /** Zero or a positive, finite number. */
    public static String nonNegative(double v) {
        return v >= 0 && !Double.isInfinite(v) ? null : "expected zero or a positive number";
    }

    /** A finite number (NaN and infinities are never a setting). */
    public static String finite(double v) {
        return Double.isFinite(v) ? null : "expected a finite number";
    }

    /** A whole number of at least {@code min}. */
    public static String atLeast(long v, long min) {
        return v >= min ? null : "expected " + count(min) + " or more";
    }

    /** A whole number from {@code min} to {@code max}. */
    public static String between(long v, long min, long max) {
        return v >= min && v <= max ? null : "expected " + count(min) + " to " + count(max);
    }

    /** A number in the closed range [lo, hi]. */
    public static String between(double v, double lo, double hi) {
        return v >= lo && v <= hi ? null : "expected a number from " + number(lo) + " to " + number(hi);
    }

    /** A positive number no larger than {@code max}. */
    public static String positiveAtMost(double v, double max) {
        return v > 0 && v <= max ? null : "expected a positive number up to " + number(max);
    }

    /** Traces an analyzer averages: 1 to {@link #MAX_AVERAGES}. */
    public static String averages(long n) {
        return between(n, 1, MAX_AVERAGES);
    }

    /** A share strictly between 0 and 1. */
    public static String fraction(double v) {
        return v > 0 && v < 1 ? null : "expected a fraction between 0 and 1 (exclusive)";
    }

    // ---- what the instruments and devices allow ----

    /**
     * The models an instrument of a config may be: the configured one, the emulated one, or any model of its role
     * for {@code model: auto} on a real bench.
     */
    static List<ModelCapabilities> modelsOf(LabConfig c, String instrumentName) {
        InstrumentConfig in = c.instrument(instrumentName).orElseThrow();
        if (!in.autoModel()) {
            return List.of(ModelCapabilities.byConfigName(in.model()).orElseThrow());
        }
        if (c.emulated()) {
            String emulatedModel = c.emulator().models().get(in.name());
            if (emulatedModel != null) {
                return ModelCapabilities.byConfigName(emulatedModel).map(List::of).orElse(List.of());
            }
            return List.of(in.role() == InstrumentRole.SOURCE ? ModelCapabilities.KEITHLEY_2400
                    : ModelCapabilities.KEYSIGHT_N9030B);
        }
        return ModelCapabilities.ofRole(in.role());
    }

    /** The longest source list a device's source may hold (the most permissive model it may be). */
    public static int listCapacity(LabConfig c, DeviceConfig d) {
        return modelsOf(c, d.source()).stream().mapToInt(ModelCapabilities::maxListPoints).max()
                .orElse(Integer.MAX_VALUE);
    }

    /** Currents per sequence: at least 2, and no more than the device's source list holds. */
    public static String sequenceLength(long length, LabConfig c, DeviceConfig d) {
        if (length < 2) {
            return "expected 2 or more currents per sequence";
        }
        int cap = listCapacity(c, d);
        return length <= cap ? null : count(length) + " currents do not fit the list of source '" + d.source()
                + "' (at most " + count(cap) + " points)";
    }

    /** Trace points the analyzer of a device can take. */
    public static String tracePoints(long points, LabConfig c, DeviceConfig d) {
        List<ModelCapabilities> models = modelsOf(c, d.analyzer());
        int min = models.stream().mapToInt(ModelCapabilities::minPoints).min().orElse(1);
        int max = models.stream().mapToInt(ModelCapabilities::maxPoints).max().orElse(Integer.MAX_VALUE);
        return points >= min && points <= max ? null : "outside what analyzer '" + d.analyzer() + "' can do ("
                + count(min) + " to " + count(max) + " points)";
    }

    /** The largest current any supported source can drive (its range), A. */
    public static double sourceRangeA() {
        return ModelCapabilities.ofRole(InstrumentRole.SOURCE).stream().mapToDouble(ModelCapabilities::maxCurrentA)
                .max().orElseThrow();
    }

    /** A current the device may be driven to. */
    public static String current(double a, DeviceConfig d) {
        if (!Double.isFinite(a)) {
            return "expected a finite current";
        }
        double max = d.limits().maxCurrentA();
        return Math.abs(a) <= max ? null : amps(a) + " is beyond device '" + d.id() + "' max_current_A "
                + Units.amps(max);
    }

    /** A current in a message: mA below 1 A, and an absurd one as typed rather than in 300 digits. */
    static String amps(double a) {
        return Math.abs(a) < 1e6 ? Units.amps(a) : number(a) + " A";
    }

    // ---- budgets of a run ----

    /** Currents of a sweep from {@code fromA} to {@code toA} in steps of {@code stepA} (to included when landed on). */
    public static long sweepPoints(double fromA, double toA, double stepA) {
        double n = Math.floor(Math.abs(toA - fromA) / stepA + 1e-9) + 1;
        return n >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) n;
    }

    /**
     * Seconds a swept analyzer takes for one sweep at the auto-coupled sweep time (2·span/RBW² for the
     * Gaussian RBW filters of the X-series and the FSV, at least 1 ms; the emulator couples it the same way).
     */
    public static double analyzerSweepSeconds(SpectrumSettings a) {
        return a.spanHz() > 0 ? Math.max(1e-3, 2.0 * a.spanHz() / (a.rbwHz() * a.rbwHz())) : 1e-3;
    }

    /**
     * A current sweep as the instruments will run it: its points and the estimated time of one.
     *
     * @param points          currents
     * @param secondsPerPoint ramp, settle, the analyzer's sweeps and the round trips of one point
     */
    public record SweepPlan(long points, double secondsPerPoint, int tracePoints) {
        public double seconds() {
            return points * secondsPerPoint;
        }

        /**
         * Memory of the file being finalised: every spectrum in the journal replay, in the HDF5 dataset and in the
         * file image jHDF builds before writing it.
         */
        public long bytes() {
            return saturatedProduct(points, tracePoints, 8, 3);
        }

        /** Null when the plan is within the budgets, else what is too much, with the estimate. */
        public String problem() {
            String estimate = "estimated " + duration(seconds()) + " at " + duration(secondsPerPoint) + " per point";
            if (points > MAX_SWEEP_POINTS) {
                return "gives " + count(points) + " points (" + estimate + "); at most " + count(MAX_SWEEP_POINTS)
                        + " points per sweep";
            }
            if (seconds() > MAX_RUN_SECONDS) {
                return "gives " + count(points) + " points, an " + estimate + "; at most " + MAX_RUN_TEXT
                        + " of instrument time per run";
            }
            return null;
        }
    }

    /** The sweep a preset (with any of its values replaced) makes on a device. */
    public static SweepPlan sweepPlan(double fromA, double toA, double stepA, double settleS, SpectrumSettings a,
                                      SafetyLimits l) {
        long points = sweepPoints(fromA, toA, stepA);
        // The source ramps each step at ramp_rate_A_per_s (in ramp_step_A pieces) before the settle time.
        double ramp = stepA / l.rampRateAPerS();
        double perPoint = ramp + settleS + Math.max(1, a.averages()) * analyzerSweepSeconds(a) + SWEEP_POINT_OVERHEAD_S;
        return new SweepPlan(points, perPoint, a.points());
    }

    /**
     * Drive sequences as a SourceMeter and an analyzer play them: S sequences of T points, R repeats each.
     */
    public record SequencePlan(long sequences, long repeats, long length, double dwellS) {
        public double secondsPerPoint() {
            return dwellS + LIST_POINT_OVERHEAD_S;
        }

        public double seconds() {
            return (double) sequences * repeats * (length * secondsPerPoint() + REPEAT_OVERHEAD_S);
        }

        /**
         * The drives generated up front, and drive and power of every repeat in the journal replay, the HDF5
         * datasets and the file image jHDF builds before writing it.
         */
        public long bytes() {
            return sequenceBytes(sequences, repeats, length);
        }

        /** Null when the run is within the instrument-time budget, else the estimate. */
        public String problem() {
            if (seconds() > MAX_RUN_SECONDS) {
                return count(sequences) + " sequences x " + count(repeats) + " repeats of " + count(length)
                        + " points take an estimated " + duration(seconds()) + " at " + duration(secondsPerPoint())
                        + " per point; at most " + MAX_RUN_TEXT + " of instrument time per run";
            }
            return null;
        }
    }

    /**
     * Memory of a file of S sequences x R repeats x T steps from generation to publication: the drives (S x T),
     * and drive and power of every repeat (2 x S x R x T) held three times over (the data, the journal replay,
     * the HDF5 image).
     */
    public static long sequenceBytes(long sequences, long repeats, long length) {
        return saturatedSum(saturatedProduct(sequences, length, 8), saturatedProduct(sequences, repeats, length, 8, 2, 3));
    }

    /**
     * Memory a run needs: null when {@code bytes} fits the JVM's heap, else the estimate and the heap.
     */
    public static String memory(long bytes) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes <= max) {
            return null;
        }
        return "needs about " + bytes(bytes) + " of memory (the JVM has " + bytes(max) + "); ask for less, or raise "
                + "-Xmx through SPINLOOP_JAVA_OPTS";
    }

    /** One array of {@code elements}: null when Java can hold it. */
    public static String arrayLength(long elements, String what) {
        return elements <= MAX_ARRAY ? null : what + " would have " + count(elements) + " entries; a Java array holds "
                + "at most " + count(MAX_ARRAY);
    }

    /** The product, or Long.MAX_VALUE when it overflows (an estimate that is absurd either way). */
    public static long saturatedProduct(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f < 0) {
                return Long.MAX_VALUE;
            }
            try {
                p = Math.multiplyExact(p, f);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return p;
    }

    /** The sum, or Long.MAX_VALUE when it overflows. */
    public static long saturatedSum(long... terms) {
        long s = 0;
        for (long t : terms) {
            try {
                s = Math.addExact(s, t);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return s;
    }

    // ---- how numbers read in messages ----

    /** 2,500,001 */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A number as a person would type it: 0.0025, 1e-9, 2000000000, NaN. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toString().toLowerCase(Locale.ROOT)
                .replace("e+", "e");
    }

    /** 3.2 TB, 6.0 GB, 512 kB (decimal units). */
    public static String bytes(long b) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        double v = b;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? b + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** 18.2 ms, 45 s, 12 h 38 min, 3 d 4 h, 2.1e+06 years. */
    public static String duration(double seconds) {
        if (!(seconds < 1e12)) {
            return String.format(Locale.ROOT, "%.2g years", seconds / (365.25 * 86400));
        }
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.1f ms", seconds * 1e3);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        if (s < 86400) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        if (s < 365L * 86400) {
            return (s / 86400) + " d " + (s % 86400 / 3600) + " h";
        }
        return String.format(Locale.ROOT, "%.1f years", seconds / (365.25 * 86400));
    }
}
