package io.spinloop.app.demo;

import io.spinloop.app.chip.ChipExperiment;
import io.spinloop.app.chip.DigitsExperiment;
import io.spinloop.app.chip.TrainedNetworkFile;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipObjective;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.training.chip.SequenceClassifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's second task: sequential digits on the same calibrated bench (the network of {@code spinloop study
 * chip-digits}, one seed): trained noise-aware on the twins, deployed, fine-tuned chip-in-the-loop, against the
 * reservoir on the chip and a ridge readout of the raw pixels.
 */
final class DemoDigits {
    /** The trained weights, in the form spinloop deploy and chip-train read. */
    static final String WEIGHTS = "weights-digits-twin-trained.json";

    /** Test accuracies of each stage and baseline, in order, and what the stage cost. */
    record Result(DigitsExperiment.Plan plan, int trainImages, int testImages, Map<String, Double> accuracy,
                  List<ChipTraining.Epoch> chipCurve, long roundTrips) {

        Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", "sequential digits: 8x8 images as 8 rows of 8 pixels, 10 classes");
            m.put("neurons", plan.neurons());
            m.put("train_images", trainImages);
            m.put("test_images", testImages);
            m.put("twin_epochs", plan.epochs());
            m.put("chip_epochs", plan.chipEpochs());
            m.put("weights", WEIGHTS);
            m.put("test_accuracy", accuracy);
            m.put("chip_in_the_loop", chipCurve);
            m.put("round_trips", roundTrips);
            return m;
        }
    }

    private DemoDigits() {
    }

    /** @param twin the kind of twins {@code s}'s neurons run on (recorded with the weights for deploy) */
    static Result run(ChipSetup s, ChipExperiment.TwinKind twin, ChipNeurons chip, RoundTrips trips, boolean quick,
                      long seed, Path out, PrintStream err) throws IOException {
        long ops0 = trips.operations();
        DigitsExperiment.Plan p = quick ? DigitsExperiment.Plan.quick(6, false) : DigitsExperiment.Plan.full(6, false);
        DigitsExperiment.Data data = DigitsExperiment.data(p);
        NetworkWeights start = DigitsExperiment.start(s, p, data.train(), seed);
        NetworkWeights w = DigitsExperiment.trainOnTwin(s, p, data, start, true, seed, e -> {
            if (e.epoch() % Math.max(1, p.epochs() / 3) == 0) {
                err.printf("    digits epoch %d on the twin: train loss %.4f, test accuracy %.4f%n", e.epoch(),
                        e.trainLoss(), e.testAccuracy());
            }
        });
        TrainedNetworkFile.digits(w, List.of(s.driveMap().deviceIds()), twin, p, seed, "spinloop demo")
                .write(out.resolve(WEIGHTS));
        SequenceClassifier net = DigitsExperiment.network(s, p);
        Map<String, Double> acc = new LinkedHashMap<>();
        acc.put("twin", DigitsExperiment.onTwin(s, p, w, data.test(), false, 0));
        acc.put("chip, deployed", net.score(w, data.test(), chip).accuracy());
        err.printf("    %d test images: accuracy on the twin %.4f, on the chip %.4f%n", data.test().size(),
                acc.get("twin"), acc.get("chip, deployed"));
        List<ChipTraining.Epoch> chipCurve = ChipTraining.train(ChipObjective.classifier(net, data.train(),
                data.test()), w, chip, trips, new ChipTraining.Settings(p.chipEpochs(), p.batch(),
                p.chipLearningRate(), 1.0, seed, false), null, new ChipTraining.Listener() {
                    @Override
                    public void message(String text) {
                        err.println("    " + text);
                    }
                });
        acc.put("chip, after chip-in-the-loop", chipCurve.isEmpty() ? acc.get("chip, deployed")
                : chipCurve.get(chipCurve.size() - 1).testAccuracy());
        NetworkWeights reservoir = start.copy();
        net.fitReadout(reservoir, data.train(), chip, p.ridge());
        acc.put("reservoir on chip (baseline)", net.score(reservoir, data.test(), chip).accuracy());
        acc.put("ridge on raw pixels (baseline)", DigitsExperiment.pixelBaseline(data, p.ridge()));
        DemoPlots.bars(out.resolve("digits-accuracy.png"), "Sequential digits: test accuracy (higher is better)",
                "accuracy", acc);
        return new Result(p, data.train().size(), data.test().size(), acc, chipCurve,
                trips.operations() - ops0);
    }
}
