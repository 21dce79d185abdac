package io.spinloop.cluster;

import java.io.Serializable;

/** A task's result with its key, as a task sends it back to the driver. */
record Keyed<R>(String key, R result) implements Serializable {
}
