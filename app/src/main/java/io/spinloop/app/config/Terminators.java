package io.spinloop.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Message terminators on the wire. YAML escapes work in double quotes ({@code "\r\n"}).
 *
 * @param write appended to every message sent
 * @param read  ends every reply
 */
public record Terminators(@JsonProperty("write") String write, @JsonProperty("read") String read) {
    public Terminators {
        write = write == null ? "\n" : write;
        read = read == null ? "\n" : read;
    }

    static Terminators defaults() {
        return new Terminators(null, null);
    }
}
