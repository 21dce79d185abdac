package io.spinloop.emulator.instruments;

import io.spinloop.emulator.scpi.Arguments;
import io.spinloop.emulator.scpi.Response;
import io.spinloop.emulator.scpi.ScpiError;

/** How an analyzer names its traces and writes them out: ASCII, {@code REAL,32}/{@code REAL,64} blocks, x-y pairs. */
final class TraceReplies {
    /** Traces an analyzer has ({@code TRACE1} … {@code TRACE6}). */
    static final int TRACES = 6;

    private TraceReplies() {
    }

    /** Checks the trace name in the first argument ({@code TRACE1}, {@code TRAC3}, …); raises −224 otherwise. */
    static void requireTraceName(Arguments a) {
        String name = a.text(0);
        if (!name.startsWith("TRACE") && !name.startsWith("TRAC")) {
            throw ScpiError.ILLEGAL_PARAMETER_VALUE.exception();
        }
        int digits = name.length();
        while (digits > 0 && Character.isDigit(name.charAt(digits - 1))) {
            digits--;
        }
        String base = name.substring(0, digits);
        int n = digits == name.length() ? 1 : Integer.parseInt(name.substring(digits));
        if (!(base.equals("TRACE") || base.equals("TRAC")) || n < 1 || n > TRACES) {
            throw ScpiError.ILLEGAL_PARAMETER_VALUE.exception();
        }
    }

    /** The trace values in {@code format}: 0 for ASCII, 32 or 64 for a binary block. */
    static void writeTrace(Response r, float[] data, int format, boolean littleEndian) {
        if (format == 32) {
            r.floatBlock(data, data.length, littleEndian);
        } else if (format == 64) {
            double[] d = new double[data.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = data[i];
            }
            r.doubleBlock(d, d.length, littleEndian);
        } else {
            for (int i = 0; i < data.length; i++) {
                if (i > 0) {
                    r.put((byte) ',');
                }
                r.nr3(data[i], 6);
            }
        }
    }

    /** The x axis of a trace, comma separated. */
    static void writeAxis(Response r, SweepSetup s) {
        for (int i = 0; i < s.points(); i++) {
            if (i > 0) {
                r.put((byte) ',');
            }
            r.nr3(s.axis(i), 9);
        }
    }

    /** x, y pairs of a trace ({@code FETCh:SANalyzer?}). */
    static void writePairs(Response r, SweepSetup s, float[] data) {
        for (int i = 0; i < data.length; i++) {
            if (i > 0) {
                r.put((byte) ',');
            }
            r.nr3(s.axis(i), 9).put((byte) ',').nr3(data[i], 6);
        }
    }
}
