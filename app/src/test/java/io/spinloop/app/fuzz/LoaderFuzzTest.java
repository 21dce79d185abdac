package io.spinloop.app.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.app.chip.ChipExperiment;
import io.spinloop.app.chip.DigitsExperiment;
import io.spinloop.app.chip.NeuronTwinFiles;
import io.spinloop.app.chip.TrainedNetworkFile;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.chip.ChipChannel;
import io.spinloop.lab.chip.NeuronReadout;
import io.spinloop.lab.chip.ZeroSpanSettings;
import io.spinloop.lab.config.LabConfigException;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.file.InvalidTwinFileException;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.file.TwinRecord;
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.model.NeuralSde;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.model.PhysicsResidualArchitecture;
import io.spinloop.twin.model.PhysicsResidualSde;
import io.spinloop.twin.neuron.ReadingScale;
import io.spinloop.twin.neuron.ResponseTwin;
import io.spinloop.twin.neuron.ResponseTwinFile;
import io.spinloop.twin.neuron.SdeNeuronTwin;
import io.spinloop.twin.validate.DistributionMetrics;
import io.spinloop.twin.validate.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged twin files (neural SDE, physics-residual, auto-oscillator, neuron twins), response twins, weights and
 * lab-configs go through the loaders the commands use. Every case must end in a correct result or a clear
 * one-line refusal of the loader's own type naming the file: never another exception (a null, an index, a number
 * format, an out-of-memory), never a hang, never a changed or deleted input. A few refused cases of each kind also
 * go through the command line, which must print one line naming the file and exit 2. Seeds are fixed: a failure
 * is replayed by its case name.
 */
class LoaderFuzzTest {
    private static final int CASES_PER_FILE = Integer.getInteger("spinloop.fuzz.cases", 40);
    private static final int CLI_CASES_PER_KIND = 3;
    private static final long CASE_TIMEOUT_S = 20;

    @TempDir
    static Path dir;
    static Path originals;
    static ExecutorService worker;

    /** How a loader may refuse: the exception type it promises, naming the file. */
    private interface Loader {
        void load(Path file) throws Exception;
    }

    /** How a file is damaged: its bytes, its text as a person edits it, or one HDF5 attribute or dataset. */
    private enum Damage { BYTES, TEXT, HDF5 }

    /** One kind of file: a valid original, the name it must have, how it is loaded and refused, and its CLI. */
    private record Kind(String name, Path original, String fileName, Loader loader, Class<?> refusal,
                        List<String> cli, Damage damage) {
    }

    @BeforeAll
    static void validFiles() throws Exception {
        originals = Files.createDirectories(dir.resolve("originals"));
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
        ValidationReport v = new ValidationReport(new DistributionMetrics(0.1, 0.2, 0.9, 0.5, 0.05, 0.3),
                new DistributionMetrics(0.09, 0.18, 1.0, 0.4, 0.06, 0.25), 12, 10, 60);
        Map<String, Object> prov = new LinkedHashMap<>(Map.of("data_files", "a.h5", "seed", 7L, "epochs_run", 12));
        prov.put(TwinRecord.DRIVE_LOW_KEY, 0.5e-3);
        prov.put(TwinRecord.DRIVE_HIGH_KEY, 2.5e-3);

        NeuralSde sde = new NeuralSde(NeuralSdeArchitecture.standard().withDriveHistory(1), 3);
        sde.setRestState(-1.7);
        DigitalTwin logTwin = new DigitalTwin(sde, new Normalisation(1.5e-3, 6e-4, -95.5, 4.2, 1e-3, true, 1e-13), 1e-3);
        TwinFile.write(originals.resolve("sde.h5"), new TwinRecord(logTwin, prov, v), false);

        PhysicsResidualSde prs = new PhysicsResidualSde(new PhysicsResidualArchitecture(8, 8, true, 0.2, 0.1, 1.5e-3,
                6e-4, 1e-8, 1e-4, true), AutoOscillator.defaults(), 5);
        TwinFile.write(originals.resolve("physics-residual.h5"), new TwinRecord(new DigitalTwin(prs,
                Normalisation.identity(), 1e-8), prov, v), false);
        TwinFile.write(originals.resolve("auto-oscillator.h5"), new TwinRecord(new DigitalTwin(
                new AutoOscillator(AutoOscillator.defaults()), Normalisation.identity(), 1e-8), prov, null), false);

        ReadingScale scale = new ReadingScale(-90, 30);
        NeuronReadout readout = new NeuronReadout(new ZeroSpanSettings(4.7e9, 8e6, 1e-3, 1.8e-3, 10, 100),
                new ChipChannel.LineTracking(2.5e-3, -2e8, 4e8));
        Map<String, Object> neuron = new LinkedHashMap<>(prov);
        neuron.putAll(SdeNeuronTwin.neuronProvenance("stno-a", 0.5e-3, 2.5e-3, scale));
        neuron.putAll(readout.provenance());
        NeuralSde nsde = new NeuralSde(NeuralSdeArchitecture.standard(), 4);
        TwinFile.write(originals.resolve("twin-stno-a.h5"), new TwinRecord(new DigitalTwin(nsde,
                new Normalisation(1.5e-3, 6e-4, 0.5, 0.2, 1.8e-3), 1.8e-3), neuron, v), false);
        ResponseTwinFile.write(originals.resolve("response-twin-stno-a.json"), new ResponseTwin("stno-a", 0.5e-3,
                2.5e-3, new double[] {0.0, 0.1, 0.5, 0.9}, new double[] {0.01, 0.02, 0.03, 0.02}, scale), readout.provenance());

        ChipExperiment.Options quick = ChipExperiment.Options.quick(1);
        new TrainedNetworkFile(NetworkWeights.random(quick.neurons(), quick.taps(), false, 1.0, 0.5, 2),
                List.of("stno-a", "stno-b", "stno-c"), ChipExperiment.TwinKind.RESPONSE, quick, "fuzz")
                .write(originals.resolve("weights-forecast.json"));
        TrainedNetworkFile.digits(NetworkWeights.classifier(6, 8, true, 10, 8, 1.0, 0.5, 3),
                List.of("stno-a", "stno-b", "stno-c"), ChipExperiment.TwinKind.RESPONSE,
                DigitsExperiment.Plan.full(6, true).withEpochs(12, 3), 7, "fuzz")
                .write(originals.resolve("weights-digits.json"));
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
    }

    private static List<Kind> kinds() {
        Loader twin = f -> {
            TwinRecord r = TwinFile.read(f);
            // what twin sample does next: a loaded twin must also run
            r.twin().sample(new double[][] {{1e-3, 2e-3, 1.5e-3}}, 2, 1, true);
            r.fittedDriveRange();
        };
        List<String> sample = List.of("twin", "sample", "--twin", "FILE", "--drive", "1e-3", "--repeats", "1");
        Loader sdeNeuron = f -> NeuronTwinFiles.load(List.of(f), ChipExperiment.TwinKind.SDE, null, "--twins");
        Loader responseNeuron = f -> NeuronTwinFiles.load(List.of(f), ChipExperiment.TwinKind.RESPONSE, null,
                "--twins");
        Loader weights = f -> {
            TrainedNetworkFile w = TrainedNetworkFile.read(f, "--weights");
            // what deploy does next: the task's data (a forecast's windows, a digits plan's images)
            if (w.isDigits()) {
                DigitsExperiment.data(w.digits());
            } else {
                w.task();
            }
        };
        List<String> deploy = List.of("deploy", "--config", TestBenches.defaultBench().toString(), "--weights", "FILE",
                "--twins", originals.toString(), "--out", "OUT");
        Loader config = LabConfigLoader::load;
        List<String> check = List.of("bench", "check", "--config", "FILE");
        Path labConfigs = TestBenches.repoRoot().resolve("lab-configs");
        List<Kind> k = new ArrayList<>();
        List<String> onTwin = List.of("train-on-twin", "--twins", "FILE", "--twin", "sde", "--quick", "--out", "OUT");
        for (Damage d : new Damage[] {Damage.BYTES, Damage.HDF5}) {
            String how = d == Damage.HDF5 ? " (attribute edits)" : "";
            for (String t : List.of("sde.h5", "physics-residual.h5", "auto-oscillator.h5")) {
                k.add(new Kind("twin " + t + how, originals.resolve(t), t, twin, InvalidTwinFileException.class, sample,
                        d));
            }
            k.add(new Kind("neuron twin (neural SDE)" + how, originals.resolve("twin-stno-a.h5"), "twin-stno-a.h5",
                    sdeNeuron, RefusedInputException.class, onTwin, d));
        }
        for (Damage edits : new Damage[] {Damage.BYTES, Damage.TEXT}) {
            String how = edits == Damage.TEXT ? " (edits)" : "";
            k.add(new Kind("neuron twin (response)" + how, originals.resolve("response-twin-stno-a.json"),
                    "response-twin-stno-a.json", responseNeuron, RefusedInputException.class,
                    List.of("train-on-twin", "--twins", "FILE", "--quick", "--out", "OUT"), edits));
            k.add(new Kind("weights (forecast)" + how, originals.resolve("weights-forecast.json"), "w.json", weights,
                    RefusedInputException.class, deploy, edits));
            k.add(new Kind("weights (digits)" + how, originals.resolve("weights-digits.json"), "w.json", weights,
                    RefusedInputException.class, deploy, edits));
        }
        for (String c : List.of("emulated-bench.yaml", "keithley2400-keysight-lan.yaml", "keithley2400-rs232-fsv.yaml")) {
            k.add(new Kind("lab-config " + c, labConfigs.resolve(c), c, config, LabConfigException.class, check,
                    Damage.BYTES));
            k.add(new Kind("lab-config " + c + " (edits)", labConfigs.resolve(c), c, config, LabConfigException.class,
                    check, Damage.TEXT));
        }
        return k;
    }

    @Test
    void damagedFilesEndInAResultOrAOneLineRefusalNamingTheFile() throws Exception {
        long t0 = System.nanoTime();
        long cliNanos = 0;
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int refused = 0;
        List<Kind> kinds = kinds();
        for (int k = 0; k < kinds.size(); k++) {
            Kind kind = kinds.get(k);
            byte[] original = Files.readAllBytes(kind.original());
            Mutator m = new Mutator(1000L * k + 17);
            Hdf5Edits h = new Hdf5Edits(1000L * k + 17);
            int cli = 0;
            for (int i = 0; i < CASES_PER_FILE; i++) {
                Path caseDir = Files.createDirectories(dir.resolve("case-" + k + "-" + i));
                Path file = caseDir.resolve(kind.fileName());
                String what;
                if (kind.damage() == Damage.HDF5) {
                    what = h.edit(kind.original(), file);
                } else {
                    Mutator.Mutant mutant = kind.damage() == Damage.TEXT
                            ? m.text(new String(original, StandardCharsets.UTF_8)) : m.bytes(original);
                    Files.write(file, mutant.bytes());
                    what = mutant.name();
                }
                String name = kind.name() + " #" + i + " (" + what + ")";
                String hash = sha256(file);
                cases++;
                String problem = runCase(kind, file);
                if (problem == null && !sha256(file).equals(hash)) {
                    problem = "the input was changed or deleted";
                }
                if (problem != null && !problem.equals(REFUSED)) {
                    failures.add(name + ": " + problem);
                    continue;
                }
                if (REFUSED.equals(problem)) {
                    refused++;
                    if (cli < CLI_CASES_PER_KIND) {
                        cli++;
                        cases++;
                        long c0 = System.nanoTime();
                        String c = runCli(kind, file, caseDir);
                        cliNanos += System.nanoTime() - c0;
                        if (c == null && !sha256(file).equals(hash)) {
                            c = "the input was changed or deleted by the command";
                        }
                        if (c != null) {
                            failures.add(name + " through `spinloop " + kind.cli().get(0) + "`: " + c);
                        }
                    }
                }
            }
        }
        System.out.printf(java.util.Locale.ROOT, "fuzz: %d cases, %d failures (%d refused, the rest loaded; %.1f s, "
                + "%.1f s of it through the command line)%n", cases, failures.size(), refused,
                (System.nanoTime() - t0) * 1e-9, cliNanos * 1e-9);
        assertEquals(List.of(), failures.subList(0, Math.min(30, failures.size())), failures.size() + " failures");
    }

    private static final String REFUSED = "\u0000refused";

    /** Null when the loader gave a result, REFUSED for a clear refusal, otherwise what went wrong. */
    private static String runCase(Kind kind, Path file) {
        Future<Throwable> f = worker.submit(() -> {
            try {
                kind.loader().load(file);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Throwable t;
        try {
            t = f.get(CASE_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return "no answer within " + CASE_TIMEOUT_S + " s (a hang)";
        } catch (Exception e) {
            return "the case itself failed: " + e;
        }
        if (t == null) {
            return null;
        }
        String msg = t.getMessage();
        if (t.getClass() != kind.refusal() && !(kind.refusal() == InvalidTwinFileException.class
                && t instanceof java.nio.file.NoSuchFileException)) {
            return "unexpected " + t.getClass().getName() + ": " + msg + at(t);
        }
        if (msg == null || !msg.contains(file.toString())) {
            return "refusal does not name the file: " + msg;
        }
        if (msg.contains("\n")) {
            return "refusal spans lines: " + msg;
        }
        if (t instanceof LabConfigException l && !file.equals(l.file())) {
            return "refusal names another file: " + msg;
        }
        return REFUSED;
    }

    private static String at(Throwable t) {
        StackTraceElement[] s = t.getStackTrace();
        return s.length == 0 ? "" : " at " + s[0] + (s.length > 1 ? " < " + s[1] : "");
    }

    /** Null when the command refused the file in one line naming it (exit 2), otherwise what went wrong. */
    private static String runCli(Kind kind, Path file, Path caseDir) {
        String[] args = kind.cli().stream().map(a -> a.equals("FILE") ? file.toString()
                : a.equals("OUT") ? caseDir.resolve("out").toString() : a).toArray(String[]::new);
        Future<Cli.Result> f = worker.submit(() -> Cli.run(args));
        Cli.Result r;
        try {
            r = f.get(CASE_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return "no answer within " + CASE_TIMEOUT_S + " s (a hang)";
        } catch (Exception e) {
            return "the case itself failed: " + e;
        }
        String err = r.err().strip();
        String command = "spinloop " + String.join(" ", kind.cli().subList(0, kind.cli().get(0).equals("twin")
                || kind.cli().get(0).equals("bench") ? 2 : 1)) + ": ";
        if (r.exit() != 2 || err.lines().count() != 1 || !err.startsWith(command) || !err.contains(file.toString())
                || err.contains("Exception") || err.contains("\tat ")) {
            return "exit " + r.exit() + ", stderr: " + err;
        }
        return null;
    }

    private static String sha256(Path file) throws Exception {
        if (!Files.exists(file)) {
            return "deleted";
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
