package io.spinloop.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The Spark configuration of a spinloop driver: master, application name, and the jars executors need. */
final class SparkSettings {
    private SparkSettings() {
    }

    static SparkConf conf(String master) {
        SparkConf conf = new SparkConf().setAppName("spinloop");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (!conf.contains("spark.jars") && !conf.get("spark.master").startsWith("local")) {
            // Started by ./spinloop (not spark-submit): ship the jars holding the tasks' classes to the executors.
            List<String> jars = new ArrayList<>();
            jars.addAll(List.of(JavaSparkContext.jarOfClass(SparkSettings.class)));
            jars.addAll(List.of(JavaSparkContext.jarOfClass(io.spinloop.training.engine.StudyTask.class)));
            if (!jars.isEmpty()) {
                conf.setJars(jars.toArray(new String[0]));
            }
        }
        return conf;
    }
}
