package io.spinloop.training.macrospin;

import io.spinloop.training.engine.LocalEngine;
import io.spinloop.training.engine.StudyEngine;
import io.spinloop.training.powercurve.DigitsTask;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Seed 002 Table II on the 8x8 digits: each configuration of trained parts at each coupling magnitude, trained at
 * {@code seeds} seeds from {@code firstSeed} (each seed its own 80:20 split, weights and coupling matrix), N
 * oscillators of {@link MacrospinNetworkConfig#digits}. Each cell and seed is an independent run: a task of a
 * {@link StudyEngine}.
 */
public record CouplingTable(double[] couplings, List<TrainedParts> rows, int oscillators, int epochs, int batch,
        long firstSeed, int seeds) {

    /** One trained cell at one seed: its last epoch and the wall time it took. */
    public record Run(TrainedParts parts, double coupling, long seed, MacrospinTrainer.Epoch last, double seconds)
            implements Serializable {
    }

    /** Test accuracy, mean over the seeds, of row r at coupling c: {@code [r][c]}; in this process, one run at a time. */
    public double[][] run(Consumer<Run> done) {
        return run(new LocalEngine(), 1, null, done);
    }

    /**
     * The table with each cell and seed one task on {@code engine} ({@code parallel} at a time on the local engine),
     * the digits sent to each worker once. With {@code dir}, the driver writes each run into {@code dir/cells.csv} as
     * it arrives and, started again, reads the runs there back instead of training them. {@code done} sees every
     * run, those read back first, on the calling thread.
     */
    public double[][] run(StudyEngine engine, int parallel, Path dir, Consumer<Run> done) {
        CouplingCellsFile file = dir == null ? null : new CouplingCellsFile(dir, oscillators, epochs, batch);
        Map<String, Run> runs = new HashMap<>();
        List<CouplingCell> todo = new ArrayList<>();
        for (CouplingCell cell : cells()) {
            Run r = file == null ? null : file.get(cell);
            if (r != null) {
                runs.put(cell.key(), r);
                done.accept(r);
            } else {
                todo.add(cell);
            }
        }
        engine.run(DigitsTask.load(), todo, parallel, (key, r) -> {
            if (file != null) {
                file.add(key, r);
            }
            runs.put(key, r);
            done.accept(r);
        });
        double[][] acc = new double[rows.size()][couplings.length];
        for (int c = 0; c < couplings.length; c++) {
            for (int r = 0; r < rows.size(); r++) {
                double sum = 0;
                for (int k = 0; k < seeds; k++) {
                    sum += runs.get(CouplingCell.key(rows.get(r), couplings[c], firstSeed + k)).last().testAccuracy();
                }
                acc[r][c] = sum / seeds;
            }
        }
        return acc;
    }

    /** Runs already in {@code dir}'s cells.csv (0 when there is none). */
    public int done(Path dir) {
        CouplingCellsFile file = new CouplingCellsFile(dir, oscillators, epochs, batch);
        int n = 0;
        for (CouplingCell cell : cells()) {
            n += file.get(cell) != null ? 1 : 0;
        }
        return n;
    }

    private List<CouplingCell> cells() {
        List<CouplingCell> out = new ArrayList<>();
        for (double coupling : couplings) {
            for (TrainedParts tp : rows) {
                for (int k = 0; k < seeds; k++) {
                    long seed = firstSeed + k;
                    out.add(new CouplingCell(CouplingCell.key(tp, coupling, seed), tp, coupling, seed, oscillators, epochs,
                            batch));
                }
            }
        }
        return out;
    }
}
