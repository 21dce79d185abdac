package io.spinloop.twin.fit;

import io.spinloop.autodiff.Adam;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Parameters;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.model.NeuralSde;
import io.spinloop.twin.model.TransitionLossKernel;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.validate.ValidationReport;
import io.spinloop.twin.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Fits a neural-SDE twin to measured sequences: seeded split into training and held-out sequences,
 * normalisation from the training data, Adam on the chosen {@link Objective}, early stopping on the
 * held-out loss (best epoch kept), and validation of the result on the held-out sequences against the
 * measured floor.
 */
public final class NeuralSdeFit {
    private NeuralSdeFit() {
    }

    public static FitResult fit(SequenceData data, NeuralSdeArchitecture arch, FitOptions opt, Consumer<String> progress) {
        long start = System.nanoTime();
        SequenceData[] split = data.split(opt.heldOutFraction(), opt.seed());
        SequenceData train = split[0];
        SequenceData held = split[1];
        Normalisation norm = opt.normalisation(train);
        NeuralSde sde = new NeuralSde(arch, opt.seed());
        sde.setRestState(norm.power(0.0));
        DigitalTwin twin = new DigitalTwin(sde, norm, data.sampleInterval());
        List<Double> trainLoss = new ArrayList<>();
        List<Double> heldLoss = new ArrayList<>();
        Objective objective = opt.objective();
        if (arch.latent() > 0 && objective != Objective.MOMENTS) {
            // Latent states are not measured, so a teacher-forced likelihood cannot see them.
            progress.accept("latent states need the distributional objective: using MOMENTS");
            objective = Objective.MOMENTS;
        }
        int best;
        Objective used = objective;
        ValidationReport report;
        if (objective == Objective.MOMENTS) {
            best = MomentFit.train(sde, norm, train, held, opt, trainLoss, heldLoss, progress);
            report = Validator.validate(twin, held, opt.seed() + 17);
        } else {
            best = trainLikelihood(sde, norm, train, held, opt, trainLoss, heldLoss, progress);
            report = Validator.validate(twin, held, opt.seed() + 17);
            if (objective == Objective.AUTO && arch.diffusion()) {
                double[][] likelihoodParams = snapshot(sde.parameters());
                progress.accept("likelihood twin: " + report.twin() + " (score " + fmt(report.score()) + ")");
                List<Double> mt = new ArrayList<>();
                List<Double> mh = new ArrayList<>();
                int bestMoments = MomentFit.train(sde, norm, train, held, opt, mt, mh, progress);
                ValidationReport momentReport = Validator.validate(twin, held, opt.seed() + 17);
                progress.accept("moment-matched twin: " + momentReport.twin() + " (score " + fmt(momentReport.score()) + ")");
                if (momentReport.score() < report.score()) {
                    report = momentReport;
                    used = Objective.MOMENTS;
                    best = bestMoments;
                    trainLoss.addAll(mt);
                    heldLoss.addAll(mh);
                } else {
                    restore(sde.parameters(), likelihoodParams);
                    used = Objective.LIKELIHOOD;
                }
            } else {
                used = Objective.LIKELIHOOD;
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new FitResult(twin, used, trainLoss, heldLoss, best, seconds, report, train.sequences(), held.sequences());
    }

    private static String fmt(double v) {
        return String.format("%.3f", v);
    }

    static int trainLikelihood(NeuralSde sde, Normalisation norm, SequenceData train, SequenceData held, FitOptions opt,
            List<Double> trainLoss, List<Double> heldLoss, Consumer<String> progress) {
        int history = sde.architecture().driveHistory();
        Transitions tr = new Transitions(train, norm, history);
        Transitions ho = new Transitions(held, norm, history);
        double dt = norm.modelStep(train.sampleInterval());
        Parameters params = sde.parameters();
        Adam adam = new Adam();
        SplittableRandom rng = new SplittableRandom(opt.seed() * 31 + 7);
        int n = tr.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int batch = Math.min(opt.batchSize(), n);
        double bestLoss = Double.POSITIVE_INFINITY;
        double[][] bestParams = snapshot(params);
        int bestEpoch = 0;
        int since = 0;
        List<Parameter> plist = params.list();
        try (ParallelGradient pg = new ParallelGradient(opt.threads())) {
            TransitionLossKernel[] kernels = new TransitionLossKernel[pg.threads()];
            for (int i = 0; i < kernels.length; i++) {
                kernels[i] = opt.precision().kernel(sde);
            }
            for (int epoch = 0; epoch < opt.epochs(); epoch++) {
                shuffle(order, rng);
                double lr = opt.learningRate() / (1 + epoch / 4.0);
                double sum = 0;
                for (int from = 0; from + batch <= n; from += batch) {
                    int f0 = from;
                    double w = 1.0 / batch;
                    double[] losses = pg.parts(batch, (part, a, b) -> {
                        kernels[part].zeroGrad();
                        return kernels[part].transitionLoss(tr.previous, tr.drive, tr.history, tr.next, order, f0 + a, f0 + b, dt, w,
                                true);
                    });
                    params.zeroGrad();
                    for (int k = 0; k < losses.length; k++) {
                        sum += losses[k];
                        double[][] g = kernels[k].gradients();
                        for (int i = 0; i < g.length; i++) {
                            double[] dst = plist.get(i).grad();
                            for (int e = 0; e < dst.length; e++) {
                                dst[e] += g[i][e];
                            }
                        }
                    }
                    params.firstNonFiniteGradient().ifPresent(where -> {
                        throw new ArithmeticException("neural-SDE fit diverged: gradient " + where);
                    });
                    params.clipElementwise(10.0);
                    adam.step(params, lr);
                }
                trainLoss.add(sum / (n / batch));
                double h = heldOutLikelihood(pg, kernels, ho, dt);
                heldLoss.add(h);
                progress.accept(String.format("epoch %d: train %.4f, held-out %.4f", epoch + 1, trainLoss.get(epoch), h));
                if (h < bestLoss - 1e-4) {
                    bestLoss = h;
                    bestParams = snapshot(params);
                    bestEpoch = epoch + 1;
                    since = 0;
                } else if (++since >= opt.patience()) {
                    break;
                }
            }
        }
        restore(params, bestParams);
        return bestEpoch;
    }

    static double heldOutLikelihood(ParallelGradient pg, TransitionLossKernel[] kernels, Transitions ho, double dt) {
        int n = ho.size();
        double[] losses = pg.parts(n, (part, a, b) ->
                kernels[part].transitionLoss(ho.previous, ho.drive, ho.history, ho.next, null, a, b, dt, 1.0 / n, false));
        double total = 0;
        for (double l : losses) {
            total += l;
        }
        return total;
    }

    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static double[][] snapshot(Parameters params) {
        List<Parameter> list = params.list();
        double[][] s = new double[list.size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = list.get(i).value().data().clone();
        }
        return s;
    }

    static void restore(Parameters params, double[][] s) {
        List<Parameter> list = params.list();
        for (int i = 0; i < s.length; i++) {
            list.get(i).set(s[i]);
        }
    }
}
