package io.spinloop.training.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.SequenceSet;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.file.TwinRecord;
import io.spinloop.twin.fit.FitOptions;
import io.spinloop.twin.fit.Objective;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's calibration recorded through the measurement layer into /sequences, its neural-SDE twin fitted by the
 * twin module, written as a twin file and read back as a neuron; a twin file that is not a neuron's is refused.
 */
class NeuronTwinFitTest {

    @Test
    void calibrationIsRecordedFittedWrittenAndReadBack(@TempDir Path dir) throws Exception {
        Provenance prov = Provenance.builder("test").physicallyMeasurable(true, "test").build();
        DeviceCalibration.Recorders recorders = id -> MeasurementRecorder.create(dir.resolve("neurons-" + id + ".h5"),
                prov, OverwritePolicy.REFUSE);
        try (EmulatedChip chip = new EmulatedChip(1, 5, d -> d);
             ChipSetup s = ChipSetup.calibrate(chip.ids, chip::open, ChipSetup.Search.defaults(),
                     c -> new DeviceCalibration(2.55e-3, 0.8e-3, 30e6, 30, 5, 2, 4, 1), recorders, new RoundTrips(),
                     m -> { })) {
            s.makeSafe();
            NeuronCalibration cal = s.calibrations().get(0);
            // the emulated 2400's list point: 1 ms source delay + 1 NPLC at 60 Hz + 0.4 ms overhead; 0.3 % of it is a
            // third of a point of drift of the zero span's time base over a 100-point list
            double truePeriod = 1e-3 + 1.0 / 60 + 0.4e-3;
            assertEquals(truePeriod, cal.settings().pointPeriodS(), 3e-3 * truePeriod, "measured list point period");
            SequenceSet set = MeasurementFile.open(cal.recording()).requireSequences();
            assertEquals(5, set.sequences());
            assertEquals(4, set.repeats());
            assertEquals(30, set.steps());
            assertTrue(set.complete());
            // what the file holds is what the calibration read: dBm of the stored power
            double p = set.powerW()[3][2][7];
            assertEquals(cal.readingsDbm()[3][2][7], 10 * Math.log10(p / 1e-3), 1e-9);
            assertArrayEquals(cal.drivesA()[1], set.driveA()[1], 0);
            for (int t = 1; t < 30; t++) {
                assertTrue(Math.abs(set.driveA()[0][t] - set.driveA()[0][t - 1]) <= 2.5e-4, "source step limit");
                assertTrue(set.driveA()[0][t] >= 1.75e-3 - 1e-12 && set.driveA()[0][t] <= 2.55e-3 + 1e-12, "window");
            }

            // both power units: in W (the twin module's default) and in dB (log power, what the demo fits)
            for (boolean logPower : new boolean[] {false, true}) {
            NeuronTwinFit.Settings fs = new NeuronTwinFit.Settings(NeuralSdeArchitecture.standard(),
                    new FitOptions(3, 128, 2e-2, 3, 0.34, 1, 1, Objective.LIKELIHOOD, 8, logPower));
            Path twinFile = dir.resolve("twin-" + logPower + ".h5");
            NeuronTwinFit.Fitted f = NeuronTwinFit.fit(cal, twinFile, fs, null);
            assertEquals(3, f.fit().trainingSequences() + f.fit().heldOutSequences(), "held-out sequences never fitted");
            assertEquals(2, f.heldOut().sequences());
            assertEquals(chip.ids.get(0), f.twin().device());
            assertEquals(cal.twin().scale(), f.twin().scale());
            // the neuron read back from the file answers as the fitted twin does
            SdeNeuronTwin fromFit = new SdeNeuronTwin(chip.ids.get(0), f.fit().twin(), cal.twin().lowA(), cal.twin().highA(),
                    cal.twin().scale());
            double[] u = {1.8e-3, 2.1e-3, 2.5e-3};
            assertArrayEquals(TwinNeurons.readings(fromFit, u, new SplittableRandom(3)),
                    TwinNeurons.readings(f.twin(), u, new SplittableRandom(3)), 1e-12);
            NeuronReadout r = NeuronReadout.of(TwinFile.read(twinFile).provenance(), twinFile.toString());
            assertEquals(cal.settings(), r.settings());
            assertEquals(cal.tracking(), r.tracking());
            // the slope handed to the backward pass is the twin's derivative
            double h = 1e-7;
            double[][] at = TwinNeurons.respond(f.twin(), new double[] {2.2e-3}, null, new io.spinloop.autodiff.Tape());
            double up = TwinNeurons.readings(f.twin(), new double[] {2.2e-3 + h}, null)[0];
            double down = TwinNeurons.readings(f.twin(), new double[] {2.2e-3 - h}, null)[0];
            assertEquals((up - down) / (2 * h), at[1][0], 1e-3 * Math.abs(at[1][0]) + 1e-3);
            assertEquals(logPower, f.twin().twin().normalisation().logPower(), "the file keeps the power units");
            tableAgreesWithTheModel(f.twin());
            }
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
