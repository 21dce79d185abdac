package io.spinloop.training.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.LearningRateSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The loop's own contract, on a one-weight least-squares task whose every step is easy to follow. */
class TrainingLoopTest {

    /** Fits w to minimise sum (w - x_i)^2 by plain gradient steps; records the batches it saw. */
    static final class MeanTask implements TrainingLoop.Task<Double> {
        final double[] x;
        double w;
        final List<String> seen = new ArrayList<>();
        double poison = Double.NaN; // an example value that makes the loss NaN, to test divergence

        MeanTask(double... x) {
            this.x = x;
        }

        @Override
        public int examples() {
            return x.length;
        }

        @Override
        public void trainBatch(TrainingLoop.Batch batch, EpochTotals totals) {
            seen.add(batch.epoch() + ":" + Arrays.toString(batch.indices()));
            double g = 0;
            for (int i : batch.indices()) {
                double d = w - x[i];
                totals.addLoss(x[i] == poison ? Double.NaN : d * d);
                g += 2 * d;
            }
            w -= batch.learningRate() * g / batch.size();
        }

        @Override
        public Double endEpoch(int epoch, EpochTotals totals) {
            return totals.lossSum() / x.length;
        }
    }

    private static TrainingLoop<Double> loop(MeanTask task, int batch) {
        return new TrainingLoop<>(task, batch, ExampleOrder.perEpoch(e -> new Random(11 + e)),
                LearningRateSchedule.inverseTime(0.1, 5));
    }

    @Test
    void everyExampleOnceAnEpochInBatchesOfTheGivenSize() {
        MeanTask t = new MeanTask(1, 2, 3, 4, 5, 6, 7);
        List<Double> curve = loop(t, 3).run(TrainingLoop.Start.at(0), 4, null);
        assertEquals(4, curve.size());
        assertEquals(12, t.seen.size(), "3 batches (3 + 3 + 1) a epoch");
        for (int e = 0; e < 4; e++) {
            int[] all = t.seen.subList(3 * e, 3 * e + 3).stream()
                    .flatMap(s -> Arrays.stream(s.substring(s.indexOf('[') + 1, s.length() - 1).split(", ")))
                    .mapToInt(Integer::parseInt).sorted().toArray();
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, all);
        }
        assertTrue(curve.get(3) < curve.get(0), "the loss falls: " + curve);
    }

    @Test
    void aRunResumedInsideAnEpochEndsWhereAnUninterruptedOneDoes() {
        MeanTask straight = new MeanTask(1, 2, 3, 4, 5, 6, 7);
        List<Double> whole = loop(straight, 2).run(TrainingLoop.Start.at(0), 3, null);

        MeanTask first = new MeanTask(1, 2, 3, 4, 5, 6, 7);
        double[] saved = new double[3];
        class Stop extends RuntimeException {
        }
        assertThrows(Stop.class, () -> loop(first, 2).run(TrainingLoop.Start.at(0), 3, new TrainingLoop.Listener<>() {
            @Override
            public void batchDone(TrainingLoop.Batch batch, EpochTotals totals) {
                if (batch.epoch() == 1 && batch.index() == 1) {
                    saved[0] = first.w;
                    saved[1] = totals.lossSum();
                    saved[2] = totals.batches();
                    throw new Stop(); // a safe stop after a checkpointed step
                }
            }
        }));
        MeanTask resumed = new MeanTask(1, 2, 3, 4, 5, 6, 7);
        resumed.w = saved[0];
        List<Double> rest = loop(resumed, 2).run(new TrainingLoop.Start(1, 2,
                EpochTotals.resumed(1, saved[1], (int) saved[2])), 3, null);
        assertEquals(straight.w, resumed.w, 0.0);
        assertEquals(whole.subList(1, 3), rest);
    }

    @Test
    void aContinuingOrderReplaysTheSkippedEpochsWhenStartedLater() {
        ExampleOrder fromStart = ExampleOrder.continuing(new SplittableRandom(3));
        int[] a0 = fromStart.permutation(0, 9);
        int[] a1 = fromStart.permutation(1, 9);
        int[] a2 = fromStart.permutation(2, 9);
        ExampleOrder late = ExampleOrder.continuing(new SplittableRandom(3));
        assertArrayEquals(a2, late.permutation(2, 9));
        assertThrows(IllegalStateException.class, () -> late.permutation(1, 9));
        assertTrue(!Arrays.equals(a0, a1) || !Arrays.equals(a1, a2), "epochs are shuffled differently");
    }

    @Test
    void aNonFiniteLossStopsTheRunNamingEpochAndBatch() {
        MeanTask t = new MeanTask(1, 2, 3, 4);
        t.poison = 4;
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> loop(t, 1).run(TrainingLoop.Start.at(0), 2, null));
        assertEquals(0, e.epoch());
        assertTrue(e.getMessage().matches("training diverged in epoch 0, batch \\d: loss is NaN"), e.getMessage());
    }

    @Test
    void earlyStoppingEndsAfterPatienceEpochsWithoutImprovement() {
        // a task whose score improves for three epochs and then gets worse
        TrainingLoop.Task<Double> task = new TrainingLoop.Task<>() {
            @Override
            public int examples() {
                return 1;
            }

            @Override
            public void trainBatch(TrainingLoop.Batch batch, EpochTotals totals) {
                totals.addLoss(Math.abs(batch.epoch() - 2));
            }

            @Override
            public Double endEpoch(int epoch, EpochTotals totals) {
                return totals.lossSum();
            }
        };
        List<Double> curve = new TrainingLoop<>(task, 1, ExampleOrder.perEpoch(Random::new), e -> 1.0)
                .stopEarly(new TrainingLoop.EarlyStopping<>(d -> d, 2))
                .run(TrainingLoop.Start.at(0), 50, null);
        assertEquals(List.of(2.0, 1.0, 0.0, 1.0, 2.0), curve);
        assertThrows(IllegalArgumentException.class, () -> new TrainingLoop.EarlyStopping<Double>(d -> d, 0));
    }
}
