package io.spinloop.emulator.scpi;

import java.nio.charset.StandardCharsets;

/**
 * The output queue of one connection for one program message: response message units separated by {@code ;}
 * and ended by the terminator (IEEE 488.2 §8). Formats numbers without {@link String#format} (too slow for a
 * server that answers tens of thousands of queries a second) and writes IEEE 488.2 definite-length blocks.
 */
public final class Response {
    private static final double[] POW10 = new double[309];
    private static final long[] LONG_POW10 = new long[19];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Double.parseDouble("1e" + i);
        }
        long p = 1;
        for (int i = 0; i < LONG_POW10.length; i++) {
            LONG_POW10[i] = p;
            p *= 10;
        }
    }

    private byte[] bytes = new byte[256];
    private int length;

    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public void clear() {
        length = 0;
    }

    /** Drops everything written after {@code mark} (a failed query leaves no partial reply). */
    public void truncate(int mark) {
        length = mark;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            byte[] grown = new byte[Math.max(bytes.length * 2, length + extra)];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
    }

    public Response put(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    public Response ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** A string response (IEEE 488.2 §8.7.8): in double quotes, inner quotes doubled. */
    public Response quoted(String s) {
        put((byte) '"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                put((byte) '"');
            }
            put((byte) c);
        }
        return put((byte) '"');
    }

    /** NR1: an integer, with a leading sign only when negative (or when {@code plus} asks for one). */
    public Response nr1(long v, boolean plus) {
        if (v < 0) {
            put((byte) '-');
            if (v == Long.MIN_VALUE) {
                return ascii("9223372036854775808");
            }
            v = -v;
        } else if (plus) {
            put((byte) '+');
        }
        return digits(v, 1);
    }

    public Response nr1(long v) {
        return nr1(v, false);
    }

    private Response digits(long v, int minDigits) {
        ensure(20);
        int start = length;
        int n = 0;
        do {
            bytes[length++] = (byte) ('0' + (v % 10));
            v /= 10;
            n++;
        } while (v > 0 || n < minDigits);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return this;
    }

    /**
     * NR3 with a sign on mantissa and exponent: {@code +1.000000E-03} for {@code decimals = 6}. NaN is written as
     * {@code +9.91E+37} (the SCPI "not a number" value) and infinities as ±9.9E+37 (SCPI-99 Vol. 1, 7.2.1).
     */
    public Response nr3(double v, int decimals) {
        if (Double.isNaN(v)) {
            v = 9.91e37;
        } else if (Double.isInfinite(v)) {
            v = v > 0 ? 9.9e37 : -9.9e37;
        }
        put((byte) (v < 0 ? '-' : '+'));
        double a = Math.abs(v);
        long scale = LONG_POW10[decimals];
        long mantissa;
        int exp;
        if (a == 0 || a < 1e-300) {
            mantissa = 0;
            exp = 0;
        } else {
            exp = (int) Math.floor(Math.log10(a));
            mantissa = Math.round(scaled(a, exp) * scale);
            if (mantissa >= 10 * scale) {
                exp++;
                mantissa = Math.round(scaled(a, exp) * scale);
            } else if (mantissa < scale) {
                exp--;
                mantissa = Math.round(scaled(a, exp) * scale);
            }
            if (mantissa >= 10 * scale) { // rounding carried into a new digit
                mantissa /= 10;
                exp++;
            }
        }
        digits(mantissa / scale, 1);
        if (decimals > 0) {
            put((byte) '.');
            digits(mantissa % scale, decimals);
        }
        put((byte) 'E');
        put((byte) (exp < 0 ? '-' : '+'));
        return digits(Math.abs(exp), 2);
    }

    private static double scaled(double a, int exp) {
        if (exp >= 0) {
            return exp < POW10.length ? a / POW10[exp] : 0;
        }
        return -exp < POW10.length ? a * POW10[-exp] : a / Math.pow(10, exp);
    }

    /** IEEE 488.2 definite-length arbitrary block header {@code #<d><len>} for {@code n} bytes. */
    public Response blockHeader(int n) {
        put((byte) '#');
        int digits = Integer.toString(n).length();
        put((byte) ('0' + digits));
        return digits(n, 1);
    }

    /**
     * A definite-length block of 32-bit IEEE floats, big-endian ({@code FORM:BORD NORM}) or little-endian
     * ({@code SWAP}). An empty array gives the legitimate empty block {@code #10}.
     */
    public Response floatBlock(float[] values, int n, boolean littleEndian) {
        blockHeader(4 * n);
        ensure(4 * n);
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            if (littleEndian) {
                bits = Integer.reverseBytes(bits);
            }
            bytes[length++] = (byte) (bits >>> 24);
            bytes[length++] = (byte) (bits >>> 16);
            bytes[length++] = (byte) (bits >>> 8);
            bytes[length++] = (byte) bits;
        }
        return this;
    }

    /** A definite-length block of 64-bit IEEE doubles ({@code FORM REAL,64}). */
    public Response doubleBlock(double[] values, int n, boolean littleEndian) {
        blockHeader(8 * n);
        ensure(8 * n);
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            if (littleEndian) {
                bits = Long.reverseBytes(bits);
            }
            for (int s = 56; s >= 0; s -= 8) {
                bytes[length++] = (byte) (bits >>> s);
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
