package io.spinloop.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The repository's lab-configs for lab's tests, and variants of them written for a test (app's tests have their own
 * TestBenches with the same variants: test sources are not shared between modules).
 */
public final class TestLabConfigs {
    private TestLabConfigs() {
    }

    /** The repository root (tests run with lab/ as working directory). */
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

    /**
     * The default bench with every device exactly the nominal one (no spread, no drift), so a test knows the physics
     * it measures, and 16 averages per spectrum.
     */
    public static Path exactBench(Path dir) throws IOException {
        String s = Files.readString(defaultBench());
        s = replaceLine(s, "  spread:", "  spread: {threshold: 0.0, f0: 0.0, Q: 0.0}");
        s = replaceLine(s, "  drift:", "  drift: 0.0");
        s = replaceLine(s, "      averages:", "      averages: 16");
        Path p = dir.resolve("exact.yaml");
        Files.writeString(p, s);
        return p;
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
}
