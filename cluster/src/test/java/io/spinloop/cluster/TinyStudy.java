package io.spinloop.cluster;

import io.spinloop.training.neuron.Integrator;
import io.spinloop.training.run.ModelKind;
import io.spinloop.training.run.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The small study the cluster tests run: two Δt variants of a 1x4 CTRNN on 48 digits, two epochs. */
final class TinyStudy {
    private TinyStudy() {
    }

    static TrainingConfig config(double dt, int epochs) {
        return new TrainingConfig("digits", ModelKind.CTRNN, epochs, 0, 0, dt, 5.0, 0.02, 8.0, 0.5, 0.5, 0.5, 1.0, 1, 4,
                24, 1.0, Integrator.EXACT, 1, 1.0, 1, 48, 24);
    }

    /** Three variants of runs long enough (a few seconds each) for a worker to die in the middle of one. */
    static Map<String, TrainingConfig> longer(int epochs) {
        Map<String, TrainingConfig> v = new LinkedHashMap<>();
        for (double dt : new double[] {0.5, 1.0, 2.0}) {
            v.put("ctrnn dt=" + dt, config(dt, epochs));
        }
        return v;
    }

    static Map<String, TrainingConfig> variants() {
        Map<String, TrainingConfig> v = new LinkedHashMap<>();
        v.put("ctrnn dt=1.0", config(1.0, 2));
        v.put("ctrnn dt=2.0", config(2.0, 2));
        return v;
    }

    /** The rows of a runs.csv in key order, without the wall-time column (the only one that may differ). */
    static TreeSet<String> withoutTimes(Path runsCsv) throws IOException {
        List<String> lines = Files.readAllLines(runsCsv);
        TreeSet<String> rows = new TreeSet<>();
        int seconds = List.of(lines.get(0).split(",")).indexOf("median_epoch_seconds");
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            f[seconds] = "";
            rows.add(String.join(",", f));
        }
        return rows;
    }
}
