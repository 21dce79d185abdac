package io.spinloop.app.measure;

import io.spinloop.app.SpinloopVersion;
import io.spinloop.lab.bench.Recording;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options every {@code spinloop measure} command takes. */
final class MeasureOptions {
    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml",
            description = "lab-config of the bench (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--device", paramLabel = "ID", description = "device to measure (default: the first in the config)")
    String device;

    @Option(names = "--out", required = true, paramLabel = "F.h5", description = "HDF5 file to write")
    Path out;

    @Option(names = "--overwrite", description = "replace --out if it exists (atomically, once the new file is complete)")
    boolean overwrite;

    @Option(names = "--json", description = "print a JSON summary on stdout (progress stays on stderr)")
    boolean json;

    @Option(names = "--quiet", description = "no progress display")
    boolean quiet;

    @picocli.CommandLine.Mixin
    RunLabelOptions labels;

    /** Where the run records, with the command line as typed (the root's parse result holds every argument). */
    Recording recording(CommandSpec spec) {
        return recording(spec, false);
    }

    /** As {@link #recording(CommandSpec)}; {@code resume} continues the interrupted run in {@code --out}. */
    Recording recording(CommandSpec spec, boolean resume) {
        String commandLine = "spinloop " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
        return new Recording(out, overwrite, commandLine, SpinloopVersion.current(), labels.labels(), resume);
    }
}
