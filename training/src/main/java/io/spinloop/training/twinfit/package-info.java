/**
 * Twin fits of many devices as a study: one {@link io.spinloop.twin.fit.TwinFitJob} per device's recording, each a
 * task of a {@link io.spinloop.training.engine.StudyEngine}, their figures kept by the driver in a keyed results file.
 */
package io.spinloop.training.twinfit;
