package io.spinloop.training.tune;

import io.spinloop.training.engine.ResultsFile;
import io.spinloop.training.run.RunDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A search's finished trials as the driver tells them, one row each keyed {@code trial-<n>}, in the order they
 * ended: the file a search interrupted on the driver resumes from. Values are written in full precision (a
 * resumed search must see the very history it would have seen) and each row carries the search's settings, so
 * rows of another search are refused rather than mixed in.
 */
public final class TrialsFile {
    private final ResultsFile file;
    private final List<Dimension> dims;
    private final String settings;

    private TrialsFile(ResultsFile file, List<Dimension> dims, String settings) {
        this.file = file;
        this.dims = dims;
        this.settings = settings;
    }

    static TrialsFile open(Path path, List<Dimension> dims, String settings) {
        StringBuilder header = new StringBuilder("key,trial,state,validation_accuracy,task_epochs,settings");
        dims.forEach(d -> header.append(',').append(d.name()));
        header.append(",values,note");
        return new TrialsFile(ResultsFile.open(path, header.toString()), dims, settings);
    }

    public Path path() {
        return file.path();
    }

    /** Trials in the file. */
    public int size() {
        return file.size();
    }

    static String key(int number) {
        return "trial-" + number;
    }

    /** The trials read back, by number; a row of other settings is refused naming the file. */
    List<Trial> trials(int upTo) {
        List<Trial> out = new ArrayList<>();
        for (int n = 0; n < upTo; n++) {
            String[] f = file.row(key(n));
            if (f == null) {
                continue;
            }
            if (!f[5].equals(settings)) {
                throw new RunDirectoryException(file.path() + ": " + key(n) + " is of another search (settings " + f[5]
                        + ", this one " + settings + "); choose another --out directory");
            }
            Map<String, Double> params = new LinkedHashMap<>();
            for (int i = 0; i < dims.size(); i++) {
                params.put(dims.get(i).name(), Double.parseDouble(f[6 + i]));
            }
            List<Double> values = new ArrayList<>();
            String v = f[6 + dims.size()];
            if (!v.isEmpty()) {
                for (String x : v.split(";")) {
                    values.add(Double.parseDouble(x));
                }
            }
            out.add(Trial.restored(n, params, values, Trial.State.valueOf(f[2]), Double.parseDouble(f[3]),
                    f[7 + dims.size()], Integer.parseInt(f[4])));
        }
        out.sort(Comparator.comparingInt(Trial::number));
        return out;
    }

    void add(Trial t) {
        StringBuilder row = new StringBuilder(key(t.number())).append(',').append(t.number()).append(',').append(t.state())
                .append(',').append(t.value()).append(',').append(t.taskEpochs()).append(',').append(settings);
        for (Dimension d : dims) {
            row.append(',').append(t.params().get(d.name()));
        }
        row.append(',');
        List<Double> values = t.intermediate();
        for (int i = 0; i < values.size(); i++) {
            row.append(i > 0 ? ";" : "").append(values.get(i));
        }
        row.append(',').append(t.note().replace(',', ' ').replace('\n', ' '));
        file.add(key(t.number()), row.toString());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TrialsFile[%s, %d trials]", file.path(), file.size());
    }
}
