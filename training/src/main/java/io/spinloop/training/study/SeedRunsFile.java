package io.spinloop.training.study;

import io.spinloop.training.engine.ResultsFile;
import io.spinloop.training.run.TrainingConfig;
import io.spinloop.training.run.RunDirectoryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A seed study's {@code runs.csv}: one row per run, keyed {@code <variant>/seed-<n>}. Figures are written in
 * full (shortest round-trip form), so a study resumed from the file summarises exactly as one run straight through.
 */
final class SeedRunsFile {
    static final String HEADER = "run,variant,model,seed,dt_ns,tau_ns,density_inter,density_intra,test_accuracy,"
            + "final_test_accuracy,best_test_accuracy,median_epoch_seconds,status,settings";

    private SeedRunsFile() {
    }

    static ResultsFile open(Path dir) {
        return ResultsFile.open(dir.resolve("runs.csv"), HEADER);
    }

    static String key(String variant, long seed) {
        return variant.replace(',', ';') + "/seed-" + seed;
    }

    static String row(String key, SeedRun r) {
        TrainingConfig c = r.config();
        return String.join(",", key, r.variant().replace(',', ';'), c.model().name().toLowerCase(Locale.ROOT),
                Long.toString(c.seed()), Double.toString(c.dtNs()), Double.toString(c.tauNs()),
                Double.toString(c.densityInter()), Double.toString(c.densityIntra()),
                Double.toString(r.reportedTestAccuracy()), Double.toString(r.finalTestAccuracy()),
                Double.toString(r.bestTestAccuracy()), Double.toString(r.medianEpochSeconds()),
                r.status().replace(',', ';'), settings(c));
    }

    /**
     * A fingerprint of every setting of a run: a row is reused on resume only for the same settings (another
     * --epochs or --tau in the same --out is refused, not silently mixed in).
     */
    static String settings(TrainingConfig c) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(c.fingerprintText().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run a row records, with the config the (same) study asks for. */
    static SeedRun parse(Path file, String[] f, String variant, TrainingConfig config) {
        if (f.length != 14 || !f[13].equals(settings(config))) {
            throw new RunDirectoryException(file + " holds run " + f[0] + " with other settings than this study's; "
                    + "choose another --out directory or the same settings to resume");
        }
        return new SeedRun(variant, config, Double.parseDouble(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10]),
                Double.parseDouble(f[11]), f[12]);
    }
}
