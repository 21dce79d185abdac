package io.spinloop.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real {@code spinloop} process (a child JVM on the test classpath, as the shaded jar would run it), for
 * tests that must kill it or let it run until interrupted. Its output (stdout and stderr together) is read
 * by a thread as it comes, so nothing is lost when the process is killed.
 */
public final class ChildSpinloop implements AutoCloseable {
    private static final String END = "\u0000end";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer log = new StringBuffer();
    private final Thread reader;

    private ChildSpinloop(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                // The stream closes when the process is destroyed: what was read is in the log.
            } finally {
                lines.add(END);
            }
        }, "child-spinloop-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildSpinloop start(String... args) throws IOException {
        return startIn(null, List.of(), args);
    }

    /** As {@link #start}, with {@code dir} as working directory (null: this one) and extra JVM options. */
    public static ChildSpinloop startIn(Path dir, List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true"));
        String claims = System.getProperty("spinloop.claims.dir");
        if (claims != null) {
            cmd.add("-Dspinloop.claims.dir=" + claims); // the children claim instruments where the tests do
        }
        cmd.addAll(jvmOptions);
        cmd.add("io.spinloop.app.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        return new ChildSpinloop(pb.start());
    }

    /** Waits (at most a minute) for an output line that matches; fails if the process ends first. */
    public String awaitLine(Predicate<String> wanted) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (END.equals(line)) {
                    lines.add(END);
                    throw new AssertionError("spinloop ended before the expected line:\n" + log);
                }
                if (line != null && wanted.test(line)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no expected line within a minute:\n" + log);
    }

    /** Waits for the process to end and returns everything it printed. */
    public String drain() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while draining", e));
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
