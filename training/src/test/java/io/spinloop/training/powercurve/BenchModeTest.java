package io.spinloop.training.powercurve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.bench.Instruments;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.SafetyLimits;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.autodiff.Tape;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.twin.physics.PowerCurveArray;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed-003 network on the emulated bench, through the real drivers over loopback sockets. */
class BenchModeTest {
    /** 2.5 mA ceiling (the device is damaged at 4 mA), 0.1 mA steps at 1 A/s so ramps take microseconds of wall time. */
    private static final SafetyLimits LIMITS = new SafetyLimits(2.5e-3, 2.0, 1.0, 1e-4);
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

    private static String tcp(EmulatedBench bench, String name) {
        InetSocketAddress a = bench.address(name);
        return "tcp://" + a.getHostString() + ":" + a.getPort();
    }

    @Test
    void calibratedOscillatorsRunTheNetworkAsTheirTwinPredicts() throws Exception {
        try (EmulatedBench bench = EmulatedBench.builder().seed(5)
                .device("stno1", DeviceParameters.defaults())
                .device("stno2", DeviceParameters.defaults())
                .currentSource("smu1", SourceModel.KEITHLEY_2400, 0, "stno1")
                .currentSource("smu2", SourceModel.KEITHLEY_2450, 0, "stno2")
                .analyzer("sa1", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno1")
                .analyzer("sa2", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno2")
                .timing(Timing.VIRTUAL)
                .start()) {
            List<BenchOscillator> oscs = new ArrayList<>();
            List<AutoCloseable> open = new ArrayList<>();
            try {
                for (int i = 1; i <= 2; i++) {
                    CurrentSource smu = Instruments.openCurrentSource("smu" + i, tcp(bench, "smu" + i), "auto", TIMEOUTS, LIMITS);
                    open.add(smu);
                    SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa" + i, tcp(bench, "sa" + i), "auto", TIMEOUTS);
                    open.add(sa);
                    BenchOscillator o = new BenchOscillator("stno" + i, smu, sa, 3.6e9, 5.4e9, 3e6, 4);
                    o.start();
                    oscs.add(o);
                }
                List<BenchCalibration> cals = new ArrayList<>();
                for (BenchOscillator o : oscs) {
                    BenchCalibration c = BenchCalibration.measure(o, 1e-3, 40);
                    // the emulated devices: threshold 1 mA with 5 % spread, a thermal tail just below it
                    assertEquals(1.0, c.curve().criticalCurrent(), 0.2, "fitted threshold of " + c);
                    assertTrue(c.rmsResidual() < 0.08, "fit residual (fraction of the largest power) of " + c);
                    cals.add(c);
                }
                BenchPowerCurveRunner runner = new BenchPowerCurveRunner(oscs, cals);
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
                runner.stopAll();
                for (String smu : List.of("smu1", "smu2")) {
                    List<SourceEvent> h = bench.history(smu);
                    for (SourceEvent e : h) {
                        assertTrue(Math.abs(e.level()) <= LIMITS.maxCurrent() + 1e-12, smu + " exceeded its limit: " + e);
                    }
                    SourceEvent last = h.get(h.size() - 1);
                    assertTrue(!last.outputOn() && Math.abs(last.level()) < 1e-12, smu + " must end off at 0 A: " + last);
                }
            } finally {
                for (AutoCloseable c : open) {
                    c.close();
                }
            }
        }
    }
}
