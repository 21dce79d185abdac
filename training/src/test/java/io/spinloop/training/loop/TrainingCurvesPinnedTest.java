package io.spinloop.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.lab.list.RoundTrips;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.training.chip.ClassifierTraining;
import io.spinloop.training.chip.DigitRows;
import io.spinloop.training.chip.DriveMap;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.training.chip.QuasiStaticNetwork;
import io.spinloop.training.chip.SequenceClassifier;
import io.spinloop.training.chip.TwinNeurons;
import io.spinloop.training.chip.TwinTraining;
import io.spinloop.training.data.DigitsDataset;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.mackeyglass.ForecastTask;
import io.spinloop.training.macrospin.MacrospinNetwork;
import io.spinloop.training.macrospin.MacrospinNetworkConfig;
import io.spinloop.training.macrospin.MacrospinTrainer;
import io.spinloop.training.macrospin.TrainedParts;
import io.spinloop.training.neuron.Integrator;
import io.spinloop.training.powercurve.PowerCurveNetwork;
import io.spinloop.training.powercurve.PowerCurveNetworkConfig;
import io.spinloop.training.powercurve.PowerCurveTrainer;
import io.spinloop.training.powercurve.SpiralTask;
import io.spinloop.training.run.EpochMetrics;
import io.spinloop.training.run.ModelKind;
import io.spinloop.training.run.RunDirectory;
import io.spinloop.training.run.Trainer;
import io.spinloop.training.run.TrainingConfig;
import io.spinloop.twin.neuron.ReadingScale;
import io.spinloop.twin.neuron.ResponseTwin;
import io.spinloop.twin.physics.MacrospinParameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every network's training curve for a fixed seed, pinned bit for bit to what the loops produced before they were
 * folded into one {@link TrainingLoop} (the values were printed by this test, run on the code of commit 1960b1f).
 * A change here means a seeded run no longer reproduces an earlier one: the order of the batches, the learning
 * rate or the order of the sums has moved.
 */
class TrainingCurvesPinnedTest {

    /** Set -Dspinloop.printCurves=true to print the curves instead of checking them (to pin new ones on purpose). */
    private static final boolean PRINT = Boolean.getBoolean("spinloop.printCurves");

    private static void check(String name, List<Double> actual, String... pinned) {
        check(name, actual, 0.0, pinned);
    }

    /** As {@link #check(String, List, String...)}, each figure within {@code relative} of its pinned value. */
    private static void check(String name, List<Double> actual, double relative, String... pinned) {
        if (PRINT) {
            StringBuilder b = new StringBuilder(name).append(":");
            for (double v : actual) {
                b.append(" \"").append(Double.toHexString(v)).append("\",");
            }
            System.out.println(b);
            return;
        }
        assertEquals(pinned.length, actual.size(), name + ": number of figures");
        for (int i = 0; i < pinned.length; i++) {
            double want = Double.parseDouble(pinned[i]);
            assertEquals(want, actual.get(i), relative * Math.abs(want), name + ": figure " + i);
        }
    }

    @Test
    void seed000MultilayerNetwork() {
        for (ModelKind m : ModelKind.values()) {
            TrainingConfig c = new TrainingConfig("digits", m, 2, 3, 0, 1.0, 5.0, 0.02, 8.0, 0.5, 0.5, 0.5, 1.0, 2,
                    12, 40, 1.0, Integrator.EXACT, 1, 1.0, 2, 160, 80);
            SequenceDataset.Split d = RunDirectory.data(c);
            List<Double> figures = new ArrayList<>();
            try (Trainer t = new Trainer(c, d.train(), d.test())) {
                for (int e = 0; e < c.epochs(); e++) {
                    EpochMetrics em = t.runEpoch();
                    figures.add(em.trainLoss());
                    figures.add(em.trainAccuracy());
                    figures.add(em.testLoss());
                }
            }
            // Issue 17: the oscillator's step takes FastMath.expNegAbs (an ulp or so from Math.exp near 1, 1e-12 at
            // most), the CTRNN's output FastMath.tanh (within 2e-10), so the curves moved in their low bits from these
            // pinned values: measured at most 3.9e-16 (spintronic) and 1.6e-11 (CTRNN) relative over the figures; the
            // bounds below leave room above that, far below what a change of order, batches or learning rate does.
            check("trainer " + m, figures, m == ModelKind.CTRNN ? 1e-9 : 1e-12,
                    m == ModelKind.values()[0] ? PINNED_TRAINER_0 : PINNED_TRAINER_1);
        }
    }

    @Test
    void powerCurveNetworkOnTheSpiral() {
        SequenceDataset.Split split = SpiralTask.generate(1).split(0.8, 1);
        PowerCurveNetwork net = new PowerCurveNetwork(PowerCurveNetworkConfig.spiral(16, 5), 1);
        List<Double> figures = new ArrayList<>();
        for (PowerCurveTrainer.Epoch e : PowerCurveTrainer.train(net, split.train(), split.test(),
                new PowerCurveTrainer.Options(3, 32, 0.01, 100, 1.0, 1).withPowerNoise(0.01), null)) {
            figures.add(e.trainLoss());
            figures.add(e.trainAccuracy());
            figures.add(e.testAccuracy());
        }
        check("power curve", figures, PINNED_POWER_CURVE);
    }

    @Test
    void macrospinNetwork() {
        SequenceDataset.Split split = SpiralTask.generate(120, 0.5, 0.02, 4).split(0.8, 4);
        MacrospinNetworkConfig config = new MacrospinNetworkConfig(2, 6, 2, 10, 10, 50e-12, 1,
                MacrospinParameters.SEED_002.withTemperature(0), 1750, 5e-3, 0.0055);
        MacrospinNetwork net = new MacrospinNetwork(config, 4);
        List<Double> figures = new ArrayList<>();
        for (MacrospinTrainer.Epoch e : MacrospinTrainer.train(net, TrainedParts.FULL, split.train(), split.test(),
                new MacrospinTrainer.Options(3, 16, 1e-2, 1.0, 1e-6, 0.85, 4), null)) {
            figures.add(e.trainLoss());
            figures.add(e.testAccuracy());
            figures.add(e.meanField());
            figures.add(e.current());
        }
        check("macrospin", figures, PINNED_MACROSPIN);
    }

    private static List<ResponseTwin> twins() {
        double[] mean = {0.05, 0.2, 0.45, 0.7, 0.9};
        double[] noise = {0.02, 0.02, 0.03, 0.03, 0.02};
        return List.of(new ResponseTwin("d0", 2.15e-3, 2.95e-3, mean, noise, new ReadingScale(-74, 15)),
                new ResponseTwin("d1", 2.1e-3, 2.9e-3, mean, noise, new ReadingScale(-72, 14)));
    }

    @Test
    void forecastOnTwinsAndOnTheChip() {
        ForecastTask.Split task = ForecastTask.mackeyGlass(12, 4, 8, 3, 3.0, 5);
        List<ResponseTwin> t = twins();
        DriveMap map = DriveMap.of(t);
        NetworkWeights w = NetworkWeights.random(6, 3, false, 1.0, 0, 3);
        List<Double> figures = new ArrayList<>();
        for (TwinTraining.Epoch e : TwinTraining.train(new QuasiStaticNetwork(map, 10), w, task.train(), task.test(),
                new TwinNeurons(t, map, true, 5), new TwinNeurons(t, map, false, 0),
                new TwinTraining.Settings(3, 4, 0.01, 1.0, 7), null)) {
            figures.add(e.trainLoss());
            figures.add(e.test().mse());
        }
        check("forecast on twins", figures, PINNED_TWIN_FORECAST);

        figures.clear();
        for (ChipTraining.Epoch e : ChipTraining.train(new QuasiStaticNetwork(map, 10), w, task.train(), task.test(),
                new TwinNeurons(t, map, false, 0), new RoundTrips(),
                new ChipTraining.Settings(2, 4, 0.01, 1.0, 7, false), null, null)) {
            figures.add(e.trainLoss());
            figures.add(e.testMse());
        }
        check("forecast on the chip", figures, PINNED_CHIP_FORECAST);
    }

    @Test
    void digitsClassifierOnTwins() {
        List<ResponseTwin> t = twins();
        DriveMap map = DriveMap.of(t);
        SequenceClassifier net = new SequenceClassifier(map, 10.0);
        SequenceDataset.Split split = DigitsDataset.load().head(120).split(0.5, 1);
        DigitRows train = DigitRows.of(split.train(), 8);
        DigitRows test = DigitRows.of(split.test(), 8);
        NetworkWeights w = NetworkWeights.classifier(4, 8, false, 10, 8, 0.8, 0, 3);
        List<Double> figures = new ArrayList<>();
        for (ClassifierTraining.Epoch e : ClassifierTraining.onTwin(net, w, train, test,
                new TwinNeurons(t, map, true, 5), new TwinNeurons(t, map, false, 0),
                new ClassifierTraining.Settings(3, 20, 0.02, 1.0, 4), null)) {
            figures.add(e.trainLoss());
            figures.add(e.testAccuracy());
            figures.add(e.testCrossEntropy());
        }
        check("digits on twins", figures, PINNED_DIGITS);
    }

    private static final String[] PINNED_TRAINER_0 = {
            "0x1.288d5bdc8909ep1", "0x1.e666666666666p-4", "0x1.28508afa17fp1",
            "0x1.256527cf64b03p1", "0x1.199999999999ap-3", "0x1.27c36b9b010a4p1"};
    private static final String[] PINNED_TRAINER_1 = {
            "0x1.2bd7f64ed0639p1", "0x1.3333333333333p-4", "0x1.29de72af1465dp1",
            "0x1.222c13fdf3202p1", "0x1.4cccccccccccdp-3", "0x1.25cc959cb295p1"};
    private static final String[] PINNED_POWER_CURVE = {
            "0x1.635bcce0b1eb6p-1", "0x1.028f5c28f5c29p-1", "0x1.0cccccccccccdp-1",
            "0x1.6009bbef2f844p-1", "0x1.0cccccccccccdp-1", "0x1.0cccccccccccdp-1",
            "0x1.5b9e913d6fcd2p-1", "0x1.1eb851eb851ecp-1", "0x1.0f5c28f5c28f6p-1"};
    private static final String[] PINNED_MACROSPIN = {
            "0x1.49f41ded77b2ep-1", "0x1.aaaaaaaaaaaabp-1", "0x1.b49a595e005cep10",
            "0x1.474f3232eae76p-8", "0x1.99b7984091bafp-2", "0x1.cp-1",
            "0x1.b3f8462e2f076p10", "0x1.47059b68c467fp-8", "0x1.178282433f4bcp-2",
            "0x1.eaaaaaaaaaaabp-1", "0x1.b395757dbaae6p10", "0x1.46d36a0bc067dp-8"};
    private static final String[] PINNED_TWIN_FORECAST = {
            "0x1.4f00b8848c427p0", "0x1.04698f4f8cff2p0", "0x1.22868175eaf39p0",
            "0x1.fd028a40374bep-1", "0x1.fe15128fc490cp-1", "0x1.f3737892418fdp-1"};
    private static final String[] PINNED_CHIP_FORECAST = {
            "0x1.d4de237d050e8p-1", "0x1.e400814a3cadbp-1", "0x1.afa9ed20d6268p-1",
            "0x1.d9a214747ddbap-1"};
    private static final String[] PINNED_DIGITS = {
            "0x1.283f72bafe7b1p1", "0x1.999999999999ap-5", "0x1.32cf735f3f915p1",
            "0x1.1d0d323d1056fp1", "0x1.999999999999ap-5", "0x1.38b60021b1064p1",
            "0x1.17a661c65e049p1", "0x1.5555555555555p-4", "0x1.3ae39852e3235p1"};
}
