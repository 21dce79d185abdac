package io.spinloop.training.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.lab.chip.NeuronReadout;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.SequenceSet;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.fit.FitOptions;
import io.spinloop.twin.fit.Objective;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.neuron.NeuronTwinFit;
import io.spinloop.twin.neuron.SdeNeuronTwin;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's calibration on an emulated bench, recorded through the measurement layer into /sequences, is what the
 * twin module fits a neuron twin from ({@link DeviceCalibration.Result} is its
 * {@link io.spinloop.twin.neuron.NeuronCalibration}); the neuron read back runs in {@link TwinNeurons} and keeps the
 * bench's readout. (The fit itself, on a simulated calibration, is digital-twin's NeuronTwinFitTest.)
 */
class CalibratedNeuronTwinTest {

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
            DeviceCalibration.Result cal = s.calibrations().get(0);
            // the emulated 2400's list point after *RST: 1 ms source delay + 1 NPLC at 60 Hz three times (auto zero) +
            // 0.4 ms overhead; 0.3 % of it is a third of a point of drift of the zero span's time base over a 100-point list
            double truePeriod = 1e-3 + 3.0 / 60 + 0.4e-3;
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

            NeuronTwinFit.Settings fs = new NeuronTwinFit.Settings(NeuralSdeArchitecture.standard(),
                    new FitOptions(3, 128, 2e-2, 3, 0.34, 1, 1, Objective.LIKELIHOOD, 8, true));
            Path twinFile = dir.resolve("twin.h5");
            NeuronTwinFit.Fitted f = NeuronTwinFit.fit(cal, twinFile, fs, null);
            assertEquals(3, f.fit().trainingSequences() + f.fit().heldOutSequences(), "held-out sequences never fitted");
            assertEquals(2, f.heldOut().sequences());
            assertEquals(chip.ids.get(0), f.twin().device());
            assertEquals(cal.twin().scale(), f.twin().scale());
            // the neuron read back from the file answers as the fitted twin does
            SdeNeuronTwin fromFit = new SdeNeuronTwin(chip.ids.get(0), f.fit().twin(), cal.twin().lowA(),
                    cal.twin().highA(), cal.twin().scale());
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
        }
    }
}
