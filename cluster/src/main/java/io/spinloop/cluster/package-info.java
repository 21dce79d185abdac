/**
 * Studies on Apache Spark: {@link io.spinloop.cluster.SparkEngine}, the {@code --engine spark} of the studies,
 * loaded through {@link io.spinloop.cluster.SparkEngineFactory} only when this module's jar is on the class path.
 * Sees training and the modules below it; nothing in the project sees this module.
 */
package io.spinloop.cluster;
