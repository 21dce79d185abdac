package io.spinloop.app;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.lab.bench.EmulatedBenchLauncher;
import io.spinloop.lab.config.LabConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code spinloop emulator serve} does, inside the test JVM: the exact bench of {@link TestBenches} served on
 * free loopback ports, and a lab-config for it without an {@code emulator:} block, so a run treats it as a real
 * bench (several processes can then drive the same instruments, as on a lab PC). The test keeps the emulator's
 * record of what the sources were told.
 */
public final class ServedBench implements AutoCloseable {
    /** The exact bench's ramp_step_A. */
    public static final double STEP_LIMIT_A = 2.5e-4;
    private static final Pattern PROGRESS = Pattern.compile("\\] (\\d+)/(\\d+) ");

    private final EmulatedBenchLauncher.Running running;
    private final Path config;
    private final String text;

    private ServedBench(EmulatedBenchLauncher.Running running, Path config, String text) {
        this.running = running;
        this.config = config;
        this.text = text;
    }

    /** Serves the exact bench and writes {@code served.yaml} into {@code dir} pointing at it. */
    public static ServedBench start(Path dir) throws IOException {
        String text = TestBenches.exactBenchText();
        var running = EmulatedBenchLauncher.start(LabConfigLoader.load(TestBenches.write(dir, "emulated.yaml", text)),
                true);
        try {
            String served = text.substring(0, text.indexOf("\nemulator:") + 1);
            for (var e : running.resources().entrySet()) {
                served = served.replaceFirst("(- name: " + e.getKey() + "\\n(?:[ ]{4}.*\\n)*?[ ]{4}resource: )\\S+",
                        "$1" + e.getValue());
            }
            return new ServedBench(running, TestBenches.write(dir, "served.yaml", served), served);
        } catch (IOException | RuntimeException e) {
            running.close();
            throw e;
        }
    }

    /** The lab-config of the served bench (a real bench as far as a run can tell). */
    public Path config() {
        return config;
    }

    /** A variant of the served bench's lab-config, the first line starting with {@code prefix} replaced. */
    public Path configWith(String prefix, String replacement) throws IOException {
        return TestBenches.write(config.getParent(), "served-variant.yaml",
                TestBenches.replaceLine(text, prefix, replacement));
    }

    public EmulatedBench emulator() {
        return running.bench();
    }

    /** Where an instrument is served, {@code tcp://127.0.0.1:port}. */
    public String resource(String instrument) {
        return running.resources().get(instrument);
    }

    /**
     * {@code spinloop measure sweep} of stno-a in a child JVM: 301 currents, a few seconds of run, long enough to
     * signal it or to try the same source meanwhile.
     */
    public ChildSpinloop sweep(Path out) throws IOException {
        return sweep(config, out, "0", "3e-3", "1e-5");
    }

    /** {@code spinloop measure sweep} of stno-a in a child JVM, on {@code config}, from, to and step in A. */
    public static ChildSpinloop sweep(Path config, Path out, String from, String to, String step) throws IOException {
        return ChildSpinloop.start("measure", "sweep", "--config", config.toString(), "--device", "stno-a",
                "--out", out.toString(), "--from", from, "--to", to, "--step", step);
    }

    /** Waits until the child's progress line says at least {@code atLeast} points are done. */
    public static void awaitProgress(ChildSpinloop child, int atLeast) {
        child.awaitLine(l -> {
            Matcher m = PROGRESS.matcher(l);
            return m.find() && Integer.parseInt(m.group(1)) >= atLeast;
        });
    }

    /**
     * The emulator's record shows no change of the current through the device larger than {@code limit}, from
     * the first event on (the instrument's own resets aside).
     */
    public static void assertNoStepAbove(double limit, List<SourceEvent> history) {
        double before = history.get(0).outputOn() ? history.get(0).level() : 0;
        for (SourceEvent e : history.subList(1, history.size())) {
            double applied = e.outputOn() ? e.level() : 0;
            if (e.cause() != SourceEvent.Cause.POWER_ON && e.cause() != SourceEvent.Cause.RESET
                    && Math.abs(applied - before) > limit + 1e-12) {
                throw new AssertionError("a step of " + Math.abs(applied - before) + " A, above the " + limit
                        + " A limit, at " + e + " (" + history.size() + " events)");
            }
            before = applied;
        }
    }

    @Override
    public void close() {
        running.close();
    }
}
