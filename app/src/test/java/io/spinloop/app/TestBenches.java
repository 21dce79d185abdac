package io.spinloop.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The repository's lab-configs, and variants of them written for a test. */
public final class TestBenches {
    private TestBenches() {
    }

    /** The repository root (tests run with app/ as working directory). */
    public static Path repoRoot() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("lab-configs"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no lab-configs folder above " + Paths.get("").toAbsolutePath());
        }
        return p;
    }

    public static Path defaultBench() {
        return repoRoot().resolve("lab-configs/emulated-bench.yaml");
    }

    public static String defaultBenchText() throws IOException {
        return Files.readString(defaultBench());
    }

    /**
     * The default bench with every device exactly the nominal one (no spread, no drift), so a test knows
     * the physics it measures, and 16 averages per spectrum (the line's power to about 5 % per point).
     */
    public static String exactBenchText() throws IOException {
        String s = defaultBenchText();
        s = replaceLine(s, "  spread:", "  spread: {threshold: 0.0, f0: 0.0, Q: 0.0}");
        s = replaceLine(s, "  drift:", "  drift: 0.0");
        s = replaceLine(s, "      averages:", "      averages: 16");
        return s;
    }

    /** Replaces the first line starting with {@code prefix}. */
    public static String replaceLine(String text, String prefix, String replacement) {
        StringBuilder out = new StringBuilder();
        boolean done = false;
        for (String line : text.split("\n", -1)) {
            if (!done && line.startsWith(prefix)) {
                out.append(replacement);
                done = true;
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        if (!done) {
            throw new IllegalArgumentException("no line starting with '" + prefix + "'");
        }
        return out.substring(0, out.length() - 1);
    }

    public static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
