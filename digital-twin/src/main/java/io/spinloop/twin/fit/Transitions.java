package io.spinloop.twin.fit;

import io.spinloop.twin.Normalisation;
import io.spinloop.twin.SequenceData;

/**
 * Every measured step as a teacher-forced transition in normalised units: previous power (before the first
 * step: zero power, the device at rest, as the twin's initial state), the drive held over the step, the power
 * at its end and, for a twin with drive history, the drives of the {@code history} steps before (newest first;
 * before the sequence: the first drive, as {@code NeuralSde#initialState}). Flat arrays, so batches are copies,
 * not objects.
 */
final class Transitions {
    final double[] previous;
    final double[] drive;
    final double[] next;
    /** Row k's past drives at [k h, k h + h); empty without history. */
    final double[] history;
    final int historyLength;

    Transitions(SequenceData data, Normalisation norm) {
        this(data, norm, 0);
    }

    Transitions(SequenceData data, Normalisation norm, int historyLength) {
        int n = data.sequences() * data.repeats() * data.steps();
        this.historyLength = historyLength;
        previous = new double[n];
        drive = new double[n];
        next = new double[n];
        history = new double[n * historyLength];
        int i = 0;
        // Sequences start from the device at rest: the source is off between them.
        double rest = norm.power(0.0);
        for (int s = 0; s < data.sequences(); s++) {
            double[] u = data.driveA()[s];
            for (int r = 0; r < data.repeats(); r++) {
                double[] p = data.powerW()[s][r];
                for (int t = 0; t < data.steps(); t++) {
                    previous[i] = t == 0 ? rest : norm.power(p[t - 1]);
                    drive[i] = norm.drive(u[t]);
                    next[i] = norm.power(p[t]);
                    for (int j = 0; j < historyLength; j++) {
                        history[i * historyLength + j] = t - 1 - j >= 0 ? norm.drive(u[t - 1 - j]) : norm.drive(u[0]);
                    }
                    i++;
                }
            }
        }
    }

    int size() {
        return next.length;
    }
}
