package io.spinloop.app.benchmark;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.bench.Instruments;
import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import io.spinloop.lab.config.Limits;
import io.spinloop.lab.config.ModelCapabilities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinloop benchmark scpi}: round trips and trace reads through the real drivers and sessions, against an
 * in-process emulated bench, over each transport {@code --transport} names ({@link ScpiTransport}: loopback TCP by
 * default). Each figure is the median of {@code --runs} timed windows after a warm-up window.
 */
@Command(name = "scpi",
        mixinStandardHelpOptions = true,
        description = {
            "Short queries per second, and 1001-point REAL,32 traces read per second, through the real SCPI session",
            "and analyzer driver against an in-process emulator, over each transport named (default: tcp)."})
public final class ScpiBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per measurement (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seconds", defaultValue = "1.0", description = "Length of each timed run, s (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "1.0", description = "Untimed warm-up before each measurement, s (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--query", defaultValue = ":SOUR:CURR?", description = "The short query timed (default: ${DEFAULT-VALUE}).")
    String query;

    @Option(names = "--points", defaultValue = "1001", description = "Trace points (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Option(names = "--transport", split = ",", defaultValue = "tcp", paramLabel = "NAME",
            description = "Transports to time, comma-separated: tcp, serial, serial-jssc, gpib-tcp, gpib-serial, usbtmc,"
                    + " vxi11, hislip, or all (default: ${DEFAULT-VALUE}). serial, serial-jssc, gpib-serial and usbtmc"
                    + " need socat.")
    List<String> transportNames;

    /** One measured rate over one transport: median, min and max over the runs, in operations per second. */
    record Rate(String transport, String name, String unit, double goal, double[] perRun) {
        double median() {
            double[] s = perRun.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        }

        double min() {
            return Arrays.stream(perRun).min().orElse(Double.NaN);
        }

        double max() {
            return Arrays.stream(perRun).max().orElse(Double.NaN);
        }
    }

    @Override
    public Integer call() {
        OptionChecks.runs("--runs", runs);
        OptionChecks.positive("--seconds", seconds);
        OptionChecks.nonNegative("--warmup", warmup);
        // The analyzer served here is an N9030B: what it can take, as a lab-config's would be checked.
        OptionChecks.between("--points", points, ModelCapabilities.KEYSIGHT_N9030B.minPoints(),
                ModelCapabilities.KEYSIGHT_N9030B.maxPoints());
        List<ScpiTransport> transports = new ArrayList<>();
        for (String name : transportNames) {
            if (name.equalsIgnoreCase("all")) {
                transports.addAll(List.of(ScpiTransport.values()));
            } else {
                ScpiTransport t = OptionChecks.parsed(() -> ScpiTransport.byOption(name));
                if (!transports.contains(t)) {
                    transports.add(t);
                }
            }
        }
        double total = 3.0 * transports.size() * runs * (seconds + warmup); // three measurements per transport
        if (total > Limits.MAX_RUN_SECONDS) {
            OptionChecks.budget(OptionChecks.given("--runs", runs) + " " + OptionChecks.given("--seconds", seconds)
                    + " " + OptionChecks.given("--warmup", warmup), "take " + Limits.duration(total)
                    + "; at most a week per run");
        }
        List<Rate> rates = new ArrayList<>();
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(5));
        for (ScpiTransport transport : transports) {
            // A fresh bench and wiring per transport: nothing one leaves behind slows the next.
            try (EmulatedBench bench = EmulatedBench.builder().seed(42)
                    .device("stno1", DeviceParameters.defaults())
                    .currentSource("smu1", SourceModel.KEITHLEY_2400, 0, "stno1")
                    .analyzer("sa1", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno1")
                    .prologixGateway(0, java.util.Map.of("smu1", ScpiTransport.SOURCE_ADDRESS,
                            "sa1", ScpiTransport.ANALYZER_ADDRESS))
                    .vxi11(0, 0, java.util.Map.of("inst0", "smu1", "inst1", "sa1"))
                    .hislip(0, java.util.Map.of("hislip0", "smu1", "hislip1", "sa1"))
                    .timing(Timing.VIRTUAL)
                    .start()) {
                run(bench, transport, timeouts, rates);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot wire the emulated bench for transport " + transport.option()
                        + " (" + transport.description() + ")" + (transport.needsSocat() ? "; it needs socat" : "")
                        + ": " + e.getMessage(), e);
            }
        }
        print(rates);
        return 0;
    }

    private void run(EmulatedBench bench, ScpiTransport transport, Timeouts timeouts, List<Rate> rates)
            throws IOException {
        List<AutoCloseable> closing = new ArrayList<>();
        Path scratch = Files.createTempDirectory("spinloop-benchmark-");
        try {
            String[] resources = transport.wire(bench, scratch, closing);
            run(resources[0], resources[1], transport.option(), timeouts, rates);
        } finally {
            for (int i = closing.size() - 1; i >= 0; i--) {
                try {
                    closing.get(i).close();
                } catch (Exception e) {
                    // a pseudo-terminal already gone: nothing left to stop
                }
            }
            try (var left = Files.list(scratch)) {
                for (Path p : left.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    private void run(String source, String analyzer, String transport, Timeouts timeouts, List<Rate> rates) {
        {
            try (ScpiSession smu = ScpiSession.open("smu1", source, timeouts)) {
                smu.identify();
                rates.add(measure(transport, "query " + query, "queries/s", 20_000, () -> {
                    smu.query(query);
                    return 1;
                }));
            }
            try (SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", analyzer, "auto", timeouts)) {
                sa.setCenterSpan(5e9, 200e6);
                sa.setPoints(points);
                sa.singleSweep();
                int expected = points;
                rates.add(measure(transport, points + "-point REAL,32 trace read (:TRAC? TRACE1)", "traces/s", 2_000, () -> {
                    float[] t = sa.readTrace();
                    if (t.length != expected) {
                        throw new IllegalStateException("trace of " + t.length + " points, expected " + expected);
                    }
                    return 1;
                }));
                rates.add(measure(transport, "single sweep + " + points + "-point trace", "sweeps/s", Double.NaN, () -> {
                    sa.singleSweep();
                    return sa.readTrace().length > 0 ? 1 : 0;
                }));
            }
        }
    }

    private Rate measure(String transport, String name, String unit, double goal, IntSupplier operation) {
        run(operation, warmup);
        double[] perRun = new double[runs];
        for (int r = 0; r < runs; r++) {
            perRun[r] = run(operation, seconds);
        }
        // The goals are those of the raw socket (issue 1); the other transports are measured, not judged.
        return new Rate(transport, name, unit, transport.equals("tcp") ? goal : Double.NaN, perRun);
    }

    /** Runs {@code operation} for about {@code seconds}; returns operations per second. */
    private static double run(IntSupplier operation, double seconds) {
        long window = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        long now;
        do {
            for (int i = 0; i < 64; i++) { // check the clock every 64 operations
                count += operation.getAsInt();
            }
            now = System.nanoTime();
        } while (now - start < window);
        return count / ((now - start) * 1e-9);
    }

    private void print(List<Rate> rates) {
        if (json) {
            StringBuilder sb = new StringBuilder("{\n  \"benchmark\": \"scpi\",\n  \"runs\": ").append(runs)
                    .append(",\n  \"secondsPerRun\": ").append(seconds)
                    .append(",\n  \"cores\": ").append(Runtime.getRuntime().availableProcessors())
                    .append(",\n  \"java\": \"").append(System.getProperty("java.version")).append("\",\n  \"results\": [");
            for (int i = 0; i < rates.size(); i++) {
                Rate r = rates.get(i);
                sb.append(i == 0 ? "\n" : ",\n").append("    {\"transport\": \"").append(r.transport())
                        .append("\", \"name\": \"").append(r.name().replace("\"", "\\\""))
                        .append("\", \"unit\": \"").append(r.unit())
                        .append("\", \"median\": ").append(fmt(r.median()))
                        .append(", \"min\": ").append(fmt(r.min()))
                        .append(", \"max\": ").append(fmt(r.max()))
                        .append(", \"goal\": ").append(Double.isNaN(r.goal()) ? "null" : fmt(r.goal()))
                        .append(", \"perRun\": [");
                for (int k = 0; k < r.perRun().length; k++) {
                    sb.append(k == 0 ? "" : ", ").append(fmt(r.perRun()[k]));
                }
                sb.append("]}");
            }
            sb.append("\n  ]\n}");
            System.out.println(sb);
            return;
        }
        System.out.printf(Locale.ROOT, "SCPI through the drivers, in-process emulator; median of %d runs of %.1f s (%d cores)%n",
                runs, seconds, Runtime.getRuntime().availableProcessors());
        String shown = null;
        for (Rate r : rates) {
            if (!r.transport().equals(shown)) {
                shown = r.transport();
                System.out.printf(Locale.ROOT, " %s: %s%n", shown, ScpiTransport.byOption(shown).description());
            }
            String verdict = Double.isNaN(r.goal()) ? "" : r.median() >= r.goal()
                    ? String.format(Locale.ROOT, "  (goal %.0f: met)", r.goal())
                    : String.format(Locale.ROOT, "  (goal %.0f: MISSED)", r.goal());
            System.out.printf(Locale.ROOT, "  %-48s %10.0f %s  [min %.0f, max %.0f]%s%n",
                    r.name(), r.median(), r.unit(), r.min(), r.max(), verdict);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
