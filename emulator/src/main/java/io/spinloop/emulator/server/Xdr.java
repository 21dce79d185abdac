package io.spinloop.emulator.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * XDR (RFC 1832) as the emulator's RPC servers need it: 32-bit big-endian integers, opaque data and strings padded to
 * four bytes; and TCP record marking (RFC 1831 section 10). A message that runs short is an {@link IOException}: the
 * client does not speak the protocol, and its connection ends.
 */
final class Xdr {
    private Xdr() {
    }

    /** Builds one XDR-encoded message. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

        Writer u32(long v) {
            out.write((int) (v >>> 24));
            out.write((int) (v >>> 16));
            out.write((int) (v >>> 8));
            out.write((int) v);
            return this;
        }

        Writer opaque(byte[] data, int offset, int length) {
            u32(length);
            out.write(data, offset, length);
            for (int pad = (4 - (length & 3)) & 3; pad > 0; pad--) {
                out.write(0);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Reads an XDR-encoded message. */
    static final class Reader {
        private final byte[] b;
        private int p;

        Reader(byte[] b) {
            this.b = b;
        }

        long u32() throws IOException {
            if (b.length - p < 4) {
                throw new IOException("XDR message too short");
            }
            long v = ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFFL) << 16) | ((b[p + 2] & 0xFFL) << 8) | (b[p + 3] & 0xFFL);
            p += 4;
            return v;
        }

        int i32() throws IOException {
            return (int) u32();
        }

        byte[] opaque() throws IOException {
            long n = u32();
            if (n > b.length - p) {
                throw new IOException("XDR opaque data runs past the message");
            }
            byte[] data = java.util.Arrays.copyOfRange(b, p, p + (int) n);
            p += (int) n + (int) ((4 - (n & 3)) & 3);
            return data;
        }

        String string() throws IOException {
            return new String(opaque(), StandardCharsets.ISO_8859_1);
        }
    }

    static void writeRecord(OutputStream out, byte[] record) throws IOException {
        byte[] framed = new byte[4 + record.length];
        int n = record.length | 0x80000000;
        framed[0] = (byte) (n >>> 24);
        framed[1] = (byte) (n >>> 16);
        framed[2] = (byte) (n >>> 8);
        framed[3] = (byte) n;
        System.arraycopy(record, 0, framed, 4, record.length);
        out.write(framed);
        out.flush();
    }

    /** Reads one record, joining its fragments; null at a clean end of stream. */
    static byte[] readRecord(InputStream in, int maxLength) throws IOException {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        boolean last = false;
        byte[] header = new byte[4];
        boolean first = true;
        while (!last) {
            if (!readFully(in, header, first)) {
                return null;
            }
            first = false;
            long h = ((header[0] & 0xFFL) << 24) | ((header[1] & 0xFFL) << 16) | ((header[2] & 0xFFL) << 8)
                    | (header[3] & 0xFFL);
            last = (h & 0x80000000L) != 0;
            int length = (int) (h & 0x7FFFFFFF);
            if (record.size() + (long) length > maxLength) {
                throw new IOException("RPC record over " + maxLength + " bytes");
            }
            byte[] fragment = new byte[length];
            readFully(in, fragment, false);
            record.write(fragment, 0, length);
        }
        return record.toByteArray();
    }

    private static boolean readFully(InputStream in, byte[] b, boolean endAllowed) throws IOException {
        int got = 0;
        while (got < b.length) {
            int r = in.read(b, got, b.length - got);
            if (r < 0) {
                if (got == 0 && endAllowed) {
                    return false;
                }
                throw new EOFException("connection closed in the middle of an RPC record");
            }
            got += r;
        }
        return true;
    }
}
