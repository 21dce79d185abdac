package io.spinloop.measurements;

import java.io.IOException;

/** Adds the points of one current sweep; obtained from {@link MeasurementRecorder#beginSweep}. */
public final class SweepRecorder {
    private final MeasurementRecorder run;
    private final int index;
    private final int bins;
    private int points;
    private boolean finished;

    SweepRecorder(MeasurementRecorder run, int index, int bins) {
        this.run = run;
        this.index = index;
        this.bins = bins;
    }

    /**
     * Records one point; when this returns, the point survives a crash of the process (and a power cut
     * with {@link JournalSync#EVERY_RECORD}). The spectrum is copied, the caller may reuse its array.
     *
     * @param currentA        drive current
     * @param spectrumDbm     (M) trace, finite values
     * @param peakFrequencyHz fitted line centre, NaN if no line was found
     * @param powerW          integrated power of the line
     * @param linewidthHz     fitted FWHM, NaN if no line was found
     */
    public void addPoint(double currentA, double[] spectrumDbm, double peakFrequencyHz, double powerW,
                         double linewidthHz) throws IOException {
        String at = "sweep " + index + ", point " + points + ": ";
        FiniteValues.requireFinite(at + "currentA", currentA);
        FiniteValues.requireFinite(at + "powerW", powerW);
        FiniteValues.requireFiniteOrNaN(at + "peakFrequencyHz", peakFrequencyHz);
        FiniteValues.requireFiniteOrNaN(at + "linewidthHz", linewidthHz);
        FiniteValues.requireFinite(at + "spectrumDbm", spectrumDbm);
        if (spectrumDbm.length != bins) {
            throw new IllegalArgumentException(at + "spectrum has " + spectrumDbm.length
                    + " bins, the sweep's frequency axis " + bins);
        }
        synchronized (run) {
            if (finished) {
                throw new IllegalStateException(at + "the sweep is finished");
            }
            run.append(new JournalEntry.SweepPoint(index, run.elapsedSeconds(), currentA, peakFrequencyHz,
                    powerW, linewidthHz, spectrumDbm), true);
            points++;
        }
    }

    /** Re-journals a point of the interrupted run being resumed, as it was (its timestamp kept). */
    void replay(JournalEntry.SweepPoint p) throws IOException {
        synchronized (run) {
            run.append(p, true);
            points++;
        }
    }

    /** Marks the sweep complete (a sweep never finished is stored with {@code complete = 0}). */
    public void finish() throws IOException {
        synchronized (run) {
            if (!finished) {
                run.append(new JournalEntry.SweepFinished(index), false);
                finished = true;
            }
        }
    }

    /** Position of this sweep under {@code /sweeps}. */
    public int index() {
        return index;
    }

    public int points() {
        synchronized (run) {
            return points;
        }
    }
}
