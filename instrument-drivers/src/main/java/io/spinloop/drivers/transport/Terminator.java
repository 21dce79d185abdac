package io.spinloop.drivers.transport;

import java.util.Locale;

/** End-of-message marker on the wire. SCPI over sockets uses LF; some RS-232 setups want CR or CR LF. */
public enum Terminator {
    LF("\n"),
    CR("\r"),
    CRLF("\r\n");

    private final byte[] bytes;

    Terminator(String text) {
        this.bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The bytes written after each message. */
    byte[] bytes() {
        return bytes.clone();
    }

    /** The byte that ends a read message (the last byte of the terminator). */
    byte lastByte() {
        return bytes[bytes.length - 1];
    }

    /** Parses {@code lf}, {@code cr} or {@code crlf} (case-insensitive), naming {@code field} on failure. */
    public static Terminator parse(String text, String field) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "lf": return LF;
            case "cr": return CR;
            case "crlf": return CRLF;
            default:
                throw new IllegalArgumentException(
                        field + "=" + text + " is not a terminator; use lf, cr or crlf");
        }
    }
}
