package io.spinloop.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real {@code spinloop} process (a child JVM on the test classpath, as the shaded jar would run it), for
 * tests that must kill it or let it run until interrupted.
 */
public final class ChildSpinloop implements AutoCloseable {
    private final Process process;
    private final BufferedReader output;
    private final StringBuilder log = new StringBuilder();

    private ChildSpinloop(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static ChildSpinloop start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true", "io.spinloop.app.Main"));
        cmd.addAll(List.of(args));
        return new ChildSpinloop(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** Reads output lines (stdout and stderr together) until one matches; fails if the process ends first. */
    public String awaitLine(Predicate<String> wanted) throws IOException {
        String line;
        while ((line = output.readLine()) != null) {
            log.append(line).append('\n');
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("spinloop ended before the expected line:\n" + log);
    }

    /** Everything printed so far, plus the rest once the process has ended. */
    public String drain() throws IOException {
        String line;
        while ((line = output.readLine()) != null) {
            log.append(line).append('\n');
        }
        return log.toString();
    }

    public Process process() {
        return process;
    }

    public String log() {
        return log.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
