package io.spinloop.app.benchmark;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.config.Limits;
import io.spinloop.lab.config.ModelCapabilities;
import io.spinloop.measurements.Hdf5Benchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop benchmark hdf5}: journal append, finalisation and read throughput of the HDF5 measurement
 * store for a run of a given size, with and without compressed spectra, plus the cost of an fsync per point.
 * The measuring is {@link Hdf5Benchmark}'s; this class only parses options and prints.
 */
@Command(name = "hdf5",
        mixinStandardHelpOptions = true,
        description = {
            "HDF5 measurement store: journal append rate during a run, finalisation (journal to published .h5)",
            "and read throughput in MB/s, file size and peak heap, for a run of --size-mb of measured values;",
            "medians of --runs runs, compressed and uncompressed spectra alternating."})
public final class Hdf5BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--size-mb", defaultValue = "100", description = "Measured values in the run, MB (default: ${DEFAULT-VALUE}).")
    double sizeMb;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per mode (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--bins", defaultValue = "1001", description = "Points per spectrum (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--dir", description = "Where to write the run (default: the temporary directory).")
    Path dir;

    @Option(names = "--sync-points", defaultValue = "300",
            description = "Points timed with an fsync per point (default: ${DEFAULT-VALUE}).")
    int syncPoints;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        OptionChecks.positive("--size-mb", sizeMb);
        OptionChecks.runs("--runs", runs);
        OptionChecks.between("--bins", bins, 2, ModelCapabilities.KEYSIGHT_N9030B.maxPoints());
        OptionChecks.samples("--sync-points", syncPoints);
        // Finalisation holds the run about three times (journal replay, HDF5 datasets, the file image).
        OptionChecks.memory(OptionChecks.given("--size-mb", sizeMb), Limits.saturatedProduct((long) Math.min(
                sizeMb * 1e6, Long.MAX_VALUE / 4.0), 3));
        Path where = dir != null ? dir : Hdf5Benchmark.Config.defaults().dir();
        Hdf5Benchmark.Report r = Hdf5Benchmark.run(
                new Hdf5Benchmark.Config((long) (sizeMb * 1e6), runs, bins, where, syncPoints), System.err);
        if (json) {
            JsonOutput.print(System.out, r);
        } else {
            System.out.print(r.format());
        }
        return 0;
    }
}
