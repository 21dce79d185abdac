package io.spinloop.cluster;

import io.spinloop.training.engine.ReportingTask;
import java.io.Serializable;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/** What an executor does with a reporting task: run it on the broadcast data, reporting to the driver's port. */
final class RunReportingOnExecutor<D extends Serializable, R extends Serializable>
        implements Function<ReportingTask<D, R>, Keyed<R>> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<D> data;
    private final String host;
    private final int port;
    private final String token;

    RunReportingOnExecutor(Broadcast<D> data, String host, int port, String token) {
        this.data = data;
        this.host = host;
        this.port = port;
        this.token = token;
    }

    @Override
    public Keyed<R> call(ReportingTask<D, R> task) {
        try (SocketReporter reporter = new SocketReporter(host, port, token, task.key())) {
            return new Keyed<>(task.key(), task.run(data.value(), reporter));
        }
    }
}
