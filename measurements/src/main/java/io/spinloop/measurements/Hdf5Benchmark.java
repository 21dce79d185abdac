package io.spinloop.measurements;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Measures the store on a run of a given size (100 MB of measured values by default): journal append rate,
 * finalisation (journal to published HDF5) and read throughput in MB/s, file size and peak heap, with and
 * without compressed spectra; plus the cost of {@link JournalSync#EVERY_RECORD}. Reports medians of several
 * runs. Behind {@code spinloop benchmark hdf5}; runnable on its own:
 * <pre>java -cp app/target/spinloop.jar io.spinloop.measurements.Hdf5Benchmark [--size-mb 100] [--runs 5]</pre>
 *
 * <p>The run is shaped like a real one: four devices' sweeps of 1001-bin spectra (float-exact, as read from
 * a {@code FORM REAL,32} trace: a Lorentzian line over a noisy floor) and, for a tenth of the size, drive
 * sequences of 1000 steps × 5 repeats. MB means 10⁶ bytes of measured values (8 bytes per stored double).
 */
public final class Hdf5Benchmark {

    /**
     * What to run.
     *
     * @param targetBytes bytes of measured values in the run
     * @param runs        repetitions of each mode (medians are reported)
     * @param bins        points per spectrum
     * @param dir         where to write (the files are deleted afterwards)
     * @param syncPoints  points recorded to time {@link JournalSync#EVERY_RECORD}
     */
    public record Config(long targetBytes, int runs, int bins, Path dir, int syncPoints) {
        public static Config defaults() {
            return new Config(100_000_000L, 5, 1001, Path.of(System.getProperty("java.io.tmpdir")), 300);
        }
    }

    /** Figures of one mode (median over runs, except the heap peaks, which are maxima). */
    public record Figures(String mode, double journalMBps, double pointsPerSecond, double finaliseMBps,
                          double readMBps, double fileMB, double peakHeapFinaliseMB, double peakHeapReadMB) {
    }

    /** Everything measured. */
    public record Report(Config config, long dataBytes, long sweepPoints, long sequenceRepeats, List<Figures> modes,
                         double syncPointsPerSecond, double syncMillisPerPoint, double maxHeapMB) {

        public String format() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "HDF5 store benchmark: %.1f MB of measured values (%d sweep points of"
                            + " %d bins, %d sequence repeats), median of %d runs, max heap %.0f MB%n",
                    dataBytes / 1e6, sweepPoints, config.bins(), sequenceRepeats, config.runs(), maxHeapMB));
            b.append(String.format(Locale.ROOT, "%-22s %12s %12s %13s %10s %9s %16s %13s%n", "mode", "journal MB/s",
                    "points/s", "finalise MB/s", "read MB/s", "file MB", "heap finalise MB", "heap read MB"));
            for (Figures f : modes) {
                b.append(String.format(Locale.ROOT, "%-22s %12.0f %12.0f %13.0f %10.0f %9.1f %16.0f %13.0f%n",
                        f.mode(), f.journalMBps(), f.pointsPerSecond(), f.finaliseMBps(), f.readMBps(), f.fileMB(),
                        f.peakHeapFinaliseMB(), f.peakHeapReadMB()));
            }
            b.append(String.format(Locale.ROOT, "journal with fsync per point (JournalSync.EVERY_RECORD): %.0f points/s,"
                    + " %.2f ms per point (%d points)%n", syncPointsPerSecond, syncMillisPerPoint, config.syncPoints()));
            return b.toString();
        }
    }

    private static final int DEVICES = 4;
    private static final int REPEATS = 5;
    private static final int STEPS = 1000;
    private static final int POOL = 64;

    private final Config config;
    private final double[] frequency;
    private final double[][] spectra;
    private final double[] timeS;
    private final double[][] drives;
    private final double[][] powers;
    private final int sequences;
    private final int pointsPerDevice;

    private Hdf5Benchmark(Config config) {
        this.config = config;
        SplittableRandom rnd = new SplittableRandom(1);
        frequency = new double[config.bins()];
        for (int j = 0; j < frequency.length; j++) {
            frequency[j] = 4e9 + j * (2e9 / (frequency.length - 1));
        }
        // A pool larger than deflate's 32 KiB window, so compression cannot profit from repetition.
        spectra = new double[POOL][config.bins()];
        for (double[] s : spectra) {
            double centre = frequency.length * (0.3 + 0.4 * rnd.nextDouble());
            for (int j = 0; j < s.length; j++) {
                double x = (j - centre) / 4.0;
                double lineMw = 1e-4 / (1 + x * x) + 1e-9 * (1 + 0.3 * gaussian(rnd));
                s[j] = (float) (10 * Math.log10(Math.abs(lineMw)));
            }
        }
        timeS = new double[STEPS];
        for (int k = 0; k < STEPS; k++) {
            timeS[k] = k * 1e-3;
        }
        // About a tenth of the run is sequences, the rest spectra.
        sequences = (int) Math.max(2, config.targetBytes() / 10 / (8L * STEPS * (REPEATS + 1)));
        drives = new double[sequences][STEPS];
        powers = new double[POOL][STEPS];
        for (double[] d : drives) {
            for (int k = 0; k < STEPS; k++) {
                d[k] = (float) (1e-3 + 1e-3 * rnd.nextDouble());
            }
        }
        for (double[] p : powers) {
            for (int k = 0; k < STEPS; k++) {
                p[k] = (float) (1e-7 * (1 + 0.05 * gaussian(rnd)));
            }
        }
        long sequenceBytes = 8L * sequences * STEPS * (REPEATS + 1); // drive once per sequence, power per repeat
        long perPoint = 8L * (config.bins() + 5);
        pointsPerDevice = (int) Math.max(1, (config.targetBytes() - sequenceBytes) / perPoint / DEVICES);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private long dataBytes() {
        return 8L * DEVICES * pointsPerDevice * (config.bins() + 5) + 8L * sequences * STEPS * (REPEATS + 1);
    }

    public static Report run(Config config, PrintStream progress) throws IOException {
        Hdf5Benchmark b = new Hdf5Benchmark(config);
        List<Figures> modes = new ArrayList<>();
        // One unreported run of each mode first, so that the JIT has compiled the hot paths.
        b.once(false, -1);
        b.once(true, -1);
        // Modes alternate run by run, so that neither gets the quieter disk or the warmer page cache.
        boolean[] compressModes = {false, true};
        List<List<double[]>> samples = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < config.runs(); r++) {
            for (int m = 0; m < compressModes.length; m++) {
                double[] s = b.once(compressModes[m], r);
                samples.get(m).add(s);
                progress.printf(Locale.ROOT, "  %s run %d: journal %.0f MB/s, finalise %.0f MB/s, read %.0f MB/s%n",
                        modeName(compressModes[m]), r + 1, s[0], s[2], s[3]);
            }
        }
        for (int m = 0; m < compressModes.length; m++) {
            List<double[]> x = samples.get(m);
            modes.add(new Figures(modeName(compressModes[m]), median(x, s -> s[0]), median(x, s -> s[1]),
                    median(x, s -> s[2]), median(x, s -> s[3]), median(x, s -> s[4]),
                    max(x, s -> s[5]), max(x, s -> s[6])));
        }
        double[] sync = b.syncCost();
        return new Report(config, b.dataBytes(), (long) DEVICES * b.pointsPerDevice, (long) b.sequences * REPEATS,
                modes, sync[0], sync[1], Runtime.getRuntime().maxMemory() / 1e6);
    }

    private static String modeName(boolean compress) {
        return compress ? "deflate+shuffle spectra" : "uncompressed";
    }

    /** One run: {journal MB/s, points/s, finalise MB/s, read MB/s, file MB, heap finalise MB, heap read MB}. */
    private double[] once(boolean compress, int run) throws IOException {
        Path out = config.dir().resolve("spinloop-hdf5-bench-" + ProcessHandle.current().pid() + "-" + (run + 1) + ".h5");
        Files.deleteIfExists(out);
        StoreOptions options = StoreOptions.DEFAULT.withCompressedSpectra(compress);
        Provenance p = Provenance.builder("benchmark").labConfig("bench: hdf5 benchmark\n")
                .physicallyMeasurable(false, "synthetic data").build();
        try {
            long t0 = System.nanoTime();
            MeasurementRecorder rec = MeasurementRecorder.create(out, p, OverwritePolicy.REFUSE, options);
            List<SweepRecorder> sweeps = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                sweeps.add(rec.beginSweep("stno-" + d, frequency, Map.of("rbw_Hz", 1e6, "span_Hz", 2e9)));
            }
            int k = 0;
            for (int i = 0; i < pointsPerDevice; i++) {
                for (SweepRecorder s : sweeps) {
                    s.addPoint(1e-5 * i, spectra[k++ % POOL], 5e9, 1e-7, 1e7);
                }
            }
            sweeps.forEach(s -> {
                try {
                    s.finish();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            SequenceRecorder q = rec.beginSequences("stno-0", timeS, REPEATS, Map.of("dwell_s", 1e-3));
            for (int r = 0; r < REPEATS; r++) {
                for (int s = 0; s < sequences; s++) {
                    q.addRepeat(s, r, drives[s], powers[k++ % POOL]);
                }
            }
            q.finish();
            long t1 = System.nanoTime();
            long journalBytes = rec.journalBytes();
            long points = rec.points();

            resetHeapPeaks();
            long t2 = System.nanoTime();
            rec.close();
            long t3 = System.nanoTime();
            double heapFinalise = heapPeakMB();
            double fileMB = Files.size(out) / 1e6;

            resetHeapPeaks();
            long t4 = System.nanoTime();
            MeasurementFile f = MeasurementFile.open(out);
            long t5 = System.nanoTime();
            double heapRead = heapPeakMB();
            if (f.sweeps().get(DEVICES - 1).points() != pointsPerDevice) {
                throw new IllegalStateException("read back the wrong number of points");
            }
            double mb = dataBytes() / 1e6;
            return new double[] {journalBytes / 1e6 / ((t1 - t0) * 1e-9), points / ((t1 - t0) * 1e-9),
                    mb / ((t3 - t2) * 1e-9), mb / ((t5 - t4) * 1e-9), fileMB, heapFinalise, heapRead};
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(MeasurementRecorder.journalFor(out));
            Files.deleteIfExists(AtomicFile.temporaryFor(out)); // left when finalising runs out of heap
        }
    }

    /** {points/s, ms per point} of a journal that forces every record to disk. */
    private double[] syncCost() throws IOException {
        Path out = config.dir().resolve("spinloop-hdf5-bench-sync-" + ProcessHandle.current().pid() + ".h5");
        Files.deleteIfExists(out);
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, Provenance.builder("benchmark").build(),
                OverwritePolicy.REFUSE, StoreOptions.DEFAULT.withSync(JournalSync.EVERY_RECORD))) {
            SweepRecorder s = rec.beginSweep("stno-0", frequency, Map.of());
            long t0 = System.nanoTime();
            for (int i = 0; i < config.syncPoints(); i++) {
                s.addPoint(1e-5 * i, spectra[i % POOL], 5e9, 1e-7, 1e7);
            }
            double seconds = (System.nanoTime() - t0) * 1e-9;
            return new double[] {config.syncPoints() / seconds, 1e3 * seconds / config.syncPoints()};
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void resetHeapPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound of the peak heap in use. */
    private static double heapPeakMB() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / 1e6;
    }

    private static double median(List<double[]> samples, ToDoubleFunction<double[]> f) {
        double[] v = samples.stream().mapToDouble(f).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double max(List<double[]> samples, ToDoubleFunction<double[]> f) {
        return samples.stream().mapToDouble(f).max().orElse(Double.NaN);
    }

    /** {@code [--size-mb N] [--runs N] [--bins N] [--dir DIR] [--sync-points N]} */
    public static void main(String[] args) throws IOException {
        Config d = Config.defaults();
        long size = d.targetBytes();
        int runs = d.runs();
        int bins = d.bins();
        Path dir = d.dir();
        int syncPoints = d.syncPoints();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("usage: Hdf5Benchmark [--size-mb 100] [--runs 5] [--bins 1001] [--dir DIR]"
                        + " [--sync-points 300]");
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--size-mb" -> size = (long) (Double.parseDouble(v) * 1e6);
                case "--runs" -> runs = Integer.parseInt(v);
                case "--bins" -> bins = Integer.parseInt(v);
                case "--dir" -> dir = Path.of(v);
                case "--sync-points" -> syncPoints = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
            }
        }
        Report r = run(new Config(size, runs, bins, dir, syncPoints), System.err);
        System.out.print(r.format());
    }
}
