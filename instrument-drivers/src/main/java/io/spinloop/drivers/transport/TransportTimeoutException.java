package io.spinloop.drivers.transport;

/**
 * A complete reply did not arrive in time. Any bytes of the reply that did arrive were discarded,
 * so the caller never sees half a message; the transport must be {@link Transport#reopen() reopened}
 * before the next exchange because the rest of the late reply may still be on its way.
 */
public class TransportTimeoutException extends TransportException {
    public TransportTimeoutException(String message) {
        super(message);
    }
}
