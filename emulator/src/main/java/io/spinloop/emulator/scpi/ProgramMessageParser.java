package io.spinloop.emulator.scpi;

import java.util.Arrays;

/**
 * Splits an IEEE 488.2 program message (terminator already removed) into message units and parses each unit's
 * header and parameters (IEEE 488.2 §7; SCPI-99 Vol. 1, 6 and 7). Works on the raw bytes for speed; one
 * instance per connection, not thread-safe.
 *
 * <p>Syntax errors are thrown as {@link ScpiException} with the standard command-error codes; after one, the
 * rest of the message cannot be trusted and the caller discards it.
 */
public final class ProgramMessageParser {
    /** IEEE 488.2 §7.6.1.4: program mnemonics are at most 12 characters. */
    private static final int MAX_MNEMONIC = 12;

    private byte[] buf;
    private int pos;
    private int end;

    /** Starts parsing {@code buf[off, off+len)}. */
    public void reset(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    /**
     * Parses the next message unit into {@code unit}.
     *
     * @return false when the message holds no more units
     * @throws ScpiException on a syntax error (command-error class)
     */
    public boolean next(MessageUnit unit) {
        unit.clear();
        skipWhitespace();
        // Empty units (a trailing or doubled ';') are tolerated, as most instruments do.
        while (pos < end && buf[pos] == ';') {
            pos++;
            skipWhitespace();
        }
        if (pos >= end) {
            return false;
        }
        parseHeader(unit);
        if (pos < end && buf[pos] != ';') {
            byte c = buf[pos];
            if (!isWhitespace(c)) {
                throw (c == ',' ? ScpiError.INVALID_SEPARATOR : c == '?' || c == ':' ? ScpiError.SYNTAX_ERROR
                        : ScpiError.INVALID_CHARACTER).exception();
            }
            skipWhitespace();
            if (pos < end && buf[pos] != ';') {
                parseParameters(unit.arguments);
            }
        }
        if (pos < end) {
            pos++; // the ';'
        }
        return true;
    }

    private void parseHeader(MessageUnit unit) {
        byte c = buf[pos];
        if (c == '*') {
            pos++;
            unit.common = true;
            unit.addMnemonic(readMnemonic());
        } else {
            if (c == ':') {
                unit.rooted = true;
                pos++;
            }
            unit.addMnemonic(readMnemonic());
            while (pos < end && buf[pos] == ':') {
                pos++;
                unit.addMnemonic(readMnemonic());
            }
        }
        if (pos < end && buf[pos] == '?') {
            unit.query = true;
            pos++;
        }
    }

    private String readMnemonic() {
        if (pos >= end) {
            throw ScpiError.SYNTAX_ERROR.exception();
        }
        byte c = buf[pos];
        if (!isLetter(c)) {
            throw (isPrintable(c) ? ScpiError.SYNTAX_ERROR : ScpiError.INVALID_CHARACTER).exception();
        }
        int start = pos;
        while (pos < end && isMnemonicChar(buf[pos])) {
            pos++;
        }
        int letters = pos - start;
        // Trailing digits are a numeric suffix and do not count towards the mnemonic's length.
        int digits = 0;
        while (digits < letters && isDigit(buf[pos - 1 - digits])) {
            digits++;
        }
        if (letters - digits > MAX_MNEMONIC) {
            throw ScpiError.PROGRAM_MNEMONIC_TOO_LONG.exception();
        }
        return Arguments.upper(buf, start, pos);
    }

    private void parseParameters(Arguments args) {
        while (true) {
            parseParameter(args);
            skipWhitespace();
            if (pos >= end || buf[pos] == ';') {
                return;
            }
            if (buf[pos] != ',') {
                byte c = buf[pos];
                throw (isPrintable(c) ? ScpiError.INVALID_SEPARATOR : ScpiError.INVALID_CHARACTER).exception();
            }
            pos++;
            skipWhitespace();
            if (pos >= end || buf[pos] == ';' || buf[pos] == ',') {
                throw ScpiError.MISSING_PARAMETER.exception();
            }
        }
    }

    private void parseParameter(Arguments args) {
        byte c = buf[pos];
        if (c == '"' || c == '\'') {
            parseString(args, c);
        } else if (c == '#') {
            parseHash(args);
        } else if (c == '(') {
            parseExpression(args);
        } else if (isDigit(c) || c == '+' || c == '-' || c == '.') {
            parseNumber(args);
        } else if (isLetter(c)) {
            int start = pos;
            while (pos < end && isMnemonicChar(buf[pos])) {
                pos++;
            }
            if (pos - start > MAX_MNEMONIC) {
                throw ScpiError.CHARACTER_DATA_TOO_LONG.exception();
            }
            args.addText(Arguments.Kind.CHARACTER, Arguments.upper(buf, start, pos));
        } else {
            throw (isPrintable(c) ? ScpiError.SYNTAX_ERROR : ScpiError.INVALID_CHARACTER).exception();
        }
    }

    private void parseString(Arguments args, byte quote) {
        pos++;
        StringBuilder b = null;
        int start = pos;
        while (true) {
            if (pos >= end) {
                throw ScpiError.INVALID_STRING_DATA.exception();
            }
            if (buf[pos] == quote) {
                if (pos + 1 < end && buf[pos + 1] == quote) { // doubled quote stands for one
                    if (b == null) {
                        b = new StringBuilder();
                    }
                    b.append(Arguments.ascii(buf, start, pos + 1));
                    pos += 2;
                    start = pos;
                    continue;
                }
                String tail = Arguments.ascii(buf, start, pos);
                pos++;
                args.addText(Arguments.Kind.STRING, b == null ? tail : b.append(tail).toString());
                return;
            }
            pos++;
        }
    }

    private void parseHash(Arguments args) {
        pos++;
        if (pos >= end) {
            throw ScpiError.SYNTAX_ERROR.exception();
        }
        byte c = buf[pos];
        int radix = switch (c) {
            case 'H', 'h' -> 16;
            case 'Q', 'q' -> 8;
            case 'B', 'b' -> 2;
            default -> 0;
        };
        if (radix != 0) {
            pos++;
            int start = pos;
            while (pos < end && Character.digit(buf[pos], radix) >= 0) {
                pos++;
            }
            if (pos == start || pos - start > 16 || (pos < end && isMnemonicChar(buf[pos]))) {
                throw ScpiError.INVALID_CHARACTER_IN_NUMBER.exception();
            }
            args.addNumber(Long.parseUnsignedLong(Arguments.ascii(buf, start, pos), radix), null);
            return;
        }
        if (!isDigit(c)) {
            throw ScpiError.INVALID_BLOCK_DATA.exception();
        }
        int digits = c - '0';
        pos++;
        if (digits == 0) { // indefinite length: everything up to the terminator
            args.addBlock(Arrays.copyOfRange(buf, pos, end));
            pos = end;
            return;
        }
        if (pos + digits > end) {
            throw ScpiError.INVALID_BLOCK_DATA.exception();
        }
        long length = 0;
        for (int i = 0; i < digits; i++) {
            byte d = buf[pos++];
            if (!isDigit(d)) {
                throw ScpiError.INVALID_BLOCK_DATA.exception();
            }
            length = length * 10 + (d - '0');
        }
        if (length > end - pos) {
            throw ScpiError.INVALID_BLOCK_DATA.exception();
        }
        args.addBlock(Arrays.copyOfRange(buf, pos, pos + (int) length));
        pos += (int) length;
    }

    private void parseExpression(Arguments args) {
        int depth = 0;
        int start = pos;
        while (pos < end) {
            byte c = buf[pos++];
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                args.addText(Arguments.Kind.EXPRESSION, Arguments.ascii(buf, start, pos));
                return;
            }
        }
        throw ScpiError.EXPRESSION_ERROR.exception();
    }

    private void parseNumber(Arguments args) {
        int start = pos;
        if (buf[pos] == '+' || buf[pos] == '-') {
            pos++;
        }
        int mantissaDigits = 0;
        while (pos < end && isDigit(buf[pos])) {
            pos++;
            mantissaDigits++;
        }
        if (pos < end && buf[pos] == '.') {
            pos++;
            while (pos < end && isDigit(buf[pos])) {
                pos++;
                mantissaDigits++;
            }
        }
        if (mantissaDigits == 0) {
            throw ScpiError.NUMERIC_DATA_ERROR.exception();
        }
        int mantissaEnd = pos;
        int exponentStart = -1;
        int exponentEnd = -1;
        // The exponent may be separated by white space (IEEE 488.2 §7.7.2.2); an E not followed by digits
        // begins a suffix instead (as in 1 EXHZ).
        int p = skipWhitespaceFrom(pos);
        if (p < end && (buf[p] == 'E' || buf[p] == 'e')) {
            int q = skipWhitespaceFrom(p + 1);
            int signAt = q;
            if (q < end && (buf[q] == '+' || buf[q] == '-')) {
                q++;
            }
            if (q < end && isDigit(buf[q])) {
                exponentStart = signAt;
                while (q < end && isDigit(buf[q])) {
                    q++;
                }
                exponentEnd = q;
                pos = q;
            }
        }
        double value;
        try {
            String mantissa = Arguments.ascii(buf, start, mantissaEnd);
            value = exponentStart < 0 ? Double.parseDouble(mantissa)
                    : Double.parseDouble(mantissa + 'E' + Arguments.ascii(buf, exponentStart, exponentEnd));
        } catch (NumberFormatException e) {
            throw ScpiError.NUMERIC_DATA_ERROR.exception();
        }
        if (Double.isInfinite(value)) {
            throw ScpiError.EXPONENT_TOO_LARGE.exception();
        }
        String suffix = null;
        p = skipWhitespaceFrom(pos);
        if (p < end && (isLetter(buf[p]) || buf[p] == '/')) {
            int s = p;
            while (p < end && (isLetter(buf[p]) || buf[p] == '/' || buf[p] == '.' || buf[p] == '-' || isDigit(buf[p]))) {
                p++;
            }
            suffix = Arguments.upper(buf, s, p);
            pos = p;
        } else if (pos < end && (buf[pos] == '.' || buf[pos] == '+' || buf[pos] == '-' || buf[pos] == '#')) {
            throw ScpiError.INVALID_CHARACTER_IN_NUMBER.exception();
        }
        args.addNumber(value, suffix);
    }

    private void skipWhitespace() {
        pos = skipWhitespaceFrom(pos);
    }

    private int skipWhitespaceFrom(int p) {
        // IEEE 488.2 white space: any byte 0-32 except the terminator, which was removed already.
        while (p < end && (buf[p] & 0xFF) <= 32) {
            p++;
        }
        return p;
    }

    private static boolean isWhitespace(byte c) {
        return (c & 0xFF) <= 32;
    }

    private static boolean isLetter(byte c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isMnemonicChar(byte c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }

    private static boolean isPrintable(byte c) {
        return c > 32 && c < 127;
    }
}
