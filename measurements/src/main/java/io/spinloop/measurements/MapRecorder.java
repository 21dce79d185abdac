package io.spinloop.measurements;

import java.io.IOException;

/** Adds the points of one 2-D map; obtained from {@link MeasurementRecorder#beginMap}. */
public final class MapRecorder {
    private final MeasurementRecorder run;
    private final int index;
    private final MapGrid grid;
    private final int bins;
    private final boolean[] taken;
    private final double[] peakHz;
    private final double[] centreHz;
    private int points;
    private boolean finished;

    MapRecorder(MeasurementRecorder run, int index, MapGrid grid, int bins) {
        this.run = run;
        this.index = index;
        this.grid = grid;
        this.bins = bins;
        this.taken = new boolean[grid.points()];
        this.peakHz = new double[grid.points()];
        this.centreHz = new double[grid.points()];
    }

    /**
     * Records the point at grid position (ix, iy); when this returns it survives a crash of the process.
     *
     * @throws IllegalStateException if that grid point was already recorded (a map holds each point once)
     */
    public void addPoint(int ix, int iy, double[] spectrumDbm, double peakFrequencyHz, double powerW,
                         double linewidthHz) throws IOException {
        addPoint(ix, iy, spectrumDbm, peakFrequencyHz, powerW, linewidthHz, Double.NaN, Double.NaN);
    }

    /**
     * Records a point whose spectrum was taken at the analyzer centre {@code analyzerCentreHz} (NaN: the map's
     * frequency axis) with the slow axis read back as {@code yRead} (NaN: not read).
     */
    public void addPoint(int ix, int iy, double[] spectrumDbm, double peakFrequencyHz, double powerW,
                         double linewidthHz, double analyzerCentreHz, double yRead) throws IOException {
        String at = "map " + index + ", point (" + ix + ", " + iy + "): ";
        if (ix < 0 || ix >= grid.x().length || iy < 0 || iy >= grid.y().length) {
            throw new IllegalArgumentException(at + "outside the grid of " + grid.x().length + "×" + grid.y().length);
        }
        FiniteValues.requireFinite(at + "powerW", powerW);
        FiniteValues.requireFiniteOrNaN(at + "peakFrequencyHz", peakFrequencyHz);
        FiniteValues.requireFiniteOrNaN(at + "linewidthHz", linewidthHz);
        FiniteValues.requireFinite(at + "spectrumDbm", spectrumDbm);
        FiniteValues.requireFiniteOrNaN(at + "analyzerCentreHz", analyzerCentreHz);
        FiniteValues.requireFiniteOrNaN(at + "yRead", yRead);
        if (spectrumDbm.length != bins) {
            throw new IllegalArgumentException(at + "spectrum has " + spectrumDbm.length + " bins, the map's " + bins);
        }
        synchronized (run) {
            append(new JournalEntry.MapPoint(index, run.elapsedSeconds(), ix, iy, grid.x()[ix], grid.y()[iy],
                    grid.direction(iy), peakFrequencyHz, powerW, linewidthHz, spectrumDbm, analyzerCentreHz, yRead));
        }
    }

    /** Re-journals a point of the interrupted run being resumed, as it was (its timestamp kept). */
    void replay(JournalEntry.MapPoint p) throws IOException {
        synchronized (run) {
            append(p);
        }
    }

    private void append(JournalEntry.MapPoint p) throws IOException {
        int k = p.iy() * grid.x().length + p.ix();
        if (finished) {
            throw new IllegalStateException("map " + index + " is finished");
        }
        if (taken[k]) {
            throw new IllegalStateException("map " + index + ", point (" + p.ix() + ", " + p.iy()
                    + ") is already recorded; a map holds each grid point once");
        }
        run.append(p, true);
        taken[k] = true;
        peakHz[k] = p.powerW() > 0 ? p.peakFrequencyHz() : Double.NaN;
        centreHz[k] = p.analyzerCentreHz();
        points++;
    }

    /** Whether grid point (ix, iy) is recorded (by this run or the interrupted one it resumes). */
    public boolean taken(int ix, int iy) {
        synchronized (run) {
            return taken[iy * grid.x().length + ix];
        }
    }

    /** The fitted line centre at a recorded grid point; NaN where no line was found or nothing recorded. */
    public double lineHz(int ix, int iy) {
        synchronized (run) {
            int k = iy * grid.x().length + ix;
            return taken[k] ? peakHz[k] : Double.NaN;
        }
    }

    /** The analyzer centre a recorded grid point was taken at; NaN where the map's own axis or nothing recorded. */
    public double analyzerCentreHz(int ix, int iy) {
        synchronized (run) {
            int k = iy * grid.x().length + ix;
            return taken[k] ? centreHz[k] : Double.NaN;
        }
    }

    /** Marks the map complete. */
    public void finish() throws IOException {
        synchronized (run) {
            if (!finished) {
                run.append(new JournalEntry.MapFinished(index), false);
                finished = true;
            }
        }
    }

    public MapGrid grid() {
        return grid;
    }

    public int index() {
        return index;
    }

    public int points() {
        synchronized (run) {
            return points;
        }
    }
}
