package io.spinloop.twin.sysid;

import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.ReduceOps;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.BoundedScalar;
import io.spinloop.twin.Rollout;
import io.spinloop.twin.physics.MacrospinDevice;
import io.spinloop.twin.physics.MacrospinParameters;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Seed 002's system identification of a macrospin STO: teacher dynamics with the thermal field (Heun), the
 * student started from the teacher's state at the start of each trial and run without noise, the loss the mean
 * |m_x teacher - m_x student| over trials and the T sampled times, one physical parameter (H_appl, j_DC or α)
 * fitted by gradient descent through the integrator with a step of a tenth of its range (Adam-normalised),
 * halved whenever the loss rises, for a fixed number of epochs.
 */
public final class MacrospinIdentification {
    /** Which parameter is identified; the others are held at the teacher's values. */
    public enum Target { FIELD, CURRENT, DAMPING }

    /** The seed's ranges: 1500-2000 Oe, 2.5-7.5 mA, 0.001-0.01. */
    public static double lower(Target t) {
        return switch (t) {
            case FIELD -> 1500;
            case CURRENT -> 2.5e-3;
            case DAMPING -> 0.001;
        };
    }

    public static double upper(Target t) {
        return switch (t) {
            case FIELD -> 2000;
            case CURRENT -> 7.5e-3;
            case DAMPING -> 0.01;
        };
    }

    /** Result: the estimate, its error as a share of the parameter range, the loss per epoch. */
    public record Result(Target target, double truth, double estimate, double errorOfRange, double[] losses) {
    }

    private final MacrospinParameters constants;
    private final int trials;
    private final int samples;
    private final int substeps;
    private final double sampleS;

    /**
     * @param trials   teacher trials (the seed: 100)
     * @param samples  sampled times per trial (the seed: T = 10)
     * @param sampleS  sampling interval (the seed: 50 ps)
     * @param stepS    integrator step (the seed: 0.5 ps)
     */
    public MacrospinIdentification(MacrospinParameters constants, int trials, int samples, double sampleS, double stepS) {
        this.constants = constants;
        this.trials = trials;
        this.samples = samples;
        this.sampleS = sampleS;
        this.substeps = Math.max(1, (int) Math.round(sampleS / stepS));
    }

    /**
     * Identifies {@code target} from teacher dynamics at (field, current, damping), starting from the middle of its
     * range; the teacher is washed out for {@code washoutSamples} sampling intervals from +z with a small seeded tilt.
     */
    public Result identify(Target target, double field, double current, double damping, int washoutSamples, int epochs,
            long seed, Consumer<String> progress) {
        // Teacher: thermal Heun from tilted starts, washout, then the sampled window.
        MacrospinDevice teacher = new MacrospinDevice(constants, substeps, field, damping);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] m = new double[trials * 3];
        for (int i = 0; i < trials; i++) {
            double th = 0.05 + 0.1 * rng.nextDouble();
            double ph = 2 * Math.PI * rng.nextDouble();
            m[3 * i] = Math.sin(th) * Math.cos(ph);
            m[3 * i + 1] = Math.sin(th) * Math.sin(ph);
            m[3 * i + 2] = Math.cos(th);
        }
        Tensor cur = Tensor.constant(1, 1, current);
        SplittableRandom[] streams = new SplittableRandom[trials];
        for (int i = 0; i < trials; i++) {
            streams[i] = Rollout.stream(seed, i);
        }
        double[] start = null;
        double[][] target0 = new double[trials][samples];
        for (int k = 0; k < washoutSamples + samples; k++) {
            if (k == washoutSamples) {
                start = m.clone();
            }
            double[] z = new double[trials * 3 * substeps];
            for (int i = 0; i < trials; i++) {
                for (int j = 0; j < 3 * substeps; j++) {
                    z[i * 3 * substeps + j] = streams[i].nextGaussian();
                }
            }
            Tape tape = new Tape();
            Tensor next = teacher.step(tape, Tensor.constant(trials, 3, m), cur, sampleS, Tensor.constant(trials, 3 * substeps, z));
            m = next.data().clone();
            if (k >= washoutSamples) {
                for (int i = 0; i < trials; i++) {
                    target0[i][k - washoutSamples] = m[3 * i];
                }
            }
        }
        double lo = lower(target);
        double hi = upper(target);
        double truth = switch (target) {
            case FIELD -> field;
            case CURRENT -> current;
            case DAMPING -> damping;
        };
        // Student: the fitted parameter bounded to its range (a current bound of its own), the others at truth.
        BoundedScalar jDc = BoundedScalar.linear("j_DC_A", 2.5e-3, 7.5e-3, target == Target.CURRENT ? 0.5 * (lo + hi) : current);
        MacrospinDevice student = new MacrospinDevice(constants, substeps,
                target == Target.FIELD ? 0.5 * (lo + hi) : field, target == Target.DAMPING ? 0.5 * (lo + hi) : damping);
        BoundedScalar fitted = switch (target) {
            case FIELD -> student.bounded().get(0);
            case DAMPING -> student.bounded().get(1);
            case CURRENT -> jDc;
        };
        double lr = 0.1 * (hi - lo);
        double[] losses = new double[epochs];
        double prev = Double.POSITIVE_INFINITY;
        double mom = 0;
        double var = 0;
        for (int e = 0; e < epochs; e++) {
            Tape tape = new Tape();
            Tensor x = Tensor.constant(trials, 3, start.clone());
            Tensor u = jDc.value(tape);
            Tensor loss = null;
            for (int k = 0; k < samples; k++) {
                x = student.step(tape, x, u, sampleS, null);
                double[] t = new double[trials];
                for (int i = 0; i < trials; i++) {
                    t[i] = target0[i][k];
                }
                Tensor mx = student.observe(tape, x, u);
                Tensor d = ElementwiseOps.sub(tape, mx, Tensor.constant(trials, 1, t));
                // |d| as sqrt(d^2 + tiny): the seed's L1 loss, differentiable at 0.
                Tensor abs = ElementwiseOps.sqrt(tape, ElementwiseOps.shift(tape, ElementwiseOps.square(tape, d), 1e-12));
                Tensor s = ReduceOps.sum(tape, abs);
                loss = loss == null ? s : ElementwiseOps.add(tape, loss, s);
            }
            loss = ElementwiseOps.scale(tape, loss, 1.0 / (trials * samples));
            tape.backward(loss);
            losses[e] = loss.item();
            if (losses[e] > prev) {
                lr *= 0.5;
            }
            prev = losses[e];
            // Gradient with respect to the physical value: d loss / d raw divided by d value / d raw.
            double[] gRaw = tape.gradient(fitted.raw().value());
            double g = gRaw == null ? 0 : gRaw[0] / fitted.derivative();
            mom = 0.9 * mom + 0.1 * g;
            var = 0.999 * var + 0.001 * g * g;
            double mh = mom / (1 - Math.pow(0.9, e + 1));
            double vh = var / (1 - Math.pow(0.999, e + 1));
            double v = fitted.value() - lr * mh / (Math.sqrt(vh) + 1e-30);
            fitted.set(Math.max(lo, Math.min(hi, v)));
            progress.accept(String.format("epoch %d: loss %.5f, %s = %.6g", e + 1, losses[e], fitted.name(), fitted.value()));
        }
        double est = fitted.value();
        return new Result(target, truth, est, Math.abs(est - truth) / (hi - lo), losses);
    }
}
