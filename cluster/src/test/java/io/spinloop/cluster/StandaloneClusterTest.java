package io.spinloop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spinloop.training.engine.LocalEngine;
import io.spinloop.training.run.TrainingConfig;
import io.spinloop.training.study.SeedStudy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and two one-core workers, each its own JVM started from the
 * Maven class path, and this JVM as the driver. The worker whose executor finishes the first task is killed with
 * its executor (SIGKILL) while the executor runs its next task; Spark re-runs that task on the other worker, and the
 * study ends complete, each run once, with the figures of the same study in this process.
 */
class StandaloneClusterTest {

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aStudyEndsCompleteAndCorrectWhenAWorkerIsKilledInTheMiddle(@TempDir Path tmp) throws Exception {
        // A standalone executor starts through Hadoop's UserGroupInformation, which calls Subject.getSubject:
        // unsupported from Java 24 on (Hadoop 3.4.2, as Spark 4.1.1 brings it), so every executor dies at start.
        // Local mode (LocalSparkStudyTest, DriverKillResumeTest) does not go that way and runs on Java 25.
        assumeTrue(Runtime.version().feature() < 24, "Spark standalone executors on Java " + Runtime.version().feature()
                + " die in Hadoop 3.4.2's Subject.getSubject (unsupported from Java 24); a cluster runs Java 17 or 21");
        Map<String, TrainingConfig> variants = TinyStudy.longer(30);
        new SeedStudy(tmp.resolve("local"), 2, new LocalEngine(), false).run(variants, 2, r -> { });

        Path home = tmp.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        // Executors get their class path from spark.executor.extraClassPath; SPARK_HOME only has to exist.
        Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1", "JAVA_HOME", System.getProperty("java.home"));
        List<String> jvm = List.of("-Xmx256m", "-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider");
        int port = freePort();
        String url = "spark://127.0.0.1:" + port;
        try (ChildJvm master = ChildJvm.start(tmp.resolve("master.log"), env, jvm, "org.apache.spark.deploy.master.Master",
                     "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0");
             ChildJvm w1 = worker(tmp, 1, env, jvm, url);
             ChildJvm w2 = worker(tmp, 2, env, jvm, url)) {
            // The driver gives up on a master that does not answer within its retries: start it once the master
            // is up with both workers registered (minutes on a loaded machine).
            master.awaitLog("Registering worker", 2, java.time.Duration.ofMinutes(5));
            SparkConf conf = new SparkConf().setMaster(url).setAppName("spinloop-test")
                    .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.executor.memory", "512m")
                    .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .set("spark.executor.extraJavaOptions", System.getProperty("spinloop.spark.opens", ""))
                    .set("spark.task.maxFailures", "4");
            String logs = "\n" + master.tail() + "\n" + w1.tail() + "\n" + w2.tail();
            try (SparkEngine engine = new SparkEngine(conf)) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                // The driver counts as one executor: wait for both workers' executors.
                while (engine.context().sc().statusTracker().getExecutorInfos().length < 3) {
                    assertTrue(System.nanoTime() < deadline, "the workers' executors did not register" + logs
                            + "\n" + master.tail() + "\n" + w1.tail() + "\n" + w2.tail());
                    Thread.sleep(200);
                }
                List<String> lost = Collections.synchronizedList(new ArrayList<>());
                List<String> events = Collections.synchronizedList(new ArrayList<>());
                AtomicBoolean killed = new AtomicBoolean();
                List<ChildJvm> workers = List.of(w1, w2);
                engine.context().sc().addSparkListener(new SparkListener() {
                    @Override
                    public void onTaskEnd(SparkListenerTaskEnd end) {
                        events.add(end.taskInfo().executorId() + " " + end.taskInfo().successful() + " "
                                + end.taskInfo().duration() + " ms " + end.reason());
                        if (!end.taskInfo().successful()) {
                            lost.add(end.reason().toString());
                        } else if (killed.compareAndSet(false, true)) {
                            // This executor has just been given the next task: kill it mid-run.
                            try {
                                workerOf(workers, end.taskInfo().executorId()).kill();
                            } catch (RuntimeException e) {
                                events.add("kill failed: " + e);
                            }
                        }
                    }
                });
                List<String> keys = Collections.synchronizedList(new ArrayList<>());
                new SeedStudy(tmp.resolve("cluster"), 2, engine, false).run(variants, 2,
                        r -> keys.add(r.variant() + "/" + r.config().seed()));
                assertTrue(killed.get());
                // Listeners hear of tasks asynchronously: let them catch up before asking what they heard.
                engine.context().sc().listenerBus().waitUntilEmpty();
                assertFalse(lost.isEmpty(), "no task was lost with the killed worker: " + events);
                assertEquals(6, keys.size(), keys.toString());
                assertEquals(6, keys.stream().distinct().count(), keys.toString());
            }
        }
        List<String> rows = Files.readAllLines(tmp.resolve("cluster/runs.csv"));
        assertEquals(7, rows.size(), String.join("\n", rows));
        assertEquals(TinyStudy.withoutTimes(tmp.resolve("local/runs.csv")), TinyStudy.withoutTimes(tmp.resolve("cluster/runs.csv")));
    }

    private static ChildJvm worker(Path tmp, int n, Map<String, String> env, List<String> jvm, String url) throws IOException {
        Path work = tmp.resolve("work-" + n);
        Files.createDirectories(work);
        return ChildJvm.start(tmp.resolve("worker-" + n + ".log"), env, jvm, "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", "0", "--work-dir", work.toString(), url);
    }

    /** The worker whose executor (a child JVM started with --executor-id ID) is {@code executorId}. */
    static ChildJvm workerOf(List<ChildJvm> workers, String executorId) {
        for (ChildJvm w : workers) {
            // The executor's command line is too long for ProcessHandle.Info; /proc has all of it (Linux).
            String flag = "\0--executor-id\0" + executorId + "\0";
            boolean runsIt = w.process().descendants().anyMatch(p -> {
                try {
                    return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                            java.nio.charset.StandardCharsets.UTF_8).contains(flag);
                } catch (IOException e) {
                    return false;
                }
            });
            if (runsIt) {
                return w;
            }
        }
        throw new IllegalStateException("no worker runs executor " + executorId);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
