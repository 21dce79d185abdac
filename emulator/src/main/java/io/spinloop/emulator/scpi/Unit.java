package io.spinloop.emulator.scpi;

/**
 * The unit a numeric parameter is expressed in, with the SCPI-99 (Vol. 1, 7.7.3) suffix rules: a unit may carry
 * a multiplier prefix (EX PE T G MA K M U N P F A), where {@code M} is milli except in {@code MHZ} and
 * {@code MOHM}, which mean mega. Logarithmic units take no multiplier.
 */
public enum Unit {
    NONE(""),
    AMPERE("A"),
    VOLT("V"),
    OHM("OHM"),
    SECOND("S"),
    HERTZ("HZ"),
    DBM("DBM"),
    DB("DB");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /**
     * The factor that turns a value written with this suffix into the base unit.
     *
     * @param suffix the suffix as sent, upper-cased
     * @throws ScpiException -138 when this unit takes no suffix, -131 when the suffix is not this unit
     */
    public double multiplier(String suffix) {
        if (this == NONE) {
            throw ScpiError.SUFFIX_NOT_ALLOWED.exception();
        }
        if (suffix.equals(symbol)) {
            return 1.0;
        }
        if (this == DBM || this == DB || !suffix.endsWith(symbol)) {
            throw ScpiError.INVALID_SUFFIX.exception();
        }
        if ((this == HERTZ && suffix.equals("MHZ")) || (this == OHM && suffix.equals("MOHM"))) {
            return 1e6;
        }
        switch (suffix.substring(0, suffix.length() - symbol.length())) {
            case "EX": return 1e18;
            case "PE": return 1e15;
            case "T": return 1e12;
            case "G": return 1e9;
            case "MA": return 1e6;
            case "K": return 1e3;
            case "M": return 1e-3;
            case "U": return 1e-6;
            case "N": return 1e-9;
            case "P": return 1e-12;
            case "F": return 1e-15;
            case "A": return 1e-18;
            default: throw ScpiError.INVALID_SUFFIX.exception();
        }
    }
}
