package io.spinloop.app.data;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.measurements.MeasurementRecovery;
import io.spinloop.measurements.RecoveryReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spinloop data recover F}: an interrupted run's journal becomes a valid HDF5 file. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Turn what an interrupted run wrote (F.h5.journal) into a valid HDF5 file F.h5 holding every "
                + "completed point.", "FILE may name the .h5 file or its .journal."})
public final class DataRecoverCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "F.h5 or F.h5.journal")
    Path file;

    @Option(names = "--json", description = "print what was recovered as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RecoveryReport r = MeasurementRecovery.recover(file);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("output", r.output().toString());
            m.put("journal", r.journal().toString());
            m.put("sweep_points", r.sweepPoints());
            m.put("sequence_repeats", r.sequenceRepeats());
            m.put("dropped_bytes", r.droppedBytes());
            m.put("stop_reason", r.stopReason());
            m.put("already_finalised", r.alreadyFinalised());
            JsonOutput.print(System.out, m);
        } else {
            System.out.println(r.summary());
        }
        return 0;
    }
}
