package io.spinloop.app.chip;

import io.spinloop.lab.list.RoundTrips;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.training.chip.ChipObjective;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.DriveMap;
import io.spinloop.training.chip.QuasiStaticNetwork;
import io.spinloop.training.chip.SequenceClassifier;
import io.spinloop.training.chip.TwinNeurons;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Trained weights and their neuron twins, ready to go onto a lab-config's bench: what {@code spinloop deploy} and
 * {@code spinloop chip-train} share. {@link #preflight} checks every drive the network would send against the
 * lab-config's device limits before the bench is even opened; {@link #connect} then reads each device the way
 * its twin's calibration did, without recalibrating.
 */
public record ChipDeployment(LoadedLabConfig config, TrainedNetworkFile network, NeuronTwinFiles.Loaded twins,
                             Path weightsFile) {

    /**
     * Reads the lab-config, the weights ({@code --weights}) and the twins ({@code --twins}: files or directories),
     * refusing anything missing or malformed with the option and file named.
     */
    public static ChipDeployment load(Path configFile, Path weightsFile, java.util.List<Path> twinPaths)
            throws java.io.IOException {
        if (twinPaths == null || twinPaths.isEmpty()) {
            throw new RefusedInputException("--twins: give the twin files or the directory holding them");
        }
        LoadedLabConfig loaded = LabConfigLoader.load(configFile);
        TrainedNetworkFile net = TrainedNetworkFile.read(weightsFile, "--weights");
        NeuronTwinFiles.Loaded twins = NeuronTwinFiles.load(twinPaths, net.twin(), net.devices(), "--twins");
        return new ChipDeployment(loaded, net, twins, weightsFile);
    }

    public DriveMap driveMap() {
        return DriveMap.of(twins.twins());
    }

    public QuasiStaticNetwork net() {
        return new QuasiStaticNetwork(driveMap(), network.options().drivePenalty());
    }

    /** The network with its task's training and test sets: the Mackey-Glass forecast or sequential digits. */
    public ChipObjective objective() {
        if (network.isDigits()) {
            DigitsExperiment.Plan p = network.digits();
            DigitsExperiment.Data d = DigitsExperiment.data(p);
            return ChipObjective.classifier(new SequenceClassifier(driveMap(), p.drivePenalty()), d.train(), d.test());
        }
        ForecastTask.Split task = network.task();
        return ChipObjective.forecast(net(), task.train(), task.test());
    }

    /**
     * Refuses, before any instrument is opened, weights that would drive a device beyond its lab-config limit on
     * {@code task} (named by {@code what}), naming the neuron, device, drive and sample. The network is
     * feed-forward, so its drives follow from the inputs and weights alone; a recurrent one is checked on the
     * twin's activations here and again by the chip before every list.
     */
    public void preflight(ChipObjective task, boolean testSet) {
        String what = testSet ? "test" : "training";
        for (String id : network.devices()) {
            config.device(id); // a device the lab-config lacks is refused naming it
        }
        DriveMap map = driveMap();
        QuasiStaticNetwork.Trace tr = task.pass(network.weights(), testSet, new TwinNeurons(twins.twins(), map,
                false, 0));
        double[][][] drives = tr.drives();
        for (int t = 0; t < drives.length; t++) {
            for (int r = 0; r < drives[t].length; r++) {
                for (int j = 0; j < drives[t][r].length; j++) {
                    String id = map.deviceIds()[map.deviceOf(j)];
                    double max = config.device(id).limits().maxCurrentA();
                    double i = drives[t][r][j];
                    if (!(i >= 0 && i <= max)) {
                        throw new RefusedInputException(String.format(java.util.Locale.ROOT,
                                "--weights %s: refused before touching the bench: neuron %d on %s would be driven at "
                                        + "%.4g mA (%s example %d, step %d), outside 0..%.4g mA (max_current_A of %s "
                                        + "in %s)", weightsFile, j, id, i * 1e3, what, r, t, max * 1e3, id,
                                config.file()));
                    }
                }
            }
        }
    }

    /** Connects to the devices of the bench (an emulated one is already running in {@code bench}). */
    public ChipSetup connect(ChipBench bench, RoundTrips trips, Consumer<String> log) {
        return ChipSetup.connect(twins.twins(), twins.readouts(), bench::open, trips, log);
    }
}
