package io.spinloop.lab.bench;

import io.spinloop.lab.RunProgress;

import io.spinloop.lab.RunRefusedException;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.RunResumption;
import io.spinloop.measurements.StoreOptions;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything one measurement command holds open, closed in the order that loses nothing: the run stops,
 * the source ramps to zero with its output off, the file is finalised, the instruments and the emulator
 * are closed, and only then may a pending Ctrl-C / SIGTERM let the JVM exit.
 */
public final class MeasurementSession implements AutoCloseable {
    private final LoadedLabConfig config;
    private final DeviceConfig device;
    private final RunGuard guard;
    private final Bench bench;
    private final DeviceRig rig;
    private MeasurementRecorder recorder;
    /** Instruments a run adds beside the rig's source and analyzer (a map's magnet and gaussmeter), by role. */
    private final Map<String, io.spinloop.drivers.Instrument> added = new java.util.LinkedHashMap<>();
    /** What {@link #checkSameInstruments} found, for {@link #resume} to record (no firmware change until then). */
    private InstrumentIdentities.Comparison found = new InstrumentIdentities.Comparison(java.util.List.of(),
            java.util.List.of(), Map.of());

    private MeasurementSession(LoadedLabConfig config, DeviceConfig device, RunGuard guard, Bench bench, DeviceRig rig) {
        this.config = config;
        this.device = device;
        this.guard = guard;
        this.bench = bench;
        this.rig = rig;
    }

    /**
     * Refuses an output that exists (unless {@code overwrite}) or that has the journal of an interrupted run
     * next to it, before any instrument is touched.
     */
    public static void checkOutput(Path out, boolean overwrite) throws FileAlreadyExistsException {
        if (Files.exists(out) && !overwrite) {
            throw new FileAlreadyExistsException(out.toString(), null,
                    "exists; choose another --out or add --overwrite to replace it");
        }
        Path journal = MeasurementRecorder.journalFor(out);
        java.util.Optional<String> live = MeasurementRecorder.runInProgress(out);
        if (live.isPresent()) {
            // A locked journal belongs to a run that is measuring now: recovering it is neither possible nor wanted.
            throw new FileAlreadyExistsException(journal.toString(), null, "a run is in progress writing " + out
                    + " (" + live.get() + "); wait for it to end or choose another --out");
        }
        if (Files.exists(journal)) {
            throw new FileAlreadyExistsException(journal.toString(), null,
                    "an interrupted run's journal is in the way; run `spinloop data recover " + out + "` first");
        }
    }

    /**
     * Opens the bench and the device's instruments with a {@link RunGuard} installed (Ctrl-C and SIGTERM stop the
     * run cleanly); on failure closes what was opened. Closing the session closes the guard last.
     */
    public static MeasurementSession open(LoadedLabConfig config, DeviceConfig device) {
        RunGuard guard = RunGuard.install();
        try {
            return open(config, device, guard);
        } catch (RuntimeException e) {
            guard.close();
            throw e;
        }
    }

    /** Opens the bench and the device's instruments under {@code guard}; on failure closes what was opened. */
    public static MeasurementSession open(LoadedLabConfig config, DeviceConfig device, RunGuard guard) {
        Bench bench = Bench.of(config);
        try {
            return new MeasurementSession(config, device, guard, bench, bench.openDevice(device.id()));
        } catch (RuntimeException e) {
            bench.close();
            throw e;
        }
    }

    /**
     * Starts the file: from here on every point is journaled, and {@link #close()} finalises it. Called once
     * the run is known to be possible, so a refused run leaves no file behind.
     */
    public MeasurementRecorder record(Recording to, Map<String, Long> seeds) throws IOException {
        return record(to, seeds, "run");
    }

    /**
     * As {@link #record(Recording, Map)}, with the run's kind ({@code sweep}, {@code sequences}, {@code map}) and the
     * labels of {@code to} stored as root attributes ({@code meta.kind}, {@code meta.sample}, ...), with the
     * lab-config's SHA-256 ({@code meta.config_sha256}) that a resumed run is checked against.
     */
    public MeasurementRecorder record(Recording to, Map<String, Long> seeds, String kind) throws IOException {
        return record(to, seeds, kind, "");
    }

    /**
     * As {@link #record(Recording, Map, String)}, with the run's plan ({@code meta.plan}: currents, grid, analyzer
     * settings, in words) that a resumed run must repeat exactly.
     */
    public MeasurementRecorder record(Recording to, Map<String, Long> seeds, String kind, String plan)
            throws IOException {
        Provenance.Builder p = provenance(to, seeds, kind);
        if (!plan.isEmpty()) {
            p.metadata("plan", plan);
        }
        recorder = MeasurementRecorder.create(to.file(), p.build(), to.overwrite() ? OverwritePolicy.REPLACE
                : OverwritePolicy.REFUSE);
        return recorder;
    }

    /**
     * {@code to}, or the same as a new run when it resumes a run killed before it recorded anything (its journal held
     * no whole record: deleted, since it holds nothing). A journal torn at its first record next to a file (a resumed
     * run killed while it started) is deleted too, and the resume continues from the file.
     */
    public static Recording startingAnewIfNothingRecorded(Recording to, RunProgress progress) throws IOException {
        if (to.resume() && RunResumption.discardEmptyJournal(to.file())) {
            progress.message("--resume " + to.file() + ": the interrupted run was killed before it recorded anything"
                    + " (its journal held no whole record and was deleted); starting it anew");
            return to.asNewRun();
        }
        return to;
    }

    /**
     * Refuses {@code --resume} of {@code to} before anything is touched when its run was not measured on the same
     * bench, device, lab-config (its SHA-256), kind and plan, naming each that differs; refuses a file that does not
     * exist and has no journal. Nothing on disk is changed.
     */
    public static void checkResumable(Recording to, LoadedLabConfig config, DeviceConfig device, String kind,
                                      String plan) throws IOException {
        Map<String, String> was = RunResumption.previousProvenance(to.file()).metadata();
        Map<String, String> now = new java.util.LinkedHashMap<>();
        now.put("bench", config.config().bench());
        now.put("device", device.id());
        now.put("config_sha256", RunIdentity.sha256(config.text()));
        now.put("kind", kind);
        now.put("plan", plan);
        java.util.List<String> differ = new java.util.ArrayList<>();
        now.forEach((key, value) -> {
            String old = was.get(key);
            if (!value.equals(old)) {
                differ.add(key + " (the file: " + (old == null ? "not recorded" : old) + "; this command: " + value
                        + ")");
            }
        });
        if (!differ.isEmpty()) {
            throw new RunRefusedException("--resume " + to.file() + ": the interrupted run was measured differently,"
                    + " resume it with the same lab-config, device and options; differs: " + String.join("; ", differ));
        }
    }

    /**
     * Continues the interrupted run of {@code to} (checked by {@link #checkResumable}): recovers a journal it left,
     * copies its points into a new journal, records the interruption and the firmware of any instrument that
     * {@link #checkSameInstruments} found changed; {@link #close()} publishes the whole file.
     */
    public RunResumption.Resumed resume(Recording to) throws IOException {
        RunResumption.Resumed r = RunResumption.resume(to.file(), StoreOptions.DEFAULT, found::firmwareMetadata);
        recorder = r.recorder();
        return r;
    }

    /**
     * Adds instruments the run uses beside the rig's source and analyzer ({@code magnet}, {@code gaussmeter}), by
     * role: their identities are stored with the run and checked on {@code --resume}. Call before
     * {@link #record} or {@link #checkSameInstruments}.
     */
    public void alsoUses(Map<String, ? extends io.spinloop.drivers.Instrument> byRole) {
        added.putAll(byRole);
    }

    /** Every instrument of the run by role: {@code source}, {@code analyzer}, then those {@link #alsoUses} added. */
    Map<String, io.spinloop.drivers.Instrument> instrumentsByRole() {
        Map<String, io.spinloop.drivers.Instrument> all = new java.util.LinkedHashMap<>();
        all.put("source", rig.source());
        all.put("analyzer", rig.analyzer());
        all.putAll(added);
        return all;
    }

    /**
     * Refuses {@code --resume} of {@code to} when an instrument now on the bench is another model or another unit
     * (serial number) than the interrupted run's in the same role, naming the role and both identities; a unit that
     * now runs other firmware is resumed, with a warning to {@code progress}, and {@link #resume} records the
     * firmware it takes its points with. Reads the interrupted run's stored identities (nothing on disk is changed);
     * call after opening the session and before {@link #resume}.
     */
    public void checkSameInstruments(Recording to, io.spinloop.lab.RunProgress progress) throws IOException {
        InstrumentIdentities.Comparison c = InstrumentIdentities.compare(
                RunResumption.previousProvenance(to.file()), instrumentsByRole());
        found = c;
        if (!c.refusals().isEmpty()) {
            throw new RunRefusedException("--resume " + to.file() + ": the bench's instruments are not those of the"
                    + " interrupted run; resume it on the same instruments or measure into a new file; "
                    + String.join("; ", c.refusals()));
        }
        c.warnings().forEach(progress::warning);
    }

    /** The provenance every run of this session stores: software, config, instruments, labels, seeds. */
    Provenance.Builder provenance(Recording to, Map<String, Long> seeds, String kind) {
        Provenance.Builder p = Provenance.builder(to.softwareVersion())
                .labConfig(config.text());
        instrumentsByRole().forEach((role, instrument) -> {
            p.instrument(instrument.name(), instrument.identity().raw());
            InstrumentIdentities.store(p, role, instrument);
        });
        p
                .metadata("bench", config.config().bench())
                .metadata("lab_config_file", config.file().toString())
                .metadata("device", device.id())
                .metadata("command", to.commandLine())
                .metadata("kind", kind)
                .metadata("config_sha256", RunIdentity.sha256(config.text()));
        RunLabels labels = to.labels();
        p.metadata("sample", labels.sample()).metadata("operator", labels.operator())
                .metadata("tags", String.join(",", labels.tags())).metadata("comment", labels.comment());
        if (bench.emulated()) {
            p.seed("emulator", bench.emulatorSeed());
            boolean realistic = config.config().emulator().realisticLimits();
            p.physicallyMeasurable(realistic, realistic
                    ? "emulated bench with the instruments' real minimum dwell and resolution"
                    : "emulator.realistic_limits is false: dwell or resolution beyond what the real instruments do");
        }
        seeds.forEach(p::seed);
        return p;
    }

    /** The bench this session opened (for the instruments a run adds, such as a device's field controller). */
    public Bench bench() {
        return bench;
    }

    /** The run's guard against Ctrl-C and SIGTERM. */
    public RunGuard guard() {
        return guard;
    }

    /** The instruments of the device being measured. */
    public DeviceRig rig() {
        return rig;
    }

    /** An emulated bench whose instruments' real minimum dwell and resolution are lifted (emulator.realistic_limits). */
    public boolean instrumentLimitsLifted() {
        return bench.emulated() && !config.config().emulator().realisticLimits();
    }

    @Override
    public void close() throws IOException {
        try {
            try {
                rig.source().outputOff();
            } catch (RuntimeException e) {
                // Already made safe by the drivers when it failed; the file still gets finalised below.
            } finally {
                if (recorder != null) {
                    // A run that failed before its first point leaves no empty file behind to block --out.
                    recorder.closeOrDiscardIfEmpty();
                }
            }
        } finally {
            try {
                rig.close();
            } finally {
                try {
                    bench.close();
                } finally {
                    guard.close(); // the bench is safe and the file final: a pending shutdown may proceed
                }
            }
        }
    }
}
