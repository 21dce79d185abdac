package io.spinloop.twin.fit;

import io.spinloop.twin.Normalisation;
import io.spinloop.twin.SequenceData;

/**
 * Every measured step as a teacher-forced transition in normalised units: previous power (before the first
 * step: zero power, the device at rest, as the twin's initial state), the drive held over the step, and the
 * power at its end. Flat arrays, so batches are copies, not objects.
 */
final class Transitions {
    final double[] previous;
    final double[] drive;
    final double[] next;

    Transitions(SequenceData data, Normalisation norm) {
        int n = data.sequences() * data.repeats() * data.steps();
        previous = new double[n];
        drive = new double[n];
        next = new double[n];
        int i = 0;
        // Sequences start from the device at rest: the source is off between them.
        double rest = norm.power(0.0);
        for (int s = 0; s < data.sequences(); s++) {
            for (int r = 0; r < data.repeats(); r++) {
                double[] p = data.powerW()[s][r];
                for (int t = 0; t < data.steps(); t++) {
                    previous[i] = t == 0 ? rest : norm.power(p[t - 1]);
                    drive[i] = norm.drive(data.driveA()[s][t]);
                    next[i] = norm.power(p[t]);
                    i++;
                }
            }
        }
    }

    int size() {
        return next.length;
    }
}
