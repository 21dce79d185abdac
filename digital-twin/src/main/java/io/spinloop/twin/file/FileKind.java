package io.spinloop.twin.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a file is, judged by its content rather than its name: a reader that is handed the wrong file says "x.txt
 * is not a twin file: it is a text file" instead of guessing from the extension or passing on a parser's
 * complaint about byte 0. Reads at most the first 64 KiB (and the few bytes where an HDF5 superblock may start).
 */
public enum FileKind {
    EMPTY("an empty file"),
    DIRECTORY("a directory"),
    HDF5("an HDF5 file"),
    JSON("a JSON file"),
    TEXT("a text file"),
    BINARY("a binary file");

    /** The HDF5 format signature, found at offset 0, 512, 1024, 2048, ... (a user block may precede it). */
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final int SNIFF = 64 * 1024;

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    /** "an HDF5 file", "a text file", ...: for messages. */
    public String description() {
        return description;
    }

    /** The kind of {@code file}, read from its first bytes. */
    public static FileKind of(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            return DIRECTORY;
        }
        if (isHdf5(file)) {
            return HDF5;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF);
        }
        return ofText(head, head.length < SNIFF);
    }

    /** The kind of content that starts with {@code head} ({@code whole}: the file ends there). */
    static FileKind ofText(byte[] head, boolean whole) {
        if (head.length == 0) {
            return EMPTY;
        }
        if (startsWithSignature(head, 0)) {
            return HDF5;
        }
        if (textProblem(head, whole) != null) {
            return BINARY;
        }
        for (byte b : head) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == (byte) 0xEF || b == (byte) 0xBB
                    || b == (byte) 0xBF) {
                continue; // blank, or a UTF-8 byte-order mark
            }
            return b == '{' || b == '[' ? JSON : TEXT;
        }
        return TEXT;
    }

    /**
     * Why {@code bytes} is not text, or null if it is: "invalid UTF-8 at byte N", "a NUL byte at byte N" (text
     * editors never write one), or "it is an HDF5 file". {@code whole}: the bytes are the whole file (otherwise a
     * multi-byte character cut at the end is not an error).
     */
    public static String textProblem(byte[] bytes, boolean whole) {
        if (startsWithSignature(bytes, 0)) {
            return "it is an HDF5 file";
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult r = d.decode(in, out, whole);
            if (r.isError()) {
                return "invalid UTF-8 at byte " + in.position();
            }
            if (r.isUnderflow()) {
                break;
            }
            out.clear();
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return "a NUL byte at byte " + i;
            }
        }
        return null;
    }

    private static boolean isHdf5(Path file) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            for (long at = 0; at + HDF5_SIGNATURE.length <= size && at <= (1L << 20); at = at == 0 ? 512 : at * 2) {
                ByteBuffer b = ByteBuffer.allocate(HDF5_SIGNATURE.length);
                ch.position(at);
                while (b.hasRemaining() && ch.read(b) > 0) {
                    // read the signature's bytes
                }
                if (startsWithSignature(b.array(), 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWithSignature(byte[] b, int at) {
        if (b.length < at + HDF5_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < HDF5_SIGNATURE.length; i++) {
            if (b[at + i] != HDF5_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }
}
