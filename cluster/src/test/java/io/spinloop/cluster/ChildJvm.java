package io.spinloop.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JVM the cluster tests start from the Maven class path (a Spark master, a worker, a spinloop driver), its output
 * in a log file; closing it kills it and everything it started (a worker's executors).
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildJvm start(Path log, Map<String, String> env, List<String> jvmOptions, String mainClass, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true"));
        String opens = System.getProperty("spinloop.spark.opens", "");
        if (!opens.isBlank()) {
            cmd.addAll(List.of(opens.trim().split("\\s+")));
        }
        cmd.addAll(jvmOptions);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new ChildJvm(pb.start(), log);
    }

    Process process() {
        return process;
    }

    /**
     * Waits until the log holds {@code count} lines containing {@code text} (a master's "Registering worker"), or
     * fails naming the log after {@code timeout}.
     */
    void awaitLog(String text, int count, java.time.Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long n = Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains(text)).count() : 0;
            if (n >= count) {
                return;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no " + count + " lines '" + text + "' in " + tail());
            }
            Thread.sleep(200);
        }
    }

    /** Kills the JVM and every process it started, at once (SIGKILL), as a machine failure would. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The log's last lines, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return log + ": " + e;
        }
    }

    @Override
    public void close() {
        kill();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
