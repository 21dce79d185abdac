package io.spinloop.emulator.scpi;

/**
 * The standard SCPI-99 / IEEE 488.2 error codes the emulated instruments raise, with their standard texts.
 * Instrument-specific codes (positive numbers, such as the Keithley 2400's {@code +803 "Output disabled"})
 * are raised through {@link ScpiException#ScpiException(int, String)} directly.
 */
public enum ScpiError {
    COMMAND_ERROR(-100, "Command error"),
    INVALID_CHARACTER(-101, "Invalid character"),
    SYNTAX_ERROR(-102, "Syntax error"),
    INVALID_SEPARATOR(-103, "Invalid separator"),
    DATA_TYPE_ERROR(-104, "Data type error"),
    PARAMETER_NOT_ALLOWED(-108, "Parameter not allowed"),
    MISSING_PARAMETER(-109, "Missing parameter"),
    PROGRAM_MNEMONIC_TOO_LONG(-112, "Program mnemonic too long"),
    UNDEFINED_HEADER(-113, "Undefined header"),
    HEADER_SUFFIX_OUT_OF_RANGE(-114, "Header suffix out of range"),
    NUMERIC_DATA_ERROR(-120, "Numeric data error"),
    INVALID_CHARACTER_IN_NUMBER(-121, "Invalid character in number"),
    EXPONENT_TOO_LARGE(-123, "Exponent too large"),
    INVALID_SUFFIX(-131, "Invalid suffix"),
    SUFFIX_NOT_ALLOWED(-138, "Suffix not allowed"),
    INVALID_CHARACTER_DATA(-141, "Invalid character data"),
    CHARACTER_DATA_TOO_LONG(-144, "Character data too long"),
    INVALID_STRING_DATA(-151, "Invalid string data"),
    INVALID_BLOCK_DATA(-161, "Invalid block data"),
    EXPRESSION_ERROR(-170, "Expression error"),
    EXECUTION_ERROR(-200, "Execution error"),
    TRIGGER_IGNORED(-211, "Trigger ignored"),
    INIT_IGNORED(-213, "Init ignored"),
    PARAMETER_ERROR(-220, "Parameter error"),
    SETTINGS_CONFLICT(-221, "Settings conflict"),
    DATA_OUT_OF_RANGE(-222, "Data out of range"),
    TOO_MUCH_DATA(-223, "Too much data"),
    ILLEGAL_PARAMETER_VALUE(-224, "Illegal parameter value"),
    DATA_CORRUPT_OR_STALE(-230, "Data corrupt or stale"),
    QUEUE_OVERFLOW(-350, "Queue overflow"),
    INPUT_BUFFER_OVERRUN(-363, "Input buffer overrun"),
    QUERY_INTERRUPTED(-410, "Query INTERRUPTED"),
    QUERY_UNTERMINATED(-420, "Query UNTERMINATED");

    private final int code;
    private final String text;

    ScpiError(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** An exception carrying this error, ready to throw from a parser or a command handler. */
    public ScpiException exception() {
        return new ScpiException(code, text);
    }

    /** An exception carrying this error with instrument detail appended as SCPI-99 allows ({@code text;detail}). */
    public ScpiException exception(String detail) {
        return new ScpiException(code, text + "; " + detail);
    }

    /** True for the command-error class (−100…−199): the parser lost track of the message. */
    public static boolean isCommandError(int code) {
        return code <= -100 && code > -200;
    }
}
