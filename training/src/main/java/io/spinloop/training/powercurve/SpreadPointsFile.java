package io.spinloop.training.powercurve;

import io.spinloop.training.engine.ResultsFile;
import io.spinloop.training.run.RunDirectoryException;
import java.nio.file.Path;

/**
 * A spread study's points as the driver receives them, one row per sigma (keyed {@code sigma-<i>}) in full
 * precision: what a study started again reads back. Each row carries the study's settings; rows of another study
 * are refused.
 */
final class SpreadPointsFile {
    private static final String HEADER = "key,settings,sigma,draws,mean,std,p05,median,p95,min";
    private final ResultsFile file;
    private final String settings;

    SpreadPointsFile(Path dir, SpreadStudy study) {
        this.file = ResultsFile.open(dir.resolve("points.csv"), HEADER);
        this.settings = Integer.toHexString(study.toString().hashCode());
    }

    SpreadStudy.Point get(String key) {
        String[] f = file.row(key);
        if (f == null) {
            return null;
        }
        if (!f[1].equals(settings)) {
            throw new RunDirectoryException(file.path() + ": " + key + " is of another spread study; choose another --out "
                    + "directory");
        }
        return new SpreadStudy.Point(d(f[2]), Integer.parseInt(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[8]), d(f[9]));
    }

    void add(String key, SpreadStudy.Point p) {
        file.add(key, String.join(",", key, settings, s(p.sigma()), Integer.toString(p.draws()), s(p.mean()), s(p.std()),
                s(p.p05()), s(p.median()), s(p.p95()), s(p.min())));
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    private static String s(double v) {
        return Double.toString(v);
    }
}
