package io.spinloop.training.macrospin;

import io.spinloop.training.engine.ResultsFile;
import io.spinloop.training.run.RunDirectoryException;
import java.nio.file.Path;

/**
 * The coupling table's cells as the driver receives them, one row per cell and seed (keyed
 * {@code cm=<A>/<PARTS>/seed-<s>}), every figure of the cell's last epoch in full precision: the file a table cut
 * off on the driver resumes from. Each row carries N, epochs and batch; rows of other settings are refused.
 */
final class CouplingCellsFile {
    static final String NAME = "cells.csv";
    private static final String HEADER = "key,settings,epoch,train_loss,train_accuracy,test_accuracy,mean_field_Oe,"
            + "field_spread_Oe,current_A,damping,epoch_seconds,seconds";

    private final ResultsFile file;
    private final String settings;

    CouplingCellsFile(Path dir, int oscillators, int epochs, int batch) {
        this.file = ResultsFile.open(dir.resolve(NAME), HEADER);
        this.settings = "N" + oscillators + "-e" + epochs + "-b" + batch;
    }

    int size() {
        return file.size();
    }

    /** The run of {@code cell} read back, or null when it is not in the file. */
    CouplingTable.Run get(CouplingCell cell) {
        String[] f = file.row(cell.key());
        if (f == null) {
            return null;
        }
        if (!f[1].equals(settings)) {
            throw new RunDirectoryException(file.path() + ": " + cell.key() + " was trained with " + f[1] + ", not "
                    + settings + "; choose another --out directory");
        }
        MacrospinTrainer.Epoch e = new MacrospinTrainer.Epoch(Integer.parseInt(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]),
                d(f[7]), d(f[8]), d(f[9]), d(f[10]));
        return new CouplingTable.Run(cell.parts(), cell.coupling(), cell.seed(), e, d(f[11]));
    }

    void add(String key, CouplingTable.Run r) {
        MacrospinTrainer.Epoch e = r.last();
        file.add(key, String.join(",", key, settings, Integer.toString(e.epoch()), s(e.trainLoss()), s(e.trainAccuracy()),
                s(e.testAccuracy()), s(e.meanField()), s(e.fieldSpread()), s(e.current()), s(e.damping()), s(e.seconds()),
                s(r.seconds())));
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    private static String s(double v) {
        return Double.toString(v);
    }
}
