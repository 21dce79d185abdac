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
}
