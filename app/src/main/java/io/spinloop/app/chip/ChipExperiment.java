package io.spinloop.app.chip;

import io.spinloop.app.SpinloopVersion;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.bench.StopSignal;
import io.spinloop.lab.chip.ChipPace;
import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.lab.chip.ListPace;
import io.spinloop.lab.list.RoundTrips;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.training.chip.ChipNeurons;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.ForecastEvaluation;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.training.chip.NeuronBank;
import io.spinloop.training.chip.QuasiStaticNetwork;
import io.spinloop.training.chip.TwinNeurons;
import io.spinloop.training.chip.TwinTraining;
import io.spinloop.training.mackeyglass.ForecastError;
import io.spinloop.training.mackeyglass.ForecastTask;
import io.spinloop.training.mackeyglass.RidgeReadout;
import io.spinloop.twin.neuron.NeuronTwinFit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The steps every chip command shares, on the Mackey-Glass forecast of seed 004: calibrate the bench's devices
 * as neurons (their twins), train a network on the twins (deterministic or noise-aware), evaluate it on the twin
 * and on the chip, and the baselines a lab compares against.
 */
public final class ChipExperiment {

    /** Which twin the network's neurons run on off-chip (and whose slopes the chip's backward pass uses). */
    public enum TwinKind {
        /** The twin module's neural SDE fitted to the recorded calibration sequences, via a twin file. */
        SDE,
        /** The piecewise-linear mean and noise of the readings ({@link io.spinloop.twin.neuron.ResponseTwin}), the earlier twin. */
        RESPONSE
    }

    /**
     * The experiment's sizes.
     *
     * @param neurons   hidden neurons, time-multiplexed over the bench's devices
     * @param taps      delayed samples the host feeds each step (the delay line of a time-multiplexed reservoir)
     * @param sampling  Mackey-Glass time units between samples
     * @param horizon   samples ahead to predict
     * @param calibrationLength    list points per calibration sequence
     * @param calibrationSequences calibration sequences per device, of which {@code calibrationHeldOut} validate
     * @param calibrationRepeats   repeats of each (4 or more: the validation compares two halves)
     */
    public record Options(int neurons, int taps, int trainWindows, int testWindows, int steps, double sampling,
                          int horizon, int twinEpochs, int chipEpochs, int batch, double learningRate,
                          double chipLearningRate, double drivePenalty, int calibrationLength,
                          int calibrationSequences, int calibrationHeldOut, int calibrationRepeats, TwinKind twin,
                          boolean quickFit, long seed) {

        /** The full run: 24 neurons, 100 training windows of 20 steps (2000 samples), 200 twin epochs. */
        public static Options full(long seed) {
            return new Options(24, 4, 100, 25, 20, 3.0, 5, 200, 10, 10, 0.02, 0.005, 10.0, 100, 24, 6, 4,
                    TwinKind.RESPONSE, false, seed);
        }

        /** A smoke run of the same pipeline, small enough for tests. */
        public static Options quick(long seed) {
            return new Options(12, 4, 20, 8, 10, 3.0, 5, 40, 2, 10, 0.03, 0.005, 10.0, 50, 8, 2, 4, TwinKind.RESPONSE,
                    true, seed);
        }

        public ForecastTask.Split task() {
            return ForecastTask.mackeyGlass(trainWindows, testWindows, steps, taps, sampling, horizon);
        }

        public ChipExperiment.Options withSeed(long newSeed) {
            return new Options(neurons, taps, trainWindows, testWindows, steps, sampling, horizon, twinEpochs,
                    chipEpochs, batch, learningRate, chipLearningRate, drivePenalty, calibrationLength,
                    calibrationSequences, calibrationHeldOut, calibrationRepeats, twin, quickFit, newSeed);
        }

        public ChipExperiment.Options withTwin(TwinKind kind) {
            return new Options(neurons, taps, trainWindows, testWindows, steps, sampling, horizon, twinEpochs,
                    chipEpochs, batch, learningRate, chipLearningRate, drivePenalty, calibrationLength,
                    calibrationSequences, calibrationHeldOut, calibrationRepeats, kind, quickFit, seed);
        }
    }

    private ChipExperiment() {
    }

    /** The twin kind an option names ("sde" or "response"); anything else is refused naming the option. */
    public static TwinKind twinKind(String value, String option) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "sde" -> TwinKind.SDE;
            case "response" -> TwinKind.RESPONSE;
            default -> throw new RefusedInputException(option + ": expected sde or response, got \"" + value + "\"");
        };
    }

    /**
     * A calibrated bench: the setup the network runs on (its neurons on the twins {@link Options#twin} chose) and,
     * for each device, its recorded sequences and fitted twin file (empty fits for the RESPONSE twin).
     * Closing closes the bench's channels and removes the files if they were written to a temporary directory.
     */
    public record Calibrated(ChipSetup setup, List<NeuronTwinFit.Fitted> fits, Path directory, boolean temporary)
            implements AutoCloseable {
        @Override
        public void close() {
            setup.close();
            if (temporary) {
                try (var files = Files.walk(directory)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary directory left behind is harmless
                }
            }
        }
    }

    /**
     * Connects and calibrates every device of the bench, recording each device's calibration sequences into
     * {@code dir/neurons-<device>.h5} (null: a temporary directory, removed on close), fitting and validating
     * {@code dir/twin-<device>.h5} with the twin module, and running the network's neurons on the twins
     * {@link Options#twin} names.
     */
    public static Calibrated calibrate(ChipBench bench, Options o, RoundTrips trips, Consumer<String> log, Path dir,
                                       Provenance provenance) throws IOException {
        // the pace chip runs use when none is named (ChipPace.DEFAULT; --pace chooses another)
        return calibrate(bench, o, trips, log, dir, provenance, ChipPace.DEFAULT.pace());
    }

    /**
     * {@link #calibrate(ChipBench, Options, RoundTrips, Consumer, Path, Provenance)} with the channels at {@code pace},
     * {@code fitted} told of each device's twin as its fit ends (the live view draws its fan then).
     */
    public static Calibrated calibrate(ChipBench bench, Options o, RoundTrips trips, Consumer<String> log, Path dir,
                                       Provenance provenance, ChipPace pace, BiConsumer<DeviceCalibration.Result,
                                       NeuronTwinFit.Fitted> fitted) throws IOException {
        return calibrate(bench, o, trips, log, dir, provenance, pace.pace(), fitted);
    }

    /** {@link #calibrate(ChipBench, Options, RoundTrips, Consumer, Path, Provenance)} with the channels at {@code pace}. */
    public static Calibrated calibrate(ChipBench bench, Options o, RoundTrips trips, Consumer<String> log, Path dir,
                                       Provenance provenance, ListPace pace) throws IOException {
        return calibrate(bench, o, trips, log, dir, provenance, pace, (r, f) -> { });
    }

    private static Calibrated calibrate(ChipBench bench, Options o, RoundTrips trips, Consumer<String> log, Path dir,
                                        Provenance provenance, ListPace pace,
                                        BiConsumer<DeviceCalibration.Result, NeuronTwinFit.Fitted> fitted)
            throws IOException {
        boolean temporary = dir == null;
        Path where = temporary ? Files.createTempDirectory("spinloop-chip") : dir;
        Files.createDirectories(where);
        Provenance prov = provenance != null ? provenance : Provenance.builder(SpinloopVersion.current())
                .labConfig(bench.config().text()).metadata("bench", bench.config().config().bench())
                .metadata("command", "neuron calibration").physicallyMeasurable(true, "list points of 1 ms and the source's "
                        + "measurement (as its timing settings give) read in zero span, as a SourceMeter and an analyzer play them").build();
        DeviceCalibration.Recorders recorders = id -> MeasurementRecorder.create(where.resolve("neurons-" + id + ".h5"),
                prov, OverwritePolicy.REFUSE);
        ChipSetup s = ChipSetup.calibrate(bench.deviceIds(), bench::open, ChipSetup.Search.defaults(),
                c -> new DeviceCalibration(0.85 * c.maxCurrentA(), 0.8e-3, 30e6, o.calibrationLength(),
                        o.calibrationSequences(), o.calibrationHeldOut(), o.calibrationRepeats(), o.seed()),
                recorders, trips, log, pace);
        List<NeuronTwinFit.Fitted> fits = new ArrayList<>();
        try {
            {
                for (DeviceCalibration.Result r : s.calibrations()) {
                    NeuronTwinFit.Settings fs = o.quickFit() ? NeuronTwinFit.Settings.quick(o.seed())
                            : NeuronTwinFit.Settings.defaults(o.seed());
                    // Ctrl-C or the live view's Stop: before a fit, or between its epochs (its progress is where
                    // the fit can be left); the twin file is written only after a whole fit
                    StopSignal.check("before fitting the twin of " + r.device());
                    NeuronTwinFit.Fitted f = NeuronTwinFit.fit(r, where.resolve("twin-" + r.device() + ".h5"), fs,
                            m -> StopSignal.check("while fitting the twin of " + r.device()));
                    fits.add(f);
                    fitted.accept(r, f);
                    if (log != null) {
                        log.accept(String.format("%s: neural SDE fitted (%s, best epoch %d, %.1f s); on %d held-out "
                                        + "sequences mean/floor %.2f, spread/floor %.2f, W1/floor %.2f (piecewise-linear "
                                        + "baseline %.2f, %.2f, %.2f)", r.device(), f.fit().objective(),
                                f.fit().bestEpoch(), f.fit().seconds(), f.heldOut().sequences(),
                                f.heldOut().meanRatio(), f.heldOut().spreadRatio(), f.heldOut().distanceRatio(),
                                f.baseline().meanRatio(), f.baseline().spreadRatio(), f.baseline().distanceRatio()));
                    }
                }
            }
            return o.twin() == TwinKind.SDE
                    ? new Calibrated(s.withTwins(fits.stream().map(NeuronTwinFit.Fitted::twin).toList()), fits, where,
                            temporary)
                    : new Calibrated(s, fits, where, temporary);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public static QuasiStaticNetwork network(ChipSetup s, Options o) {
        return new QuasiStaticNetwork(s.driveMap(), o.drivePenalty());
    }

    /**
     * Where training starts: random input weights (seeded) and a ridge readout fitted on the twin, with the twin's
     * noise sampled if the training is noise-aware (a readout fitted to noiseless activations leans on tiny
     * differences between neurons, which noise on the chip then amplifies).
     */
    public static NetworkWeights initial(ChipSetup s, Options o, ForecastTask train, boolean noiseAware, long seed) {
        NetworkWeights w = inWindow(s, o, NetworkWeights.random(o.neurons(), o.taps(), false, 1.0, 0, seed), train);
        fitReadout(network(s, o), w, train, new TwinNeurons(s.twins(), s.driveMap(), noiseAware, seed + 1));
        return w;
    }

    /**
     * Random weights scaled down (if needed) so that no training input drives a neuron outside its calibrated
     * window: the input gain a lab would choose for a reservoir, and a start that deployment never refuses.
     */
    public static NetworkWeights inWindow(ChipSetup s, Options o, NetworkWeights w, ForecastTask train) {
        double max = network(s, o).forward(w, train, new TwinNeurons(s.twins(), s.driveMap(), false, 0), false)
                .maxAbsPreActivation();
        return max > 1 ? w.scaledDrive(1 / max) : w;
    }

    /** Fits the readout of {@code w} by ridge regression on the activations {@code bank} gives for {@code train}. */
    public static void fitReadout(QuasiStaticNetwork net, NetworkWeights w, ForecastTask train, NeuronBank bank) {
        QuasiStaticNetwork.Trace tr = net.forward(w, train, bank, false);
        int rows = train.windows() * train.steps();
        double[][] f = new double[rows][];
        double[] y = new double[rows];
        int k = 0;
        for (int r = 0; r < train.windows(); r++) {
            for (int t = 0; t < train.steps(); t++) {
                f[k] = tr.h()[t][r];
                y[k++] = train.targets()[r][t];
            }
        }
        RidgeReadout rr = RidgeReadout.fit(f, y, 1e-4);
        w.setReadout(rr.weights(), rr.bias());
    }

    /** A trained network and its learning curve on the twin. */
    public record Trained(NetworkWeights weights, List<TwinTraining.Epoch> curve) {
    }

    public static Trained trainOnTwin(ChipSetup s, Options o, ForecastTask.Split task, boolean noiseAware, long seed,
                                      Consumer<TwinTraining.Epoch> progress) {
        NetworkWeights w = initial(s, o, task.train(), noiseAware, seed);
        List<TwinTraining.Epoch> curve = TwinTraining.train(network(s, o), w, task.train(), task.test(),
                new TwinNeurons(s.twins(), s.driveMap(), noiseAware, seed * 31 + 7),
                new TwinNeurons(s.twins(), s.driveMap(), false, 0),
                new TwinTraining.Settings(o.twinEpochs(), o.batch(), o.learningRate(), 1.0, seed), progress);
        return new Trained(w, curve);
    }

    /** Test error with the neurons on the twin: deterministic, or with the twin's noise sampled. */
    public static ForecastError onTwin(ChipSetup s, Options o, NetworkWeights w, ForecastTask test, boolean noisy,
                                       long seed) {
        return ForecastEvaluation.evaluate(network(s, o), w, test, new TwinNeurons(s.twins(), s.driveMap(), noisy, seed));
    }

    /**
     * RMS difference between the activations the chip returned and the deterministic twin's at the same drives,
     * over a test set: how well the twins know the chip, in activation units.
     */
    public static double activationGap(ChipSetup s, Options o, NetworkWeights w, ForecastTask test, ChipNeurons chip) {
        QuasiStaticNetwork net = network(s, o);
        QuasiStaticNetwork.Trace c = net.forward(w, test, chip, false);
        double se = 0;
        int n = 0;
        TwinNeurons twin = new TwinNeurons(s.twins(), s.driveMap(), false, 0);
        for (int t = 0; t < c.h().length; t++) {
            double[][] h = twin.evaluate(c.drives()[t]).h();
            for (int r = 0; r < h.length; r++) {
                for (int j = 0; j < h[r].length; j++) {
                    double e = h[r][j] - c.h()[t][r][j];
                    se += e * e;
                    n++;
                }
            }
        }
        return Math.sqrt(se / n);
    }

    /** Test error with the neurons on the chip. */
    public static ForecastError onChip(ChipSetup s, Options o, NetworkWeights w, ForecastTask test, ChipNeurons chip) {
        return ForecastEvaluation.evaluate(network(s, o), w, test, chip);
    }

    /**
     * The reservoir baseline a lab would run: the same random, untrained input layer on the chip, and only a
     * linear readout fitted (ridge) to the activations measured on the chip.
     */
    public static ForecastError reservoirOnChip(ChipSetup s, Options o, ForecastTask.Split task, ChipNeurons chip,
                                                long seed) {
        NetworkWeights w = inWindow(s, o, NetworkWeights.random(o.neurons(), o.taps(), false, 1.0, 0, seed),
                task.train());
        QuasiStaticNetwork net = network(s, o);
        fitReadout(net, w, task.train(), chip);
        return ForecastEvaluation.evaluate(net, w, task.test(), chip);
    }

    /** A linear readout of the delay taps alone: what the neurons must beat. */
    public static ForecastError linearTaps(ForecastTask.Split task) {
        ForecastTask tr = task.train();
        int rows = tr.windows() * tr.steps();
        double[][] f = new double[rows][];
        double[] y = new double[rows];
        int k = 0;
        for (int r = 0; r < tr.windows(); r++) {
            for (int t = 0; t < tr.steps(); t++) {
                f[k] = tr.inputs()[r][t];
                y[k++] = tr.targets()[r][t];
            }
        }
        RidgeReadout rr = RidgeReadout.fit(f, y, 1e-6);
        ForecastTask te = task.test();
        double[] p = new double[te.windows() * te.steps()];
        k = 0;
        for (int r = 0; r < te.windows(); r++) {
            for (int t = 0; t < te.steps(); t++) {
                p[k++] = rr.predict(te.inputs()[r][t]);
            }
        }
        return ForecastError.of(p, te.flatTargets());
    }
}
