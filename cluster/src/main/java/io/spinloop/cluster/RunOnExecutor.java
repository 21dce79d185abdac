package io.spinloop.cluster;

import io.spinloop.training.engine.StudyTask;
import java.io.Serializable;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/** What an executor does with a study task: run it on the broadcast data, return the result under its key. */
final class RunOnExecutor<D extends Serializable, R extends Serializable> implements Function<StudyTask<D, R>, Keyed<R>> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<D> data;

    RunOnExecutor(Broadcast<D> data) {
        this.data = data;
    }

    @Override
    public Keyed<R> call(StudyTask<D, R> task) {
        return new Keyed<>(task.key(), task.run(data.value()));
    }
}
