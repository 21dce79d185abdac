package io.spinloop.drivers.transport;

import java.time.Duration;

/**
 * One GPIB instrument behind a {@link PrologixController}. Each reply is fetched whole by the controller in one
 * step, up to EOI (so no other instrument's exchange can come between its parts), and handed out by
 * {@link EndDelimitedTransport} line by line or byte by byte, as the SCPI session asks for it.
 */
final class GpibTransport extends EndDelimitedTransport {
    private final PrologixController controller;
    private final String address; // the ++addr argument: primary, and secondary + 96 if any
    private final String label;

    GpibTransport(PrologixController controller, ResourceString.Gpib gpib, Duration timeout) {
        super(timeout);
        this.controller = controller;
        VisaResource.Gpib a = gpib.address();
        this.address = a.primary() + (a.secondary() < 0 ? "" : " " + (96 + a.secondary()));
        this.label = gpib.label(controller);
    }

    @Override
    public String resource() {
        return label;
    }

    /** The controller escapes the command's text and ends it itself, so it takes the text, not the framed bytes. */
    @Override
    void writeMessage(byte[] message, String command) {
        controller.write(address, command, label);
    }

    @Override
    byte[] readMessage(String command, Duration timeout) {
        return controller.read(address, command, timeout, label);
    }

    @Override
    void connect() {
        controller.ensureOpen();
    }

    /** Releases this instrument's share of the controller (its link closes with the last one). */
    @Override
    void disconnect() {
        controller.release();
    }

    /**
     * The controller already cleared the instrument and renewed its link after the failure, and is shared with the
     * other instruments on its bus: it is not released, only opened if it is not.
     */
    @Override
    void reconnect() {
        connect();
    }
}
