package io.spinloop.app.twin;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.twin.fit.RecordedSequences;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.file.TwinRecord;
import io.spinloop.twin.validate.ValidationReport;
import io.spinloop.twin.validate.Validator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spinloop twin check --twin T.h5 --data F.h5 [--json]}: judge a twin on measured sequences. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Judge a twin on measured sequences by distributions: mean-trajectory error, spread per time, "
            + "autocorrelation and Wasserstein distance, each next to the floor between two halves of the measured repeats.",
            "Exit code 0 when mean, spread and distance are within --factor of the floor, 3 when not."})
public final class TwinCheckCommand implements Callable<Integer> {

    @Option(names = "--twin", required = true, paramLabel = "T.h5", description = "twin file")
    Path twinFile;

    @Option(names = "--data", required = true, paramLabel = "F.h5", description = "measurement file(s) with /sequences, ideally not used for fitting")
    List<Path> data;

    @Option(names = "--seed", defaultValue = "7", description = "noise seed of the twin's samples (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--factor", defaultValue = "1.5", description = "acceptance: twin/floor at most this (default: ${DEFAULT-VALUE})")
    double factor;

    @Option(names = "--plot", paramLabel = "FAN.png", description = "write the measured-versus-twin fan of the first sequences")
    Path plot;

    @Option(names = "--json", description = "print the figures as JSON on standard output")
    boolean json;

    @Override
    public Integer call() throws Exception {
        OptionChecks.positive("--factor", factor);
        TwinRecord rec = TwinFile.read(twinFile);
        SequenceData d = RecordedSequences.read(data).data();
        if (Math.abs(d.sampleInterval() - rec.twin().sampleIntervalS()) > 1e-6 * rec.twin().sampleIntervalS()) {
            System.err.println("note: the data's sample interval " + d.sampleInterval() + " s differs from the twin's "
                    + rec.twin().sampleIntervalS() + " s; the twin is stepped at the data's interval");
        }
        ValidationReport r = Validator.validate(rec.twin(), d, seed);
        if (plot != null) {
            double[][][] sim = rec.twin().sample(d.driveA(), d.repeats(), seed + 1, true);
            FanPlot.write(plot, d, sim, 3, "measured (blue) vs twin (orange)");
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("twin_file", twinFile.toAbsolutePath().toString());
            m.put("model", rec.provenance().getOrDefault("model", rec.twin().model().kind()));
            m.put("data_files", data.stream().map(p -> p.toAbsolutePath().toString()).toList());
            m.put("validation", ReportJson.of(r));
            m.put("factor", factor);
            m.put("passes", r.passes(factor));
            JsonOutput.print(System.out, m);
        } else {
            System.out.println(twinFile + " (" + rec.provenance().getOrDefault("model", rec.twin().model().kind()) + ") on " + data);
            System.out.print(r.table());
        }
        return r.passes(factor) ? 0 : 3;
    }
}
