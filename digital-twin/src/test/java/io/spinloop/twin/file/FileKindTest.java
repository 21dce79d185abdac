package io.spinloop.twin.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's kind comes from its bytes, whatever its name. */
class FileKindTest {
    @TempDir
    Path dir;

    private FileKind kindOf(String name, byte[] content) throws Exception {
        return FileKind.of(Files.write(dir.resolve(name), content));
    }

    @Test
    void kindsByContent() throws Exception {
        assertEquals(FileKind.EMPTY, kindOf("a.h5", new byte[0]));
        assertEquals(FileKind.TEXT, kindOf("b.h5", "hello\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(FileKind.JSON, kindOf("c.txt", " \n{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(FileKind.BINARY, kindOf("d.json", new byte[] {'{', 0, 1, 2}));
        byte[] hdf = new byte[600];
        System.arraycopy(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 0, hdf, 512, 8);
        assertEquals(FileKind.HDF5, kindOf("e.json", hdf), "a user block of 512 bytes before the superblock");
        assertEquals(FileKind.DIRECTORY, FileKind.of(dir));
    }

    @Test
    void textProblemsNameTheByte() {
        assertNull(FileKind.textProblem("grüß: 1\n".getBytes(StandardCharsets.UTF_8), true));
        assertEquals("invalid UTF-8 at byte 3", FileKind.textProblem(new byte[] {'a', ':', ' ', (byte) 0xff}, true));
        assertEquals("a NUL byte at byte 1", FileKind.textProblem(new byte[] {'a', 0, 'b'}, true));
        byte[] cut = "ü".getBytes(StandardCharsets.UTF_8);
        assertEquals("invalid UTF-8 at byte 0", FileKind.textProblem(new byte[] {cut[0]}, true), "cut at the end");
        assertNull(FileKind.textProblem(new byte[] {'a', cut[0]}, false), "more follows");
    }
}
