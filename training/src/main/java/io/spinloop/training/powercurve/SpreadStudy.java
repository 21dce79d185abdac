package io.spinloop.training.powercurve;

import io.spinloop.training.data.SequenceDataset;
import io.spinloop.twin.physics.PowerCurveArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seed 003 Fig. 4: a network trained on identical devices (a = 4) is evaluated on devices whose a is drawn from
 * N(4, sigma^2), one draw per device, {@code draws} draws at each of {@code points} values of sigma spaced by
 * {@code sigmaStep} from 0. The network is trained once, with seed 003's settings ({@link PowerCurveRun#defaults}),
 * from {@code seed}, which also seeds the 80:20 split and the draws.
 */
public record SpreadStudy(ClassificationTask task, long seed, int draws, double sigmaStep, int points, int epochs) {

    /** Test accuracy over the draws at one sigma. */
    public record Point(double sigma, int draws, double mean, double std, double p05, double median, double p95,
            double min) {
    }

    /** Progress of the study: the accuracy on identical devices, then each sigma as it is done. */
    public interface Listener {
        void trained(double nominalAccuracy);

        void pointDone(Point point);
    }

    public List<Point> run(Listener listener) {
        SequenceDataset.Split split = task.load(1).split(0.8, seed, SequenceDataset.Split.Rounding.NEAREST);
        PowerCurveRun run = PowerCurveRun.defaults(task).withEpochs(epochs);
        PowerCurveNetwork net = run.network(seed);
        run.train(net, split, seed, null);
        PowerCurveArray identical = net.seedDevices();
        listener.trained(net.accuracy(split.test(), identical));
        Random rng = new Random(seed * 7919 + 17);
        List<Point> result = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double sigma = i * sigmaStep;
            double[] acc = new double[draws];
            for (int d = 0; d < draws; d++) {
                acc[d] = net.accuracy(split.test(), identical.withSpreadInA(sigma, rng));
            }
            Point p = summarise(sigma, acc);
            result.add(p);
            listener.pointDone(p);
        }
        return result;
    }

    private static Point summarise(double sigma, double[] acc) {
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
