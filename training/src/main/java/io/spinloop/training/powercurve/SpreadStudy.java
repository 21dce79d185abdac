package io.spinloop.training.powercurve;

import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.engine.LocalEngine;
import io.spinloop.training.engine.StudyEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seed 003 Fig. 4: a network trained on identical devices (a = 4) is evaluated on devices whose a is drawn from
 * N(4, sigma^2), one draw per device, {@code draws} draws at each of {@code points} values of sigma spaced by
 * {@code sigmaStep} from 0. The network is trained once, with seed 003's settings ({@link PowerCurveRun#defaults}),
 * from {@code seed}, which also seeds the 80:20 split and the draws. Each sigma is a task of a {@link StudyEngine}.
 */
public record SpreadStudy(ClassificationTask task, long seed, int draws, double sigmaStep, int points, int epochs) {

    /** Test accuracy over the draws at one sigma. */
    public record Point(double sigma, int draws, double mean, double std, double p05, double median, double p95,
            double min) implements java.io.Serializable {
    }

    /** Progress of the study: the accuracy on identical devices, then each sigma as it is done. */
    public interface Listener {
        void trained(double nominalAccuracy);

        void pointDone(Point point);
    }

    /** In this process, the sigmas one after another. */
    public List<Point> run(Listener listener) {
        return run(new LocalEngine(), 1, null, listener);
    }

    /**
     * Trains the network here, then evaluates each sigma as one task on {@code engine} ({@code parallel} at a time on
     * the local engine), the network and test set sent to each worker once. With {@code dir}, each sigma's point goes
     * into {@code dir/points.csv} as it arrives and a study started again reads the points there back (the network is
     * trained again: it is one run, seeded). {@code listener} hears the points as they arrive, those read back first;
     * the result is in the order of sigma.
     */
    public List<Point> run(StudyEngine engine, int parallel, Path dir, Listener listener) {
        SequenceDataset.Split split = task.load(1).split(0.8, seed, SequenceDataset.Split.Rounding.NEAREST);
        PowerCurveRun run = PowerCurveRun.defaults(task).withEpochs(epochs);
        PowerCurveNetwork net = run.network(seed);
        run.train(net, split, seed, null);
        listener.trained(net.accuracy(split.test(), net.seedDevices()));
        SpreadPointsFile file = dir == null ? null : new SpreadPointsFile(dir, this);
        Point[] points = new Point[this.points];
        List<SpreadPoint> todo = new ArrayList<>();
        for (int i = 0; i < this.points; i++) {
            SpreadPoint p = new SpreadPoint("sigma-" + i, i, i * sigmaStep, draws);
            points[i] = file == null ? null : file.get(p.key());
            if (points[i] != null) {
                listener.pointDone(points[i]);
            } else {
                todo.add(p);
            }
        }
        engine.run(SpreadData.of(net, seed, split.test()), todo, parallel, (key, p) -> {
            if (file != null) {
                file.add(key, p);
            }
            points[Integer.parseInt(key.substring("sigma-".length()))] = p;
            listener.pointDone(p);
        });
        return List.of(points);
    }

    /** The study's one stream of device draws. */
    static Random draws(long seed) {
        return new Random(seed * 7919 + 17);
    }

    static Point summarise(double sigma, double[] acc) {
        int n = acc.length;
        Arrays.sort(acc);
        double m = Arrays.stream(acc).average().orElse(0);
        double var = 0;
        for (double a : acc) {
            var += (a - m) * (a - m) / Math.max(1, n - 1);
        }
        double median = n % 2 == 1 ? acc[n / 2] : 0.5 * (acc[n / 2 - 1] + acc[n / 2]);
        return new Point(sigma, n, m, Math.sqrt(var), acc[(int) Math.floor(0.05 * (n - 1))], median,
                acc[(int) Math.ceil(0.95 * (n - 1))], acc[0]);
    }
}
