package io.spinloop.twin.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.SequenceRecorder;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.file.TwinRecord;
import io.spinloop.twin.fit.FitOptions;
import io.spinloop.twin.fit.Objective;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's calibration recorded through the measurement layer into /sequences, its neural-SDE twin fitted by the
 * twin module, written as a twin file and read back as a neuron; a twin file that is not a neuron's is refused. The
 * device here is simulated (a smooth response plus noise); the same fit on an emulated bench's calibration is the
 * training module's CalibratedNeuronTwinTest.
 */
class NeuronTwinFitTest {
    private static final double LO = 1.75e-3;
    private static final double HI = 2.55e-3;
    private static final ReadingScale SCALE = new ReadingScale(-80, 20);

    /** A calibration as the bench hands it over: its recording, held-out count, baseline twin and readout. */
    private record Calibration(String device, Path recording, int heldOut, ResponseTwin twin,
                               Map<String, Object> readoutProvenance) implements NeuronCalibration {
    }

    /**
     * Records {@code sequences} x {@code repeats} x {@code steps} readings of a simulated neuron (activation
     * 0.2 + 0.6 x², x the drive's place in the window, noise 0.04), source steps of at most 0.25 mA, the last
     * {@code heldOut} sequences held out of the baseline fit.
     */
    static Calibration calibrate(Path dir, int sequences, int heldOut, int repeats, int steps) throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        double[][] drives = new double[sequences][steps];
        for (double[] d : drives) {
            d[0] = LO + (HI - LO) * r.nextDouble();
            for (int t = 1; t < steps; t++) {
                d[t] = Math.max(LO, Math.min(HI, d[t - 1] + 2.4e-4 * (2 * r.nextDouble() - 1)));
            }
        }
        double[] time = new double[steps];
        for (int t = 0; t < steps; t++) {
            time[t] = t * 18e-3;
        }
        Provenance prov = Provenance.builder("test").physicallyMeasurable(true, "test").build();
        Path file = dir.resolve("neurons-stno-a.h5");
        int fitted = (sequences - heldOut) * repeats * steps;
        double[] x = new double[fitted];
        double[] y = new double[fitted];
        int k = 0;
        try (MeasurementRecorder rec = MeasurementRecorder.create(file, prov, OverwritePolicy.REFUSE)) {
            SequenceRecorder seq = rec.beginSequences("stno-a", time, repeats, Map.of("purpose", "test"));
            for (int rep = 0; rep < repeats; rep++) {
                for (int s = 0; s < sequences; s++) {
                    double[] powerW = new double[steps];
                    for (int t = 0; t < steps; t++) {
                        double u = (drives[s][t] - LO) / (HI - LO);
                        double activation = 0.2 + 0.6 * u * u + 0.04 * r.nextGaussian();
                        powerW[t] = 1e-3 * Math.pow(10, SCALE.dBm(activation) / 10);
                        if (s < sequences - heldOut) {
                            x[k] = drives[s][t];
                            y[k++] = activation;
                        }
                    }
                    seq.addRepeat(s, rep, drives[s], powerW);
                }
            }
            seq.finish();
        }
        ResponseTwin baseline = ResponseTwin.fit("stno-a", x, y, LO, HI, 16, 0.02, SCALE);
        Map<String, Object> readout = new LinkedHashMap<>();
        readout.put("neuron_zero_span_Hz", 4.67e9);
        readout.put("neuron_rbw_Hz", 8e6);
        return new Calibration("stno-a", file, heldOut, baseline, readout);
    }

    @Test
    void calibrationIsRecordedFittedWrittenAndReadBack(@TempDir Path dir) throws Exception {
        Calibration cal = calibrate(dir, 5, 2, 4, 30);
        // both power units: in W (the twin module's default) and in dB (log power, what the demo fits)
        for (boolean logPower : new boolean[] {false, true}) {
            NeuronTwinFit.Settings fs = new NeuronTwinFit.Settings(NeuralSdeArchitecture.standard(),
                    new FitOptions(3, 128, 2e-2, 3, 0.34, 1, 1, Objective.LIKELIHOOD, 8, logPower));
            Path twinFile = dir.resolve("twin-" + logPower + ".h5");
            NeuronTwinFit.Fitted f = NeuronTwinFit.fit(cal, twinFile, fs, null);
            assertEquals(3, f.fit().trainingSequences() + f.fit().heldOutSequences(), "held-out sequences never fitted");
            assertEquals(2, f.heldOut().sequences());
            assertEquals("stno-a", f.twin().device());
            assertEquals(cal.twin().scale(), f.twin().scale());
            // the neuron read back from the file answers as the fitted twin does
            SdeNeuronTwin fromFit = new SdeNeuronTwin("stno-a", f.fit().twin(), cal.twin().lowA(), cal.twin().highA(),
                    cal.twin().scale());
            double[] u = {1.8e-3, 2.1e-3, 2.5e-3};
            double[] z = {0.3, -1.2, 0.8};
            assertArrayEquals(readings(fromFit, u, z), readings(f.twin(), u, z), 1e-12);
            TwinRecord back = TwinFile.read(twinFile);
            assertEquals(4.67e9, ((Number) back.provenance().get("neuron_zero_span_Hz")).doubleValue(),
                    "the readout is kept for the bench side");
            // the slope handed to the backward pass is the twin's derivative
            double h = 1e-7;
            Tape tape = new Tape();
            Tensor at = Tensor.variable(1, 1, new double[] {2.2e-3});
            Tensor y = f.twin().observe(tape, f.twin().step(tape, null, at, NeuronTwin.STEP_S, null), at);
            tape.backward(y);
            double slope = tape.gradient(at)[0];
            double up = readings(f.twin(), new double[] {2.2e-3 + h}, null)[0];
            double down = readings(f.twin(), new double[] {2.2e-3 - h}, null)[0];
            assertEquals((up - down) / (2 * h), slope, 1e-3 * Math.abs(slope) + 1e-3);
            assertEquals(logPower, f.twin().twin().normalisation().logPower(), "the file keeps the power units");
            tableAgreesWithTheModel(f.twin());
        }
    }

    @Test
    void aTwinFileWithoutNeuronAttributesIsRefusedNamingTheAttribute(@TempDir Path dir) throws Exception {
        TwinRecord plain = new TwinRecord(new io.spinloop.twin.DigitalTwin(new io.spinloop.twin.model.NeuralSde(
                NeuralSdeArchitecture.standard(), 1), io.spinloop.twin.Normalisation.identity(), 0.018), Map.of(), null);
        Path f = dir.resolve("plain.h5");
        TwinFile.write(f, plain, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SdeNeuronTwin.of(TwinFile.read(f), f.toString()));
        assertTrue(e.getMessage().contains("plain.h5") && e.getMessage().contains("neuron_device"), e.getMessage());
        Map<String, Object> p = new HashMap<>(SdeNeuronTwin.neuronProvenance("x", 1e-3, 2e-3, new ReadingScale(-70, 15)));
        p.remove("neuron_span_dB");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> SdeNeuronTwin.of(new TwinRecord(plain.twin(), p, null), "t.h5"));
        assertTrue(e2.getMessage().contains("neuron_span_dB"), e2.getMessage());
    }

    /** The neuron's activation at drives {@code u} (A) with noise draws {@code z} (null: none), as networks read it. */
    static double[] readings(NeuronTwin t, double[] u, double[] z) {
        Tape tape = new Tape();
        Tensor ut = Tensor.constant(u.length, 1, u.clone());
        Tensor xi = z == null ? null : Tensor.constant(z.length, 1, z.clone());
        return t.observe(tape, t.step(tape, null, ut, NeuronTwin.STEP_S, xi), ut).data().clone();
    }

    /**
     * The neuron's step read off its table (what training uses) gives the values of running the model at the fixed
     * point, noise included, and its slope is the total derivative of those values (finite differences of the
     * model's step, whose fixed point and noise move with the drive).
     */
    static void tableAgreesWithTheModel(SdeNeuronTwin t) {
        double[] u = new double[41];
        double[] z = new double[u.length];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < u.length; i++) {
            u[i] = t.lowA() + (t.highA() - t.lowA()) * (i + 0.3) / u.length;
            z[i] = r.nextGaussian();
        }
        double h = 2e-8;
        double[] up = u.clone();
        double[] down = u.clone();
        for (int i = 0; i < u.length; i++) {
            up[i] += h;
            down[i] -= h;
        }
        for (double[] xi : new double[][] {null, z}) {
            double[][] viaTable = slopes(t, u, xi, false);
            double[] model = slopes(t, u, xi, true)[0];
            double[] modelUp = slopes(t, up, xi, true)[0];
            double[] modelDown = slopes(t, down, xi, true)[0];
            double scale = 0;
            double slopeScale = 0;
            for (int i = 0; i < u.length; i++) {
                scale = Math.max(scale, Math.abs(model[i]));
                slopeScale = Math.max(slopeScale, Math.abs(viaTable[1][i]));
            }
            for (int i = 0; i < u.length; i++) {
                String at = " at " + u[i] + (xi == null ? "" : " with noise");
                assertEquals(model[i], viaTable[0][i], 1e-4 * scale, "value" + at);
                assertEquals((modelUp[i] - modelDown[i]) / (2 * h), viaTable[1][i], 2e-2 * slopeScale, "slope" + at);
            }
        }
    }

    private static double[][] slopes(SdeNeuronTwin t, double[] u, double[] xi, boolean throughModel) {
        io.spinloop.autodiff.Tape tape = new io.spinloop.autodiff.Tape();
        io.spinloop.autodiff.Tensor ut = io.spinloop.autodiff.Tensor.variable(u.length, 1, u.clone());
        io.spinloop.autodiff.Tensor x = xi == null ? null : io.spinloop.autodiff.Tensor.constant(u.length, 1, xi.clone());
        io.spinloop.autodiff.Tensor y = throughModel ? t.stepThroughModel(tape, ut, x)
                : t.step(tape, null, ut, 0, x);
        tape.backward(y);
        return new double[][] {y.data().clone(), tape.gradient(ut).clone()};
    }
}
