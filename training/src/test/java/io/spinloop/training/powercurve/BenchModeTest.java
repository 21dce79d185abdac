package io.spinloop.training.powercurve;

import io.spinloop.training.data.SequenceDataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.Tape;
import io.spinloop.drivers.source.SafetyLimits;
import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.lab.RunProgress;
import io.spinloop.lab.powercurve.BenchCalibration;
import io.spinloop.lab.powercurve.PowerCurveBench;
import io.spinloop.twin.physics.PowerCurveArray;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed-003 network on the emulated bench, through the real drivers over loopback sockets. */
class BenchModeTest {
    /** 2.5 mA ceiling (the device is damaged at 4 mA), 0.1 mA steps at 1 A/s so ramps take microseconds of wall time. */
    private static final SafetyLimits LIMITS = PowerCurveBench.fastRamps(2.5e-3);

    @Test
    void calibratedOscillatorsRunTheNetworkAsTheirTwinPredicts() {
        try (PowerCurveBench bench = PowerCurveBench.emulatedOn(
                List.of(SourceModel.KEITHLEY_2400, SourceModel.KEITHLEY_2450), 5, LIMITS, 4)) {
            List<BenchCalibration> cals = bench.calibrate(1e-3, 40, RunProgress.silent());
            for (BenchCalibration c : cals) {
                // the emulated devices: threshold 1 mA with 5 % spread, a thermal tail just below it
                assertEquals(1.0, c.curve().criticalCurrent(), 0.2, "fitted threshold of " + c);
                assertTrue(c.rmsResidual() < 0.08, "fit residual (fraction of the largest power) of " + c);
            }
            BenchPowerCurveRunner runner = new BenchPowerCurveRunner(bench.oscillators(), cals);
            PowerCurveArray twin = runner.twin(4);
            assertEquals(2.5, twin.maxCurrent(), 1e-12, "the twin carries the sources' safety limit");
            SequenceDataset.Split split = SpiralTask.generate(1).split(0.8, 1);
            PowerCurveNetwork net = new PowerCurveNetwork(PowerCurveNetworkConfig.spiral(4, 2).withMaxCurrent(2.5), 3);
            PowerCurveTrainer.train(net, twin, split.train(), null, new PowerCurveTrainer.Options(5, 32, 0.01, 100, 1, 3), null);
            int rows = 12;
            double[] measured = runner.finalPowers(net, split.test().sequences(), 0, rows, null);
            double[] simulated = net.finalPowers(new Tape(), net.initialPowers(split.test().sequences(), 0, rows), twin).data();
            double meanAbs = 0;
            for (int i = 0; i < measured.length; i++) {
                meanAbs += Math.abs(measured[i] - simulated[i]) / measured.length;
            }
            // measured powers scatter by about 0.03 (trace noise with 4 averages, device fluctuations)
            assertTrue(meanAbs < 0.05, "bench and twin final powers differ by " + meanAbs + " on average");
            bench.stopAll();
            for (String smu : List.of("smu1", "smu2")) {
                List<SourceEvent> h = bench.emulator().history(smu);
                for (SourceEvent e : h) {
                    assertTrue(Math.abs(e.level()) <= LIMITS.maxCurrent() + 1e-12, smu + " exceeded its limit: " + e);
                }
                SourceEvent last = h.get(h.size() - 1);
                assertTrue(!last.outputOn() && Math.abs(last.level()) < 1e-12, smu + " must end off at 0 A: " + last);
            }
        }
    }

    @Test
    void aBenchModeRunScoresTheTwinAndTheBenchOnTheSameExamples() {
        SequenceDataset.Split split = SpiralTask.generate(1).split(0.8, 2);
        PowerCurveNetworkConfig config = PowerCurveNetworkConfig.spiral(4, 2).withMaxCurrent(2.5);
        BenchModeRun.Result r = BenchModeRun.run(new BenchModeRun.Plan(2, 2.5e-3, 4, split, 10, config,
                new PowerCurveTrainer.Options(3, 32, 0.01, 100, 1, 2), true, 2), RunProgress.silent());
        assertEquals(10, r.examples());
        assertEquals(10L * config.oscillators() * config.steps(), r.measurements());
        assertTrue(r.powerNoise() > 0, "the calibration measured a scatter: " + r.powerNoise());
        assertTrue(r.agreement() >= 0.7, "twin and bench mostly agree: " + r.agreement());
        assertTrue(r.benchClockS() > 0);
    }
}
