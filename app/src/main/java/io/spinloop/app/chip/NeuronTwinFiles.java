package io.spinloop.app.chip;

import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.chip.NeuronReadout;
import io.spinloop.twin.file.FileKind;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.file.TwinRecord;
import io.spinloop.twin.neuron.NeuronTwin;
import io.spinloop.twin.neuron.ResponseTwinFile;
import io.spinloop.twin.neuron.SdeNeuronTwin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The neuron twins a trained network runs on, loaded from files: neural-SDE twin files ({@code twin-<device>.h5},
 * the twin module's format with the neuron's window, scale and readout in its provenance) or piecewise-linear
 * twins ({@code response-twin-<device>.json}), as {@code spinloop demo} writes them. A directory stands for the
 * files of the kind the weights were trained on. The twins come back in the order of the weights' devices.
 */
public final class NeuronTwinFiles {

    /** Twins in device order, each with the readout its calibration used and the file it came from. */
    public record Loaded(List<NeuronTwin> twins, List<NeuronReadout> readouts, List<Path> files) {
    }

    private NeuronTwinFiles() {
    }

    /** Every twin of {@code paths}, in the order of the files (a directory's sorted by name). */
    public static Loaded loadAll(List<Path> paths, ChipExperiment.TwinKind kind, String option) throws IOException {
        return load(paths, kind, null, option);
    }

    /** The twins of {@code devices}, in that order; a device without a twin, or a twin of another, is refused. */
    public static Loaded load(List<Path> paths, ChipExperiment.TwinKind kind, List<String> devices, String option)
            throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                String prefix = kind == ChipExperiment.TwinKind.SDE ? "twin-" : "response-twin-";
                String suffix = kind == ChipExperiment.TwinKind.SDE ? ".h5" : ".json";
                try (Stream<Path> s = Files.list(p)) {
                    List<Path> found = s.filter(f -> {
                        String n = f.getFileName().toString();
                        return n.startsWith(prefix) && n.endsWith(suffix);
                    }).sorted().toList();
                    if (found.isEmpty()) {
                        throw new RefusedInputException(option + " " + p + ": no " + prefix + "<device>" + suffix
                                + " files (the weights were trained on " + name(kind) + " twins)");
                    }
                    files.addAll(found);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new RefusedInputException(option + " " + p + ": no such file or directory");
            }
        }
        Map<String, NeuronTwin> twins = new LinkedHashMap<>();
        Map<String, NeuronReadout> readouts = new LinkedHashMap<>();
        Map<String, Path> from = new LinkedHashMap<>();
        for (Path f : files) {
            // What a file is comes from its content, not its name: twin files are HDF5, response twins JSON.
            FileKind content = FileKind.of(f);
            if (content != FileKind.HDF5 && content != FileKind.JSON) {
                throw new RefusedInputException(option + " " + f + ": not a twin file (it is "
                        + content.description() + ")");
            }
            boolean sde = content == FileKind.HDF5;
            if (sde != (kind == ChipExperiment.TwinKind.SDE)) {
                throw new RefusedInputException(option + " " + f + ": " + content.description() + ", not a "
                        + (sde ? "response" : "neural-SDE") + " twin (the weights were trained on " + name(kind)
                        + " twins)");
            }
            NeuronTwin twin;
            NeuronReadout readout;
            if (sde) {
                TwinRecord r;
                try {
                    r = TwinFile.read(f);
                } catch (IOException | RuntimeException e) {
                    throw new RefusedInputException(option + " " + f + ": not a readable twin file ("
                            + e.getMessage() + ")");
                }
                try {
                    twin = SdeNeuronTwin.of(r, option + " " + f);
                    readout = NeuronReadout.of(r.provenance(), option + " " + f);
                } catch (IllegalArgumentException e) {
                    // The neuron's own checks (a reading scale, zero-span settings) do not know the file.
                    String m = String.valueOf(e.getMessage());
                    throw new RefusedInputException(m.startsWith(option + " " + f) ? m : option + " " + f + ": " + m, e);
                }
            } else {
                ResponseTwinFile.Loaded l;
                try {
                    l = ResponseTwinFile.read(f);
                    readout = NeuronReadout.of(l.readout(), f.toString());
                } catch (IllegalArgumentException e) {
                    // The readout's own checks (a zero RBW) do not know the file.
                    String m = String.valueOf(e.getMessage());
                    throw new RefusedInputException(option + " " + (m.startsWith(f.toString()) ? m : f + ": " + m),
                            e);
                }
                twin = l.twin();
            }
            if (devices != null && !devices.contains(twin.device())) {
                throw new RefusedInputException(option + " " + f + ": twin of device " + twin.device()
                        + ", which the weights do not use (their devices: " + String.join(", ", devices) + ")");
            }
            if (twins.put(twin.device(), twin) != null) {
                throw new RefusedInputException(option + " " + f + ": a second twin of device " + twin.device()
                        + " (the first from " + from.get(twin.device()) + ")");
            }
            readouts.put(twin.device(), readout);
            from.put(twin.device(), f);
        }
        List<NeuronTwin> t = new ArrayList<>();
        List<NeuronReadout> r = new ArrayList<>();
        List<Path> p = new ArrayList<>();
        for (String d : devices != null ? devices : List.copyOf(twins.keySet())) {
            if (!twins.containsKey(d)) {
                throw new RefusedInputException(option + ": no twin of device " + d + " among " + files);
            }
            t.add(twins.get(d));
            r.add(readouts.get(d));
            p.add(from.get(d));
        }
        return new Loaded(t, r, p);
    }

    private static String name(ChipExperiment.TwinKind kind) {
        return kind == ChipExperiment.TwinKind.SDE ? "neural-SDE (twin-<device>.h5)"
                : "response (response-twin-<device>.json)";
    }
}
