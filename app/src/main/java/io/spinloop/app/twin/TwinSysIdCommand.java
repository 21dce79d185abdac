package io.spinloop.app.twin;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.config.Limits;
import io.spinloop.twin.fit.RecordedSequences;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.sysid.AutoOscillatorIdentification;
import io.spinloop.twin.sysid.Estimate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spinloop twin sysid --data F.h5}: the auto-oscillator's physical parameters with standard errors. */
@Command(name = "sysid", mixinStandardHelpOptions = true,
        description = {"System identification of the auto-oscillator (Γ_G, I_th, Q, noise D, output scale k) from "
            + "measured sequences: maximum likelihood in bounded parameters, Laplace standard errors.",
            "Quasi-static data (points many relaxation times apart) hold Γ_G fixed: only D/Γ_G is identifiable there."})
public final class TwinSysIdCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "F.h5", description = "measurement file(s) with /sequences")
    List<Path> data;

    @Option(names = "--min-drive", defaultValue = "0", paramLabel = "A",
            description = "use only steps with at least this current (A), e.g. to stay clear of the threshold (default: ${DEFAULT-VALUE})")
    double minDrive;

    @Option(names = "--iterations", defaultValue = "400", description = "Adam iterations before Newton (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--density", defaultValue = "moment-closure", paramLabel = "D",
            description = "transition density of the likelihood on data faster than the relaxation: moment-closure (the "
                    + "Gaussian of the moment equations over the step; default) or exact-step (the twin's own step, "
                    + "faster, biased on nanosecond data); quasi-static data always use exact-step")
    String density;

    @Option(names = "--json", description = "print the estimates as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        OptionChecks.check("--min-drive", minDrive, Limits.between(minDrive, 0, Limits.sourceRangeA()));
        OptionChecks.between("--iterations", iterations, 0, Limits.MAX_EPOCHS);
        SequenceData d = RecordedSequences.read(data).data();
        if (minDrive > 0) {
            d = keepAbove(d, minDrive);
        }
        AutoOscillatorIdentification.Density dens = switch (density) {
            case "moment-closure" -> AutoOscillatorIdentification.Density.MOMENT_CLOSURE;
            case "exact-step" -> AutoOscillatorIdentification.Density.EXACT_STEP;
            default -> throw new RefusedInputException("--density: expected moment-closure or exact-step, got \"" + density + "\"");
        };
        AutoOscillatorIdentification.Result r = new AutoOscillatorIdentification(d).withDensity(dens)
                .fit(TwinFitCommand.startValues(d), iterations, 0.05, json ? s -> { } : System.err::println);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("regime", r.quasiStatic() ? "quasi-static" : "dynamic");
            m.put("transitions", r.transitions());
            m.put("density", density);
            m.put("negative_log_likelihood", r.negativeLogLikelihood());
            for (Estimate e : r.estimates()) {
                m.put(e.name(), Map.of("value", e.value(), "standard_error", e.standardError(), "fitted", e.fitted(),
                        "lower", e.lower(), "upper", e.upper()));
            }
            JsonOutput.print(System.out, m);
        } else {
            System.out.println((r.quasiStatic() ? "quasi-static" : "dynamic") + " regime, " + r.transitions()
                    + " transitions, " + String.format("%.2f s", r.seconds()));
            r.estimates().forEach(e -> System.out.println("  " + e));
        }
        return 0;
    }

    /** Zeroes the drive (so the identification skips them) at steps below {@code min}. */
    static SequenceData keepAbove(SequenceData d, double min) {
        double[][] drive = new double[d.sequences()][];
        for (int s = 0; s < drive.length; s++) {
            drive[s] = d.driveA()[s].clone();
            for (int t = 0; t < drive[s].length; t++) {
                if (drive[s][t] < min) {
                    drive[s][t] = 0;
                }
            }
        }
        return new SequenceData(d.source(), d.timeS(), drive, d.powerW());
    }
}
