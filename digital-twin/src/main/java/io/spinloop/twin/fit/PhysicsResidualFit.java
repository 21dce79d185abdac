package io.spinloop.twin.fit;

import io.spinloop.autodiff.Adam;
import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.ReduceOps;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.model.AutoOscillatorStep;
import io.spinloop.twin.model.PhysicsResidualArchitecture;
import io.spinloop.twin.model.PhysicsResidualSde;
import io.spinloop.twin.sysid.AutoOscillatorIdentification;
import io.spinloop.twin.validate.ValidationReport;
import io.spinloop.twin.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Fits a {@link PhysicsResidualSde}: the auto-oscillator's parameters by system identification on the training
 * sequences first (the physics prior), then the residual drift and the diffusion correction (and, when the
 * architecture says so, the physical parameters with a tenth of the learning rate) by Adam on the Gaussian
 * transition likelihood of the measured power, teacher-forced: the state before a step is read off the measured
 * power, {@code p = P / (k I²)}, which the physics makes possible and the pure neural SDE cannot do. Early stopping
 * on the held-out likelihood; validation on the held-out sequences against the measured floor.
 */
public final class PhysicsResidualFit {
    /** Learning rate of the physical parameters relative to the networks'. */
    static final double PHYSICS_RATE = 0.1;

    private PhysicsResidualFit() {
    }

    /** The fit and the system-identified physics it started from. */
    public record Result(FitResult fit, AutoOscillatorIdentification.Result physicsPrior) {
    }

    /**
     * @param driftHidden units per hidden layer of the residual drift
     * @param fitPhysics  train the physical parameters jointly (else hold them at the system-identified values)
     */
    public static Result fit(SequenceData data, int driftHidden, boolean fitPhysics, FitOptions opt, Consumer<String> progress) {
        long start = System.nanoTime();
        SequenceData[] split = data.split(opt.heldOutFraction(), opt.seed());
        SequenceData train = split[0];
        SequenceData held = split[1];
        // Data faster than the relaxation get the moment-closure density, in the prior's identification and in the step.
        AutoOscillatorIdentification.Result prior = new AutoOscillatorIdentification(train)
                .withDensity(AutoOscillatorIdentification.Density.MOMENT_CLOSURE).fit(AutoOscillatorIdentification.startValues(train), 400, 0.05, progress);
        progress.accept("physics prior (system identification on the training sequences):");
        prior.estimates().forEach(e -> progress.accept("  " + e));
        AutoOscillator.Values phys = prior.values();
        PhysicsResidualArchitecture arch = scaled(train, phys.outputScale())
                .withDriftHidden(driftHidden).withFitPhysics(fitPhysics).withMomentClosure(!prior.quasiStatic());
        PhysicsResidualSde model = new PhysicsResidualSde(arch, phys, opt.seed());
        DigitalTwin twin = new DigitalTwin(model, Normalisation.identity(), data.sampleInterval());
        List<Double> trainLoss = new ArrayList<>();
        List<Double> heldLoss = new ArrayList<>();
        int best = trainLikelihood(model, train, held, opt, trainLoss, heldLoss, progress);
        ValidationReport report = Validator.validate(twin, held, opt.seed() + 17);
        double seconds = (System.nanoTime() - start) * 1e-9;
        FitResult r = new FitResult(twin, Objective.LIKELIHOOD, trainLoss, heldLoss, best, seconds, report,
                train.sequences(), held.sequences());
        return new Result(r, prior);
    }

    /** Feature scaling from the training data: mean and spread of p = P/(k I²) and of the drive. */
    static PhysicsResidualArchitecture scaled(SequenceData d, double k) {
        double sp = 0;
        double sp2 = 0;
        double si = 0;
        double si2 = 0;
        long n = 0;
        for (int s = 0; s < d.sequences(); s++) {
            for (int t = 0; t < d.steps(); t++) {
                double i = d.driveA()[s][t];
                for (int r = 0; r < d.repeats(); r++) {
                    double p = i != 0 ? d.powerW()[s][r][t] / (k * i * i) : 0;
                    sp += p;
                    sp2 += p * p;
                    si += i;
                    si2 += i * i;
                    n++;
                }
            }
        }
        double mp = sp / n;
        double mi = si / n;
        double vp = Math.max(0, sp2 / n - mp * mp);
        double vi = Math.max(0, si2 / n - mi * mi);
        double ps = vp > 0 ? Math.sqrt(vp) : 1;
        double is = vi > 0 ? Math.sqrt(vi) : (mi != 0 ? Math.abs(mi) : 1);
        return PhysicsResidualArchitecture.standard(mp, ps, mi, is, d.sampleInterval());
    }

    /**
     * Teacher-forced transitions in physical units, keeping those with current through the device before and
     * after the step (the state is read off the power); the first step of a repeat starts from rest.
     */
    static final class PowerTransitions {
        /** P_{t-1} / I_{t-1}² (0 for the first step). */
        final double[] prevPerI2;
        /** 1 for the first step of a repeat (state = rest), else 0. */
        final double[] atRest;
        final double[] drive;
        final double[] driveSquared;
        final double[] next;
        final double scale;

        PowerTransitions(SequenceData d) {
            List<double[]> rows = new ArrayList<>();
            double s2 = 0;
            for (int s = 0; s < d.sequences(); s++) {
                double[] i = d.driveA()[s];
                for (int r = 0; r < d.repeats(); r++) {
                    double[] p = d.powerW()[s][r];
                    for (int t = 0; t < d.steps(); t++) {
                        if (i[t] == 0 || (t > 0 && i[t - 1] == 0)) {
                            continue;
                        }
                        rows.add(new double[] {t == 0 ? 0 : p[t - 1] / (i[t - 1] * i[t - 1]), t == 0 ? 1 : 0, i[t], p[t]});
                        s2 += p[t] * p[t];
                    }
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(d.source() + ": /sequences/drive_A: no step with current through the "
                        + "device: nothing to fit the physics-residual twin to");
            }
            int n = rows.size();
            prevPerI2 = new double[n];
            atRest = new double[n];
            drive = new double[n];
            driveSquared = new double[n];
            next = new double[n];
            for (int k = 0; k < n; k++) {
                double[] row = rows.get(k);
                prevPerI2[k] = row[0];
                atRest[k] = row[1];
                drive[k] = row[2];
                driveSquared[k] = row[2] * row[2];
                next[k] = row[3];
            }
            scale = Math.sqrt(s2 / n);
        }

        int size() {
            return next.length;
        }
    }

    /**
     * Sum over rows {@code index[from..to)} (rows from..to when index is null) of weight times the negative log
     * density of the measured power P_t under the model's Gaussian step from p_{t-1} = P_{t-1}/(k I_{t-1}²), in
     * units of the power scale (without ½ log 2π).
     */
    static Tensor loss(Tape tape, PhysicsResidualSde model, PowerTransitions tr, int[] index, int from, int to, double dt,
            double weight) {
        int n = to - from;
        double[] a = new double[n];
        double[] c = new double[n];
        double[] u = new double[n];
        double[] u2 = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int k = index == null ? from + i : index[from + i];
            a[i] = tr.prevPerI2[k];
            c[i] = tr.atRest[k] * AutoOscillatorStep.EPSILON;
            u[i] = tr.drive[k];
            // Powers in units of the data's power scale keep the loss O(1).
            u2[i] = tr.driveSquared[k] / tr.scale;
            y[i] = tr.next[k] / tr.scale;
        }
        Tensor k = model.physics().outputScale(tape);
        // p_{t-1} = P_{t-1} / (k I_{t-1}²): the state depends on k, so a fitted k moves it.
        Tensor x = ElementwiseOps.add(tape, ElementwiseOps.div(tape, Tensor.constant(n, 1, a), k), Tensor.constant(n, 1, c));
        Tensor ut = Tensor.constant(n, 1, u);
        AutoOscillator.Transition t = model.transition(tape, x, ut, dt);
        Tensor gain = ElementwiseOps.mul(tape, Tensor.constant(n, 1, u2), k);
        Tensor mu = ElementwiseOps.mul(tape, gain, t.mean());
        Tensor sd = ElementwiseOps.mul(tape, gain, t.std());
        Tensor z = ElementwiseOps.div(tape, ElementwiseOps.sub(tape, Tensor.constant(n, 1, y), mu), sd);
        Tensor perRow = ElementwiseOps.add(tape, ElementwiseOps.scale(tape, ElementwiseOps.square(tape, z), 0.5),
                ElementwiseOps.log(tape, sd));
        return ElementwiseOps.scale(tape, ReduceOps.sum(tape, perRow), weight);
    }

    static int trainLikelihood(PhysicsResidualSde model, SequenceData train, SequenceData held, FitOptions opt,
            List<Double> trainLoss, List<Double> heldLoss, Consumer<String> progress) {
        PowerTransitions tr = new PowerTransitions(train);
        PowerTransitions ho = new PowerTransitions(held);
        double dt = train.sampleInterval();
        boolean fitPhysics = model.architecture().fitPhysics();
        Parameters all = model.parameters();
        Adam adamResidual = new Adam();
        Adam adamPhysics = new Adam();
        SplittableRandom rng = new SplittableRandom(opt.seed() * 31 + 7);
        int n = tr.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int batch = Math.min(opt.batchSize(), n);
        double bestLoss = Double.POSITIVE_INFINITY;
        double[][] bestParams = NeuralSdeFit.snapshot(all);
        int bestEpoch = 0;
        int since = 0;
        try (ParallelGradient pg = new ParallelGradient(opt.threads())) {
            double h0 = heldOut(pg, all, model, ho, dt);
            progress.accept(String.format("physics prior alone: held-out %.4f", h0));
            bestLoss = h0;
            for (int epoch = 0; epoch < opt.epochs(); epoch++) {
                NeuralSdeFit.shuffle(order, rng);
                double lr = opt.learningRate() / (1 + epoch / 4.0);
                double sum = 0;
                int batches = 0;
                for (int from = 0; from + batch <= n; from += batch) {
                    int f0 = from;
                    int b = batch;
                    sum += pg.compute(all, batch, (tape, a, c) -> loss(tape, model, tr, order, f0 + a, f0 + c, dt, 1.0 / b), true);
                    batches++;
                    all.firstNonFiniteGradient().ifPresent(where -> {
                        throw new ArithmeticException("physics-residual fit diverged: gradient " + where);
                    });
                    all.clipElementwise(10.0);
                    adamResidual.step(model.residualParameters(), lr);
                    if (fitPhysics) {
                        adamPhysics.step(model.physicsParameters(), lr * PHYSICS_RATE);
                    }
                }
                trainLoss.add(sum / batches);
                double h = heldOut(pg, all, model, ho, dt);
                heldLoss.add(h);
                progress.accept(String.format("epoch %d: train %.4f, held-out %.4f", epoch + 1, sum / batches, h));
                if (h < bestLoss - 1e-4) {
                    bestLoss = h;
                    bestParams = NeuralSdeFit.snapshot(all);
                    bestEpoch = epoch + 1;
                    since = 0;
                } else if (++since >= opt.patience()) {
                    break;
                }
            }
        }
        NeuralSdeFit.restore(all, bestParams);
        return bestEpoch;
    }

    private static double heldOut(ParallelGradient pg, Parameters all, PhysicsResidualSde model, PowerTransitions ho, double dt) {
        int n = ho.size();
        return pg.compute(all, n, (tape, a, b) -> loss(tape, model, ho, null, a, b, dt, 1.0 / n), false);
    }
}
