package io.spinloop.emulator.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseTest {
    @ParameterizedTest
    @CsvSource({"0.001,+1.000000E-03", "1,+1.000000E+00", "-2.5e-7,-2.500000E-07", "0,+0.000000E+00",
        "9.9999996,+1.000000E+01", "123456789,+1.234568E+08", "1e-300,+1.000000E-300", "NaN,+9.910000E+37"})
    void nr3(double value, String expected) {
        assertEquals(expected, new Response().nr3(value, 6).toString());
    }

    @Test
    void nr3KeepsFrequencyResolution() {
        assertEquals("+5.01234567890E+09", new Response().nr3(5.0123456789e9, 11).toString());
    }

    @Test
    void nr1() {
        assertEquals("-113", new Response().nr1(-113).toString());
        assertEquals("+0", new Response().nr1(0, true).toString());
        assertEquals("1001", new Response().nr1(1001).toString());
    }

    @Test
    void floatBlocksInBothByteOrders() {
        float[] v = {-90.5f, 1.25f, 3e-5f};
        for (boolean little : new boolean[] {false, true}) {
            Response r = new Response();
            r.floatBlock(v, v.length, little);
            byte[] b = Arrays.copyOf(r.array(), r.length());
            assertEquals("#212", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
            ByteBuffer bb = ByteBuffer.wrap(b, 4, 12).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            for (float f : v) {
                assertEquals(f, bb.getFloat());
            }
        }
    }

    @Test
    void emptyBlockIsHashOneZero() {
        assertEquals("#10", new Response().floatBlock(new float[0], 0, false).toString());
    }

    @Test
    void quotedStringsDoubleInnerQuotes() {
        assertEquals("\"say \"\"hi\"\"\"", new Response().quoted("say \"hi\"").toString());
    }
}
