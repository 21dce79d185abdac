package io.spinloop.training.engine;

import java.io.Serializable;

/**
 * A task that reports while it runs (a tuning trial): like {@link StudyTask}, but given a {@link Reporter} whose
 * replies may stop it early. Its result is still a small record sent back when it ends, stopped or not.
 */
public interface ReportingTask<D extends Serializable, R extends Serializable> extends Serializable {
    String key();

    R run(D shared, Reporter reporter);
}
