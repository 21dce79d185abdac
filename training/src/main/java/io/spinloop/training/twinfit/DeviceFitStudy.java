package io.spinloop.training.twinfit;

import io.spinloop.training.engine.ResultsFile;
import io.spinloop.training.engine.StudyEngine;
import io.spinloop.training.run.InvalidOptionException;
import io.spinloop.training.run.RunDirectoryException;
import io.spinloop.twin.fit.TwinFitJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Twins fitted to many devices, one task per device's recording (its file name, without {@code .h5}, is its key).
 * The driver writes each fit into {@code DIR/fits.csv} as it arrives; started again, the study reads the fits there
 * back and fits only the other devices. Each row carries the fit's settings; rows of other settings are refused.
 */
public final class DeviceFitStudy {
    public static final String FILE = "fits.csv";
    private static final String HEADER = "key,settings,file,objective,best_epoch,sequences,repeats,mean_ratio,spread_ratio,"
            + "autocorr_ratio,distance_ratio,score,seconds,twin_file";

    private final Path dir;
    private final TwinFitJob.Settings settings;
    private final String command;
    private final String weightsDir;

    /** Fits with {@code settings}; twins go to {@code weightsDir} (a directory every worker sees) only when not null. */
    public DeviceFitStudy(Path dir, TwinFitJob.Settings settings, String command, String weightsDir) {
        this.dir = dir;
        this.settings = settings;
        this.command = command;
        this.weightsDir = weightsDir;
    }

    /** Each recording under its device name; two files of one name are refused (their rows would collide). */
    private static Map<String, Path> devices(List<Path> files) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.h5$", "");
            if (out.put(name, f) != null) {
                throw new InvalidOptionException("--data", f.toString(), "another recording is named " + name
                        + "; each device's file needs its own name (its fits.csv key)");
            }
        }
        return out;
    }

    private String settingsKey() {
        return Integer.toHexString(settings.toString().hashCode());
    }

    /** Fits already in fits.csv for these files. */
    public int done(List<Path> files) {
        ResultsFile file = ResultsFile.open(dir.resolve(FILE), HEADER);
        return (int) devices(files).keySet().stream().filter(file::has).count();
    }

    /**
     * Fits every device not in fits.csv on {@code engine} ({@code parallel} at a time on the local engine); {@code done}
     * sees each fit, those read back first, on the calling thread. Returns all fits in the order of {@code files}.
     */
    public List<DeviceFit> run(StudyEngine engine, int parallel, List<Path> files, Consumer<DeviceFit> done) {
        ResultsFile file = ResultsFile.open(dir.resolve(FILE), HEADER);
        Map<String, DeviceFit> fits = new LinkedHashMap<>();
        List<DeviceFitTask> todo = new ArrayList<>();
        String key = settingsKey();
        for (Map.Entry<String, Path> d : devices(files).entrySet()) {
            String[] row = file.row(d.getKey());
            if (row == null) {
                todo.add(new DeviceFitTask(d.getKey(), d.getValue().toAbsolutePath().toString(), settings, command, weightsDir));
                continue;
            }
            if (!row[1].equals(key)) {
                throw new RunDirectoryException(file.path() + ": " + d.getKey() + " was fitted with other settings; choose "
                        + "another --out directory");
            }
            DeviceFit f = new DeviceFit(row[0], row[2], row[3], Integer.parseInt(row[4]), Integer.parseInt(row[5]),
                    Integer.parseInt(row[6]), num(row[7]), num(row[8]), num(row[9]), num(row[10]), num(row[11]), num(row[12]),
                    row[13].isEmpty() ? null : row[13]);
            fits.put(d.getKey(), f);
            done.accept(f);
        }
        engine.run("", todo, parallel, (k, f) -> {
            file.add(k, String.join(",", k, key, f.file(), f.objective(), Integer.toString(f.bestEpoch()),
                    Integer.toString(f.sequences()), Integer.toString(f.repeats()), str(f.meanRatio()), str(f.spreadRatio()),
                    str(f.autocorrRatio()), str(f.distanceRatio()), str(f.score()), str(f.seconds()),
                    f.twinFile() == null ? "" : f.twinFile()));
            fits.put(k, f);
            done.accept(f);
        });
        List<DeviceFit> out = new ArrayList<>();
        devices(files).keySet().forEach(k -> out.add(fits.get(k)));
        return out;
    }

    private static double num(String s) {
        return Double.parseDouble(s);
    }

    private static String str(double v) {
        return Double.toString(v);
    }
}
