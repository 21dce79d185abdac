package io.spinloop.drivers.scpi;

/**
 * One entry of a SCPI error queue: {@code -222,"Data out of range"}. Negative codes are SCPI-99 standard
 * errors, positive ones device specific, 0 means the queue is empty.
 */
public record ErrorEntry(int code, String text) {

    /** Parses a {@code SYST:ERR?} reply such as {@code +0,"No error"} or {@code -113,"Undefined header"}. */
    static ErrorEntry parse(String reply) {
        String s = reply.trim();
        int comma = s.indexOf(',');
        String codeText = comma < 0 ? s : s.substring(0, comma).trim();
        if (!codeText.isEmpty() && codeText.charAt(0) == '+') {
            codeText = codeText.substring(1);
        }
        int code = Integer.parseInt(codeText);
        String text = comma < 0 ? "" : s.substring(comma + 1).trim();
        if (text.length() >= 2 && text.charAt(0) == '"' && text.charAt(text.length() - 1) == '"') {
            text = text.substring(1, text.length() - 1);
        }
        return new ErrorEntry(code, text);
    }

    public boolean isError() {
        return code != 0;
    }

    @Override
    public String toString() {
        return code + ",\"" + text + "\"";
    }
}
