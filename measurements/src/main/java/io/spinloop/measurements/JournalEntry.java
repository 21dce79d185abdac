package io.spinloop.measurements;

import java.time.Instant;
import java.util.Map;

/** One record of a run journal: every call of the recorder API that adds data becomes one entry. */
sealed interface JournalEntry {

    /** First record of every journal: who, when, what configuration, and how to lay the file out. */
    record RunStarted(String runId, Instant createdUtc, Provenance provenance, boolean compressSpectra)
            implements JournalEntry {
    }

    record SweepStarted(int sweep, String deviceId, double[] frequencyHz, Map<String, Object> settings)
            implements JournalEntry {
    }

    record SweepPoint(int sweep, double timestampS, double currentA, double peakFrequencyHz, double powerW,
                      double linewidthHz, double[] spectrumDbm) implements JournalEntry {
    }

    record SweepFinished(int sweep) implements JournalEntry {
    }

    record SequencesStarted(String deviceId, double[] timeS, int repeats, Map<String, Object> settings)
            implements JournalEntry {
    }

    record SequenceRepeat(int sequence, int repeat, double timestampS, double[] driveA, double[] powerW)
            implements JournalEntry {
    }

    record SequencesFinished() implements JournalEntry {
    }

    /** A 2-D map begins: its grid, axes and settings ({@link MapGrid}). */
    record MapStarted(int map, String deviceId, double[] frequencyHz, MapGrid grid, Map<String, Object> settings)
            implements JournalEntry {
    }

    /**
     * One point of a map: grid indices, the values set on both axes, the direction the fast axis was swept in
     * (+1 up, -1 down), the spectrum with its fitted line, the analyzer's centre frequency for this spectrum and the
     * slow axis as read back (NaN where not recorded: journals written before these two were added end earlier).
     */
    record MapPoint(int map, double timestampS, int ix, int iy, double x, double y, int direction,
                    double peakFrequencyHz, double powerW, double linewidthHz, double[] spectrumDbm,
                    double analyzerCentreHz, double yRead)
            implements JournalEntry {
    }

    record MapFinished(int map) implements JournalEntry {
    }

    /** The run was interrupted and resumed: when it was resumed, how many points it held, why it stopped. */
    record Interrupted(Interruption interruption) implements JournalEntry {
    }
}
