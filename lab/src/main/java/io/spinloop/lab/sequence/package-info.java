/**
 * Drive sequences recorded for a digital twin to learn from: generated ({@link io.spinloop.lab.sequence.DriveSequences}),
 * played as source lists read in zero span, repeats interleaved ({@link io.spinloop.lab.sequence.SequenceRunner}),
 * as {@code spinloop measure sequences} runs them ({@link io.spinloop.lab.sequence.SequenceMeasurement}).
 */
package io.spinloop.lab.sequence;
