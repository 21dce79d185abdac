package io.spinloop.emulator.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** One HiSLIP message (IVI-6.1): the 16-byte header ("HS", type, control code, parameter, payload length) and payload. */
record HislipFrame(int type, int control, long parameter, byte[] payload) {
    static final int INITIALIZE = 0;
    static final int INITIALIZE_RESPONSE = 1;
    static final int FATAL_ERROR = 2;
    static final int ERROR = 3;
    static final int ASYNC_LOCK = 4;
    static final int ASYNC_LOCK_RESPONSE = 5;
    static final int DATA = 6;
    static final int DATA_END = 7;
    static final int DEVICE_CLEAR_COMPLETE = 8;
    static final int DEVICE_CLEAR_ACKNOWLEDGE = 9;
    static final int ASYNC_REMOTE_LOCAL_CONTROL = 10;
    static final int ASYNC_REMOTE_LOCAL_RESPONSE = 11;
    static final int TRIGGER = 12;
    static final int ASYNC_MAXIMUM_MESSAGE_SIZE = 15;
    static final int ASYNC_MAXIMUM_MESSAGE_SIZE_RESPONSE = 16;
    static final int ASYNC_INITIALIZE = 17;
    static final int ASYNC_INITIALIZE_RESPONSE = 18;
    static final int ASYNC_DEVICE_CLEAR = 19;
    static final int ASYNC_STATUS_QUERY = 21;
    static final int ASYNC_STATUS_RESPONSE = 22;
    static final int ASYNC_DEVICE_CLEAR_ACKNOWLEDGE = 23;
    static final int ASYNC_LOCK_INFO = 24;
    static final int ASYNC_LOCK_INFO_RESPONSE = 25;

    static HislipFrame of(int type, int control, long parameter) {
        return new HislipFrame(type, control, parameter, new byte[0]);
    }

    void writeTo(OutputStream out) throws IOException {
        byte[] b = new byte[16 + payload.length];
        b[0] = 'H';
        b[1] = 'S';
        b[2] = (byte) type;
        b[3] = (byte) control;
        for (int i = 0; i < 4; i++) {
            b[4 + i] = (byte) (parameter >>> (24 - 8 * i));
        }
        for (int i = 0; i < 8; i++) {
            b[8 + i] = (byte) ((long) payload.length >>> (56 - 8 * i));
        }
        System.arraycopy(payload, 0, b, 16, payload.length);
        out.write(b);
        out.flush();
    }

    /** The next message, or null at a clean end of stream; a header without "HS" is an IOException. */
    static HislipFrame read(InputStream in, long maxPayload) throws IOException {
        byte[] h = new byte[16];
        int got = 0;
        while (got < 16) {
            int r = in.read(h, got, 16 - got);
            if (r < 0) {
                if (got == 0) {
                    return null;
                }
                throw new EOFException("closed in a HiSLIP header");
            }
            got += r;
        }
        if (h[0] != 'H' || h[1] != 'S') {
            throw new IOException("poorly formed message header");
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
            throw new IOException("message too large: " + length + " bytes");
        }
        byte[] payload = new byte[(int) length];
        int n = 0;
        while (n < payload.length) {
            int r = in.read(payload, n, payload.length - n);
            if (r < 0) {
                throw new EOFException("closed in a HiSLIP payload");
            }
            n += r;
        }
        return new HislipFrame(h[2] & 0xFF, h[3] & 0xFF, parameter, payload);
    }
}
