package io.spinloop.training.engine;

import java.io.Serializable;

/**
 * One independent unit of a study (a training run, a tuning trial, a twin fit), named by a key that stays the
 * same when the study is started again: the driver writes its result under that key and skips it on resume.
 * Serializable because a cluster engine ships it to another JVM; {@code shared} is the study's data, sent to
 * each worker once (a broadcast), not with every task.
 *
 * @param <D> the data every task of the study reads
 * @param <R> the task's result, a small record sent back to the driver
 */
public interface StudyTask<D extends Serializable, R extends Serializable> extends Serializable {
    String key();

    R run(D shared);
}
