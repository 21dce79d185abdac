package io.spinloop.drivers.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * XDR (RFC 1832), only what ONC RPC and VXI-11 use: 32-bit big-endian integers, booleans, and variable-length
 * opaque data and strings padded to four bytes; and TCP record marking (RFC 1831 section 10): each record sent as
 * fragments behind a four-byte header, its top bit set on the last fragment, the rest the fragment's length.
 */
final class Xdr {
    private Xdr() {
    }

    /** Builds one XDR-encoded message. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

        Writer u32(long v) {
            out.write((int) (v >>> 24));
            out.write((int) (v >>> 16));
            out.write((int) (v >>> 8));
            out.write((int) v);
            return this;
        }

        Writer bool(boolean b) {
            return u32(b ? 1 : 0);
        }

        Writer opaque(byte[] data, int offset, int length) {
            u32(length);
            out.write(data, offset, length);
            for (int pad = (4 - (length & 3)) & 3; pad > 0; pad--) {
                out.write(0);
            }
            return this;
        }

        Writer string(String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            return opaque(b, 0, b.length);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Reads an XDR-encoded message; running past its end is a protocol error naming {@code what}. */
    static final class Reader {
        private final byte[] b;
        private final String what;
        private int p;

        Reader(byte[] b, String what) {
            this.b = b;
            this.what = what;
        }

        long u32() {
            need(4);
            long v = ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFFL) << 16) | ((b[p + 2] & 0xFFL) << 8) | (b[p + 3] & 0xFFL);
            p += 4;
            return v;
        }

        int i32() {
            return (int) u32();
        }

        byte[] opaque() {
            long n = u32();
            if (n > b.length - p) {
                throw new XdrException(what + ": opaque data of " + n + " bytes runs past the end of the message");
            }
            byte[] data = java.util.Arrays.copyOfRange(b, p, p + (int) n);
            p += (int) n;
            p += (int) ((4 - (n & 3)) & 3);
            return data;
        }

        private void need(int n) {
            if (b.length - p < n) {
                throw new XdrException(what + ": the message ends " + (n - (b.length - p)) + " bytes short");
            }
        }
    }

    /** A malformed XDR message: the peer does not speak the protocol we think. */
    static final class XdrException extends TransportException {
        XdrException(String message) {
            super(message);
        }
    }

    /** Writes {@code record} as one last fragment. */
    static void writeRecord(OutputStream out, byte[] record) throws IOException {
        byte[] framed = new byte[4 + record.length];
        int n = record.length | 0x80000000;
        framed[0] = (byte) (n >>> 24);
        framed[1] = (byte) (n >>> 16);
        framed[2] = (byte) (n >>> 8);
        framed[3] = (byte) n;
        System.arraycopy(record, 0, framed, 4, record.length);
        out.write(framed); // one write: header and body in one segment
        out.flush();
    }

    /**
     * Reads one record, joining its fragments; {@code maxLength} guards against a peer that is no RPC server.
     *
     * @throws java.io.EOFException when the peer closed the connection
     */
    static byte[] readRecord(InputStream in, int maxLength) throws IOException {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        boolean last = false;
        byte[] header = new byte[4];
        while (!last) {
            readFully(in, header, 4);
            long h = ((header[0] & 0xFFL) << 24) | ((header[1] & 0xFFL) << 16) | ((header[2] & 0xFFL) << 8)
                    | (header[3] & 0xFFL);
            last = (h & 0x80000000L) != 0;
            int length = (int) (h & 0x7FFFFFFF);
            if (record.size() + (long) length > maxLength) {
                throw new XdrException("an RPC record of more than " + maxLength + " bytes: the peer does not speak"
                        + " ONC RPC");
            }
            byte[] fragment = new byte[length];
            readFully(in, fragment, length);
            record.write(fragment, 0, length);
        }
        return record.toByteArray();
    }

    private static void readFully(InputStream in, byte[] b, int n) throws IOException {
        int got = 0;
        while (got < n) {
            int r = in.read(b, got, n - got);
            if (r < 0) {
                throw new java.io.EOFException("the connection was closed after " + got + " of " + n + " bytes");
            }
            got += r;
        }
    }
}
