package io.spinloop.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.LearningRateSchedule;
import io.spinloop.lab.RunStoppedException;
import io.spinloop.lab.bench.StopSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The loop stops between batches when the run's {@link StopSignal} asks (Ctrl-C or the live view's Stop), after
 * the batch in flight and its listener (where a checkpoint is written), not only between epochs.
 */
class TrainingLoopStopTest {
    private static TrainingLoop<Double> loop(TrainingLoopTest.MeanTask task) {
        return new TrainingLoop<>(task, 2, ExampleOrder.perEpoch(e -> new Random(3 + e)),
                LearningRateSchedule.inverseTime(0.1, 5));
    }

    @Test
    void aStopRequestedDuringABatchEndsTheRunAfterThatBatchAndItsListener() {
        TrainingLoopTest.MeanTask task = new TrainingLoopTest.MeanTask(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        AtomicBoolean stop = new AtomicBoolean();
        List<String> listened = new ArrayList<>();
        RunStoppedException e;
        try (StopSignal.Scope s = StopSignal.watch(stop::get)) {
            e = assertThrows(RunStoppedException.class, () -> loop(task).run(TrainingLoop.Start.at(0), 50,
                    new TrainingLoop.Listener<>() {
                        @Override
                        public void batchDone(TrainingLoop.Batch batch, EpochTotals totals) {
                            listened.add(batch.epoch() + ":" + batch.index());
                            if (batch.epoch() == 1 && batch.index() == 2) {
                                stop.set(true); // as the page's Stop pressed while batch 3 of epoch 2 trains
                            }
                        }
                    }));
        }
        assertEquals(List.of("0:0", "0:1", "0:2", "0:3", "0:4", "1:0", "1:1", "1:2"), listened);
        assertEquals(8, task.seen.size(), "no batch trained after the stop");
        assertTrue(e.getMessage().contains("in epoch 2 after batch 3 of 5"), e.getMessage());
    }

    @Test
    void withoutAScopeOrWithItsRequestFalseTheLoopRunsToItsEnd() {
        TrainingLoopTest.MeanTask task = new TrainingLoopTest.MeanTask(1, 2, 3, 4);
        assertEquals(3, loop(task).run(TrainingLoop.Start.at(0), 3, null).size());
        try (StopSignal.Scope s = StopSignal.watch(() -> false)) {
            assertEquals(3, loop(task).run(TrainingLoop.Start.at(0), 3, null).size());
        }
    }
}
