package io.spinloop.lab.config;

import java.math.BigDecimal;
import java.math.MathContext;

/** How currents read in messages: 4 significant digits, no trailing zeros, mA below 1 A. */
public final class Units {
    private Units() {
    }

    public static String amps(double a) {
        if (!Double.isFinite(a)) {
            return a + " A"; // "Infinity A", "NaN A": a value from a file or an option, refused by the caller
        }
        boolean milli = Math.abs(a) < 1;
        String digits = new BigDecimal(milli ? a * 1e3 : a).round(new MathContext(4)).stripTrailingZeros()
                .toPlainString();
        return digits + (milli ? " mA" : " A");
    }
}
