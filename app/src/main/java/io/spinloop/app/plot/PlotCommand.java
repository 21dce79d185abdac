package io.spinloop.app.plot;

import io.spinloop.measurements.MeasurementFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spinloop plot F.h5 --out DIR}: the PNG plots of a measurement file. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw a measurement file as PNG plots: spectra map versus current, p(I), f(I), linewidth(I) "
                + "for each sweep, repeated power traces of the first sequences, and for each map f, p and linewidth as "
                + "colour maps with the threshold line I_th."})
public final class PlotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "an HDF5 measurement file")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the PNG files (created)")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Path> written = RunPlots.write(MeasurementFile.open(file), out);
        for (Path p : written) {
            System.out.println(p);
        }
        if (written.isEmpty()) {
            System.err.println("spinloop plot: " + file + " holds no points to plot");
        }
        return 0;
    }
}
