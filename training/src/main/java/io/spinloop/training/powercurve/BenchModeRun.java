package io.spinloop.training.powercurve;

import io.spinloop.lab.RunProgress;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.lab.powercurve.BenchCalibration;
import io.spinloop.lab.powercurve.PowerCurveBench;
import io.spinloop.twin.physics.PowerCurveArray;
import java.util.List;
import java.util.Locale;

/**
 * Bench mode of the seed-003 network, start to end: the lab calibrates each oscillator's power curve on an emulated
 * bench ({@link PowerCurveBench}), the network is trained on the fitted curves (its twin; noise-aware with the
 * measured scatter about the fits, if asked), then the test examples run on the oscillators themselves, every time
 * step setting currents and reading powers ({@link BenchPowerCurveRunner}), and both are scored. What
 * {@code spinloop seeds bench} runs.
 */
public final class BenchModeRun {
    /** Currents of the calibration sweeps are in units of 1 mA, so a threshold of about one unit is the seed's Ic = 1. */
    private static final double CURRENT_UNIT_A = 1e-3;
    /** Currents per calibration sweep. */
    private static final int CALIBRATION_POINTS = 40;

    private BenchModeRun() {
    }

    /**
     * What to run.
     *
     * @param devices     emulated oscillators; neurons are time-multiplexed onto them
     * @param maxCurrentA the sources' safety limit, A (the network's ceiling, in mA, must be the same)
     * @param averages    analyzer sweeps averaged per point
     * @param examples    test examples run on the bench (the first ones of the split's test set)
     * @param training    how to train on the fitted curves (the power noise is set from the calibration)
     * @param seed        of the bench's devices and the network
     */
    public record Plan(int devices, double maxCurrentA, int averages, SequenceDataset.Split split, int examples,
                       PowerCurveNetworkConfig network, PowerCurveTrainer.Options training, boolean noiseAware,
                       long seed) {
    }

    /**
     * What the run found.
     *
     * @param labels       of the examples run
     * @param powerNoise   mean scatter of the normalized power about the fitted curves
     * @param measurements powers read on the bench
     * @param wallS        wall time of the bench pass, s
     * @param benchClockS  the bench's own clock at the end, s
     */
    public record Result(int[] labels, int[] twinPredictions, int[] benchPredictions, double twinAccuracy,
                         double benchAccuracy, double powerNoise, long measurements, double wallS,
                         double benchClockS) {
        public int examples() {
            return labels.length;
        }

        /** Share of the examples on which the twin and the bench predict the same class. */
        public double agreement() {
            int agree = 0;
            for (int i = 0; i < labels.length; i++) {
                agree += twinPredictions[i] == benchPredictions[i] ? 1 : 0;
            }
            return agree / (double) labels.length;
        }
    }

    /** Runs {@code plan}; calibration fits, training and bench steps are told to {@code progress} as messages. */
    public static Result run(Plan plan, RunProgress progress) {
        int n = Math.min(plan.examples(), plan.split().test().size());
        try (PowerCurveBench bench = PowerCurveBench.emulated(plan.devices(), plan.seed(), plan.maxCurrentA(),
                plan.averages())) {
            List<BenchCalibration> cals = bench.calibrate(CURRENT_UNIT_A, CALIBRATION_POINTS, progress);
            BenchPowerCurveRunner runner = new BenchPowerCurveRunner(bench.oscillators(), cals);
            PowerCurveArray twin = runner.twin(plan.network().oscillators());
            PowerCurveNetwork net = new PowerCurveNetwork(plan.network(), plan.seed());
            double noise = 0;
            for (BenchCalibration c : cals) {
                noise += c.powerNoise() / cals.size();
            }
            double trainingNoise = plan.noiseAware() ? noise : 0;
            progress.message(String.format(Locale.ROOT, "measured power scatter about the fits: %.3f (normalized p); "
                    + "training noise %.3f", noise, trainingNoise));
            PowerCurveTrainer.train(net, twin, plan.split().train(), null, plan.training().withPowerNoise(trainingNoise),
                    null);
            SequenceDataset test = plan.split().test();
            int[] labels = java.util.Arrays.copyOf(test.labels(), n);
            int[] twinPred = net.predict(test.sequences(), 0, n, twin);
            double twinAcc = BenchPowerCurveRunner.accuracy(twinPred, test.labels(), 0);
            progress.message(String.format(Locale.ROOT, "trained on the fitted curves: twin accuracy on the first %d "
                    + "test examples %.2f %%", n, 100 * twinAcc));
            long start = System.nanoTime();
            double[] p = runner.finalPowers(net, test.sequences(), 0, n, (step, steps, measured) ->
                    progress.message(String.format(Locale.ROOT, "bench step %d/%d done, %d measurements, %.0f s", step,
                            steps, measured, (System.nanoTime() - start) / 1e9)));
            double wall = (System.nanoTime() - start) / 1e9;
            int[] benchPred = BenchPowerCurveRunner.predict(net, p, n);
            double benchAcc = BenchPowerCurveRunner.accuracy(benchPred, test.labels(), 0);
            long measurements = (long) n * plan.network().oscillators() * plan.network().steps();
            return new Result(labels, twinPred, benchPred, twinAcc, benchAcc, noise, measurements, wall,
                    bench.clockS());
        }
    }
}
