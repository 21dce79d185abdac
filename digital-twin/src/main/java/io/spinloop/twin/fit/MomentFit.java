package io.spinloop.twin.fit;

import io.spinloop.autodiff.Adam;
import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.MatrixOps;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.ReduceOps;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.model.NeuralSde;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The distributional objective: over a window of {@code L} steps of one drive sequence, the twin runs free
 * (reparameterised noise) from each measured repeat's state at the window's start, and the loss compares,
 * per time, the mean, the standard deviation and the lag-1 autocovariance across repeats of the simulated
 * and the measured power. It sees the spread directly, so it cannot shrink the noise the way a likelihood
 * on a partly observed state can, and it trains latent states through the rollout.
 */
final class MomentFit {
    private static final int GROUPS = 16;

    private MomentFit() {
    }

    /** A window: sequence s, first step t0 (the state before it is the measured power at t0 - 1). */
    private record Window(int sequence, int start) {
    }

    static int train(NeuralSde sde, Normalisation norm, SequenceData train, SequenceData held, FitOptions opt,
            List<Double> trainLoss, List<Double> heldLoss, Consumer<String> progress) {
        int steps = train.steps();
        int len = Math.min(opt.window(), steps);
        double dt = norm.modelStep(train.sampleInterval());
        double[][][] yTrain = normalised(train, norm);
        double[][][] yHeld = normalised(held, norm);
        Parameters params = sde.parameters();
        Adam adam = new Adam();
        SplittableRandom rng = new SplittableRandom(opt.seed() * 131 + 3);
        int windowsPerEpoch = Math.max(GROUPS, Math.min(512, train.sequences() * Math.max(1, steps / len)));
        int batches = Math.max(1, windowsPerEpoch / GROUPS);
        Window[] heldWindows = new Window[Math.min(64, held.sequences() * Math.max(1, steps / len))];
        SplittableRandom hr = new SplittableRandom(opt.seed() + 99);
        for (int i = 0; i < heldWindows.length; i++) {
            heldWindows[i] = new Window(i % held.sequences(), hr.nextInt(steps - len + 1));
        }
        double bestLoss = Double.POSITIVE_INFINITY;
        double[][] bestParams = NeuralSdeFit.snapshot(params);
        int bestEpoch = 0;
        int since = 0;
        double lr0 = opt.learningRate() * 0.4;
        try (ParallelGradient pg = new ParallelGradient(opt.threads())) {
            for (int epoch = 0; epoch < opt.epochs(); epoch++) {
                double lr = lr0 / (1 + epoch / 10.0);
                double sum = 0;
                for (int b = 0; b < batches; b++) {
                    Window[] ws = new Window[GROUPS];
                    for (int g = 0; g < GROUPS; g++) {
                        ws[g] = new Window(rng.nextInt(train.sequences()), rng.nextInt(steps - len + 1));
                    }
                    long noiseSeed = rng.nextLong();
                    sum += pg.compute(params, GROUPS, (tape, from, to) ->
                            loss(tape, sde, norm, train, yTrain, ws, from, to, len, dt, noiseSeed, 1.0 / GROUPS), true);
                    params.firstNonFiniteGradient().ifPresent(where -> {
                        throw new ArithmeticException("moment fit diverged: gradient " + where);
                    });
                    params.clipElementwise(10.0);
                    adam.step(params, lr);
                }
                trainLoss.add(sum / batches);
                double h = pg.compute(params, heldWindows.length, (tape, from, to) ->
                        loss(tape, sde, norm, held, yHeld, heldWindows, from, to, len, dt, opt.seed() + 5, 1.0 / heldWindows.length),
                        false);
                heldLoss.add(h);
                progress.accept(String.format("moments epoch %d: train %.5f, held-out %.5f", epoch + 1, sum / batches, h));
                if (h < bestLoss * (1 - 1e-3)) {
                    bestLoss = h;
                    bestParams = NeuralSdeFit.snapshot(params);
                    bestEpoch = epoch + 1;
                    since = 0;
                } else if (++since >= opt.patience()) {
                    break;
                }
            }
        }
        NeuralSdeFit.restore(params, bestParams);
        return bestEpoch;
    }

    private static double[][][] normalised(SequenceData d, Normalisation norm) {
        double[][][] y = new double[d.sequences()][d.repeats()][d.steps()];
        for (int s = 0; s < d.sequences(); s++) {
            for (int r = 0; r < d.repeats(); r++) {
                for (int t = 0; t < d.steps(); t++) {
                    y[s][r][t] = norm.power(d.powerW()[s][r][t]);
                }
            }
        }
        return y;
    }

    /** Moment-matching loss of windows [from, to), times {@code weight} per window. */
    static Tensor loss(Tape tape, NeuralSde sde, Normalisation norm, SequenceData data, double[][][] y, Window[] ws, int from, int to,
            int len, double dt, long noiseSeed, double weight) {
        int groups = to - from;
        int reps = data.repeats();
        int n = groups * reps;
        int state = sde.stateSize();
        int dynamic = sde.architecture().dynamicSize();
        int history = sde.architecture().driveHistory();
        double[] avg = new double[groups * n];
        double[] expand = new double[n * groups];
        for (int g = 0; g < groups; g++) {
            for (int r = 0; r < reps; r++) {
                avg[g * n + g * reps + r] = 1.0 / reps;
                expand[(g * reps + r) * groups + g] = 1.0;
            }
        }
        Tensor a = Tensor.constant(groups, n, avg);
        Tensor e = Tensor.constant(n, groups, expand);
        double[] x0 = new double[n * state];
        for (int g = 0; g < groups; g++) {
            Window w = ws[from + g];
            for (int r = 0; r < reps; r++) {
                x0[(g * reps + r) * state] = w.start == 0 ? sde.restState() : y[w.sequence][r][w.start - 1];
                // Past drives (newest first) as measured; before the sequence, the first drive (NeuralSde#initialState).
                for (int j = 0; j < history; j++) {
                    int t = w.start - 1 - j;
                    x0[(g * reps + r) * state + dynamic + j] = t >= 0
                            ? norm.drive(data.driveA()[w.sequence][t]) : norm.drive(data.driveA()[w.sequence][0]);
                }
            }
        }
        Tensor x = Tensor.constant(n, state, x0);
        Tensor total = null;
        Tensor prevDev = null;
        double corr = reps / (reps - 1.0);
        for (int k = 0; k < len; k++) {
            double[] u = new double[n];
            double[] m = new double[groups];
            double[] sd = new double[groups];
            double[] c1 = new double[groups];
            for (int g = 0; g < groups; g++) {
                Window w = ws[from + g];
                int t = w.start + k;
                double drive = norm.drive(data.driveA()[w.sequence][t]);
                double mean = 0;
                for (int r = 0; r < reps; r++) {
                    u[g * reps + r] = drive;
                    mean += y[w.sequence][r][t] / reps;
                }
                double v = 0;
                double c = 0;
                for (int r = 0; r < reps; r++) {
                    double d = y[w.sequence][r][t] - mean;
                    v += d * d;
                    if (k > 0) {
                        double pm = 0;
                        for (int q = 0; q < reps; q++) {
                            pm += y[w.sequence][q][t - 1] / reps;
                        }
                        c += d * (y[w.sequence][r][t - 1] - pm) / reps;
                    }
                }
                m[g] = mean;
                sd[g] = Math.sqrt(v / reps * corr + 1e-6);
                c1[g] = c;
            }
            Tensor ut = Tensor.constant(n, 1, u);
            Tensor xi = null;
            if (sde.noiseSize() > 0) {
                double[] z = new double[n * sde.noiseSize()];
                for (int g = 0; g < groups; g++) {
                    SplittableRandom r = new SplittableRandom(noiseSeed ^ ((long) (from + g) * 0x9E3779B97F4A7C15L + k));
                    for (int i = 0; i < reps * sde.noiseSize(); i++) {
                        z[g * reps * sde.noiseSize() + i] = r.nextGaussian();
                    }
                }
                xi = Tensor.constant(n, sde.noiseSize(), z);
            }
            x = sde.step(tape, x, ut, dt, xi);
            Tensor obs = sde.observe(tape, x, ut);
            Tensor mean = MatrixOps.matmul(tape, a, obs);
            Tensor dev = ElementwiseOps.sub(tape, obs, MatrixOps.matmul(tape, e, mean));
            Tensor var = ElementwiseOps.scale(tape, MatrixOps.matmul(tape, a, ElementwiseOps.square(tape, dev)), corr);
            Tensor sdev = ElementwiseOps.sqrt(tape, ElementwiseOps.shift(tape, var, 1e-6));
            Tensor term = ElementwiseOps.add(tape,
                    ElementwiseOps.square(tape, ElementwiseOps.sub(tape, mean, Tensor.constant(groups, 1, m))),
                    ElementwiseOps.square(tape, ElementwiseOps.sub(tape, sdev, Tensor.constant(groups, 1, sd))));
            if (prevDev != null) {
                Tensor cov = MatrixOps.matmul(tape, a, ElementwiseOps.mul(tape, prevDev, dev));
                term = ElementwiseOps.add(tape, term,
                        ElementwiseOps.square(tape, ElementwiseOps.sub(tape, cov, Tensor.constant(groups, 1, c1))));
            }
            Tensor s = ReduceOps.sum(tape, term);
            total = total == null ? s : ElementwiseOps.add(tape, total, s);
            prevDev = dev;
        }
        return ElementwiseOps.scale(tape, total, weight / len);
    }
}
