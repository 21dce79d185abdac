package io.spinloop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's spark-submit layout: Spark's SparkSubmit (what the spark-submit script runs) on a class path with no
 * spinloop class, given the app's jar as the application and the cluster jar in --jars, runs a study on the Spark
 * engine. Needs app/target/spinloop.jar, which the reactor builds before this module's tests.
 */
class SparkSubmitTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void sparkSubmitRunsAStudyFromTheAppJarWithTheClusterJarBesideIt(@TempDir Path tmp) throws Exception {
        // SparkSubmit resolves --jars through Hadoop's FileSystem, whose UserGroupInformation calls
        // Subject.getSubject: unsupported from Java 24 on (Hadoop 3.4.2, as Spark 4.1.1 brings it). A SparkContext
        // alone does not go that way, so the engine itself runs on Java 25 (LocalSparkStudyTest, StandaloneClusterTest).
        assumeTrue(Runtime.version().feature() < 24, "spark-submit on Java " + Runtime.version().feature()
                + " fails in Hadoop 3.4.2's Subject.getSubject (unsupported from Java 24); run spark-submit on Java 17"
                + " or 21");
        Path root = ReadmeClusterCommandsTest.repoRoot();
        Path appJar = root.resolve("app/target/spinloop.jar");
        assertTrue(Files.exists(appJar), appJar + " missing: build the app module first (mvn verify does)");
        Path clusterJar = jarOf(root.resolve("cluster/target/classes"), tmp.resolve("spinloop-cluster.jar"));
        // A Spark installation's class path: the Maven jars, none of the modules' classes.
        String sparkOnly = String.join(File.pathSeparator, Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains(File.separator + "target" + File.separator)).toList());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", sparkOnly, "-Dspark.ui.enabled=false"));
        cmd.addAll(List.of(System.getProperty("spinloop.spark.opens", "").trim().split("\\s+")));
        cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--class", "io.spinloop.app.Main", "--master", "local[2]",
                "--jars", clusterJar.toString(), appJar.toString(),
                "study", "seeds", "--models", "ctrnn", "--seeds", "2", "--layers", "1", "--neurons", "4", "--train-limit", "48",
                "--test-limit", "24", "--batch", "24", "--epochs", "2", "--engine", "spark", "--out", tmp.resolve("out").toString()));
        Path log = tmp.resolve("submit.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(p.waitFor(8, TimeUnit.MINUTES), "spark-submit did not end");
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("on the spark engine") && out.contains("spark local[2]"), out);
        assertEquals(3, Files.readAllLines(tmp.resolve("out/runs.csv")).size());
    }

    /** The cluster module's classes as the jar the build makes (this runs before the package phase). */
    private static Path jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(f);
             Stream<Path> files = Files.walk(classes)) {
            for (Path c : files.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(c).toString().replace(File.separatorChar, '/')));
                Files.copy(c, j);
                j.closeEntry();
            }
        }
        return jar;
    }
}
