package io.spinloop.drivers.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One HiSLIP message (IVI-6.1): a 16-byte header ("HS", message type, control code, 32-bit message parameter, 64-bit
 * payload length, big-endian) and its payload.
 */
record HislipMessage(int type, int control, long parameter, byte[] payload) {
    static final int INITIALIZE = 0;
    static final int INITIALIZE_RESPONSE = 1;
    static final int FATAL_ERROR = 2;
    static final int ERROR = 3;
    static final int DATA = 6;
    static final int DATA_END = 7;
    static final int DEVICE_CLEAR_COMPLETE = 8;
    static final int DEVICE_CLEAR_ACKNOWLEDGE = 9;
    static final int INTERRUPTED = 13;
    static final int ASYNC_MAXIMUM_MESSAGE_SIZE = 15;
    static final int ASYNC_MAXIMUM_MESSAGE_SIZE_RESPONSE = 16;
    static final int ASYNC_INITIALIZE = 17;
    static final int ASYNC_INITIALIZE_RESPONSE = 18;
    static final int ASYNC_DEVICE_CLEAR = 19;
    static final int ASYNC_DEVICE_CLEAR_ACKNOWLEDGE = 23;
    static final int HEADER = 16;

    /** Writes header and payload in one write. */
    void writeTo(OutputStream out) throws IOException {
        byte[] b = new byte[HEADER + payload.length];
        b[0] = 'H';
        b[1] = 'S';
        b[2] = (byte) type;
        b[3] = (byte) control;
        for (int i = 0; i < 4; i++) {
            b[4 + i] = (byte) (parameter >>> (24 - 8 * i));
        }
        long n = payload.length;
        for (int i = 0; i < 8; i++) {
            b[8 + i] = (byte) (n >>> (56 - 8 * i));
        }
        System.arraycopy(payload, 0, b, HEADER, payload.length);
        out.write(b);
        out.flush();
    }

    /**
     * Reads one message; {@code first} is its first byte, already read (so a caller can wait for a message to start
     * with one timeout and read the rest with another).
     *
     * @throws TransportException on a header that is no HiSLIP header or a payload over {@code maxPayload}
     */
    static HislipMessage readRest(int first, InputStream in, long maxPayload, String from) throws IOException {
        byte[] h = new byte[HEADER];
        h[0] = (byte) first;
        readFully(in, h, 1, HEADER - 1);
        if (h[0] != 'H' || h[1] != 'S') {
            throw new TransportException(from + " sent a message without the HiSLIP prologue 'HS': the stream is out"
                    + " of step, or the port is no HiSLIP server");
        }
        long parameter = 0;
        for (int i = 0; i < 4; i++) {
            parameter = (parameter << 8) | (h[4 + i] & 0xFF);
        }
        long length = 0;
        for (int i = 0; i < 8; i++) {
            length = (length << 8) | (h[8 + i] & 0xFF);
        }
        if (length < 0 || length > maxPayload) {
            throw new TransportException(from + " sent a HiSLIP message of " + length + " bytes, over the "
                    + maxPayload + " this client announced");
        }
        byte[] payload = new byte[(int) length];
        readFully(in, payload, 0, payload.length);
        return new HislipMessage(h[2] & 0xFF, h[3] & 0xFF, parameter, payload);
    }

    private static void readFully(InputStream in, byte[] b, int off, int n) throws IOException {
        while (n > 0) {
            int r = in.read(b, off, n);
            if (r < 0) {
                throw new EOFException("the connection was closed in the middle of a HiSLIP message");
            }
            off += r;
            n -= r;
        }
    }

    /** The message type in words, for errors. */
    static String name(int type) {
        return switch (type) {
            case INITIALIZE -> "Initialize";
            case INITIALIZE_RESPONSE -> "InitializeResponse";
            case FATAL_ERROR -> "FatalError";
            case ERROR -> "Error";
            case DATA -> "Data";
            case DATA_END -> "DataEnd";
            case DEVICE_CLEAR_COMPLETE -> "DeviceClearComplete";
            case DEVICE_CLEAR_ACKNOWLEDGE -> "DeviceClearAcknowledge";
            case INTERRUPTED -> "Interrupted";
            case ASYNC_MAXIMUM_MESSAGE_SIZE_RESPONSE -> "AsyncMaximumMessageSizeResponse";
            case ASYNC_INITIALIZE_RESPONSE -> "AsyncInitializeResponse";
            case ASYNC_DEVICE_CLEAR_ACKNOWLEDGE -> "AsyncDeviceClearAcknowledge";
            default -> "message type " + type;
        };
    }

    /** The text of an Error or FatalError, with its code in words (IVI-6.1 tables 10 and 11). */
    String errorText() {
        String code;
        if (type == FATAL_ERROR) {
            code = switch (control) {
                case 1 -> "poorly formed message header";
                case 2 -> "attempt to use connection without both channels established";
                case 3 -> "invalid initialization sequence";
                case 4 -> "server refused connection due to maximum number of clients exceeded";
                default -> "unidentified error";
            };
        } else {
            code = switch (control) {
                case 1 -> "unrecognized message type";
                case 2 -> "unrecognized control code";
                case 3 -> "unrecognized vendor defined message";
                case 4 -> "message too large";
                default -> "unidentified error";
            };
        }
        String text = new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
        return code + " (" + control + ")" + (text.isEmpty() ? "" : ": " + text);
    }
}
