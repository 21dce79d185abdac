package io.spinloop.training.powercurve;

import io.spinloop.training.engine.StudyTask;
import io.spinloop.twin.physics.PowerCurveArray;
import java.util.Random;

/**
 * One sigma of a {@link SpreadStudy} as an engine task: {@code draws} device draws evaluated on the trained network.
 * The draws come from the study's one random stream, as when the sigmas ran one after another in a single loop:
 * this task first skips the {@code index × draws} draws of the sigmas before it (each draw takes the same numbers
 * whatever its sigma), so its figures do not depend on where or in which order the sigmas run.
 */
record SpreadPoint(String key, int index, double sigma, int draws) implements StudyTask<SpreadData, SpreadStudy.Point> {
    private static final long serialVersionUID = 1L;

    @Override
    public SpreadStudy.Point run(SpreadData data) {
        PowerCurveNetwork net = data.network();
        PowerCurveArray identical = net.seedDevices();
        Random rng = SpreadStudy.draws(data.seed());
        for (long k = 0; k < (long) index * draws; k++) {
            identical.withSpreadInA(0, rng);
        }
        double[] acc = new double[draws];
        for (int d = 0; d < draws; d++) {
            acc[d] = net.accuracy(data.test(), identical.withSpreadInA(sigma, rng));
        }
        return SpreadStudy.summarise(sigma, acc);
    }
}
