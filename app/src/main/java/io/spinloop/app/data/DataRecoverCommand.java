package io.spinloop.app.data;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.measurements.MeasurementRecovery;
import io.spinloop.measurements.RecoveryReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spinloop data recover F}: an interrupted run's journal becomes a valid HDF5 file. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Turn what an interrupted run wrote (F.h5.journal) into a valid HDF5 file F.h5 holding every "
                + "completed point.", "FILE may name the .h5 file or its .journal.",
                "A damaged journal (records lost in the middle, not only a torn last record) is recovered as far as "
                + "it can be, record by record, and kept as F.h5.journal.damaged; the exit code is then 1."})
public final class DataRecoverCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "F.h5 or F.h5.journal")
    Path file;

    @Option(names = "--json", description = "print what was recovered as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

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
            m.put("damaged", r.damaged());
            m.put("damage", r.damage());
            m.put("missing_repeats", r.missingRepeats());
            m.put("kept_journal", r.keptJournal() == null ? null : r.keptJournal().toString());
            JsonOutput.print(System.out, m);
        } else {
            System.out.println(r.summary());
        }
        if (r.damaged()) {
            // Some of the run is lost: a script must not take this for a clean recovery.
            System.err.println(spec.qualifiedName() + ": " + r.journal() + ": the journal was damaged; "
                    + r.droppedBytes() + " bytes could not be read and what they held is lost (see above); "
                    + "the journal is kept as " + r.keptJournal());
            return 1;
        }
        return 0;
    }
}
