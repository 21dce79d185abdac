package io.spinloop.training.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spinloop.lab.list.RoundTrips;
import io.spinloop.training.mackeyglass.ForecastTask;
import io.spinloop.twin.neuron.ReadingScale;
import io.spinloop.twin.neuron.ResponseTwin;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chip-in-the-loop run interrupted after any step and resumed from its checkpoint ends with exactly the weights
 * of an uninterrupted run, when the chip answers the same drives the same way. (The emulated bench does not: its
 * clock follows the wall clock, so its readings differ from run to run; the deterministic twin stands in here.)
 */
class ChipTrainingResumeTest {
    private static final ForecastTask.Split TASK = ForecastTask.mackeyGlass(8, 3, 8, 3, 3.0, 5);
    private static final ChipTraining.Settings SETTINGS = new ChipTraining.Settings(2, 4, 0.01, 1.0, 7, false);

    private static List<ResponseTwin> twins() {
        double[] mean = {0.05, 0.2, 0.45, 0.7, 0.9};
        double[] noise = {0.02, 0.02, 0.03, 0.03, 0.02};
        return List.of(new ResponseTwin("d0", 2.15e-3, 2.95e-3, mean, noise, new ReadingScale(-74, 15)),
                new ResponseTwin("d1", 2.1e-3, 2.9e-3, mean, noise, new ReadingScale(-72, 14)));
    }

    private static NetworkWeights train(Path ckpt, int stopAfter) {
        List<ResponseTwin> t = twins();
        DriveMap map = DriveMap.of(t);
        NetworkWeights w = NetworkWeights.random(6, 3, false, 1.0, 0, 3);
        int[] steps = {0};
        ChipTraining.train(new QuasiStaticNetwork(map, 10), w, TASK.train(), TASK.test(),
                new TwinNeurons(t, map, false, 0), new RoundTrips(), SETTINGS, ckpt, new ChipTraining.Listener() {
                    @Override
                    public void stepDone(int epoch, int batch, double loss) {
                        if (++steps[0] == stopAfter) {
                            throw new IllegalStateException("interrupted");
                        }
                    }
                });
        return w;
    }

    @Test
    void resumedRunEndsWithTheWeightsOfAnUninterruptedOne(@TempDir Path dir) {
        NetworkWeights straight = train(dir.resolve("straight.json"), -1);
        for (int k = 1; k <= 3; k++) { // 2 epochs of 2 steps: interrupted within and at the end of an epoch
            Path ckpt = dir.resolve("interrupted-" + k + ".json");
            int stop = k;
            assertThrows(IllegalStateException.class, () -> train(ckpt, stop));
            NetworkWeights resumed = train(ckpt, -1);
            assertArrayEquals(straight.flat(), resumed.flat(), "interrupted after " + k + " of 4 steps");
        }
    }
}
