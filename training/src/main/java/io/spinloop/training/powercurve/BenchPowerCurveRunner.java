package io.spinloop.training.powercurve;

import io.spinloop.autodiff.LossOps;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.lab.powercurve.BenchCalibration;
import io.spinloop.lab.powercurve.BenchOscillator;
import io.spinloop.twin.physics.PowerCurve;
import io.spinloop.twin.physics.PowerCurveArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Bench mode of the seed-003 network: every time step computes the currents {@code I = (p A + B)^2} in
 * software (the seed's CMOS part), sets them on the oscillators, and reads the powers back from the
 * analyzers; the readout runs in software on the final measured powers.
 *
 * <p>With fewer oscillators than neurons the bench is time-multiplexed: neuron j runs on oscillator
 * {@code j mod D}. Within a time step the points of one oscillator are visited in order of current
 * (alternately rising and falling between steps), so the source moves in small steps instead of
 * ramping up and down for every point.
 */
public final class BenchPowerCurveRunner {
    private final List<BenchOscillator> oscillators;
    private final List<BenchCalibration> calibrations;

    public BenchPowerCurveRunner(List<BenchOscillator> oscillators, List<BenchCalibration> calibrations) {
        if (oscillators.isEmpty() || oscillators.size() != calibrations.size()) {
            throw new IllegalArgumentException("need one calibration per oscillator, got " + oscillators.size()
                    + " oscillators and " + calibrations.size() + " calibrations");
        }
        this.oscillators = List.copyOf(oscillators);
        this.calibrations = List.copyOf(calibrations);
    }

    /** The devices as the twin of this bench: neuron j gets the fitted curve of oscillator j mod D. */
    public PowerCurveArray twin(int neurons) {
        PowerCurve[] curves = new PowerCurve[neurons];
        double ceiling = Double.POSITIVE_INFINITY;
        for (int j = 0; j < neurons; j++) {
            BenchCalibration c = calibrations.get(j % oscillators.size());
            curves[j] = c.curve();
            ceiling = Math.min(ceiling, oscillators.get(j % oscillators.size()).maxCurrent() / c.currentUnit());
        }
        return PowerCurveArray.of(curves).withMaxCurrent(ceiling);
    }

    /** Progress of a bench run, after each time step. */
    @FunctionalInterface
    public interface Progress {
        void stepDone(int step, int steps, int measurements);
    }

    /** Measured final powers p(n) of rows {@code from..to-1}, {@code rows x k}. */
    public double[] finalPowers(PowerCurveNetwork network, double[][] features, int from, int to, Progress progress) {
        int k = network.config().oscillators();
        int rows = to - from;
        double[] p = network.initialPowers(features, from, to).data().clone();
        int d = oscillators.size();
        int measured = 0;
        for (int t = 0; t < network.config().steps(); t++) {
            Tape tape = new Tape();
            double[] currents = network.currents(tape, Tensor.constant(rows, k, p.clone()), t).data();
            double[] next = new double[rows * k];
            for (int dev = 0; dev < d; dev++) {
                BenchOscillator osc = oscillators.get(dev);
                BenchCalibration cal = calibrations.get(dev);
                List<Integer> cells = new ArrayList<>();
                for (int r = 0; r < rows; r++) {
                    for (int j = dev; j < k; j += d) {
                        cells.add(r * k + j);
                    }
                }
                boolean rising = t % 2 == 0;
                cells.sort((x, y) -> rising ? Double.compare(currents[x], currents[y]) : Double.compare(currents[y], currents[x]));
                for (int cell : cells) {
                    // never ask beyond the source's limit: the network was trained with the same ceiling
                    double amps = Math.min(currents[cell] * cal.currentUnit(), osc.maxCurrent());
                    double watts = osc.emittedPower(amps);
                    next[cell] = cal.normalizedPower(watts, amps);
                    measured++;
                }
            }
            p = next;
            if (progress != null) {
                progress.stepDone(t + 1, network.config().steps(), measured);
            }
        }
        return p;
    }

    /** Predicted classes from measured final powers. */
    public static int[] predict(PowerCurveNetwork network, double[] finalPowers, int rows) {
        Tape tape = new Tape();
        Tensor logits = network.logits(tape, Tensor.constant(rows, network.config().oscillators(), finalPowers));
        return LossOps.argmax(logits);
    }

    /** Accuracy of {@code predictions} against labels {@code from..to-1}. */
    public static double accuracy(int[] predictions, int[] labels, int from) {
        int correct = 0;
        for (int i = 0; i < predictions.length; i++) {
            correct += predictions[i] == labels[from + i] ? 1 : 0;
        }
        return correct / (double) predictions.length;
    }
}
