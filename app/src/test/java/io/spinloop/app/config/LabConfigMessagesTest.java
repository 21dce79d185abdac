package io.spinloop.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.lab.config.LabConfigException;
import io.spinloop.lab.config.LabConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab-config that is not YAML, or not text, is refused in one line that says where and what, in plain words. */
class LabConfigMessagesTest {
    @TempDir
    Path dir;

    private static LabConfigException refuse(String yaml) {
        return assertThrows(LabConfigException.class, () -> LabConfigLoader.parse(Path.of("lab-configs/x.yaml"), yaml));
    }

    private static String bench() throws Exception {
        return TestBenches.defaultBenchText();
    }

    @Test
    void syntaxErrorsSayLineColumnAndAShortReason() throws Exception {
        String good = bench();
        assertEquals("lab-configs/x.yaml:11:17: YAML syntax error: a ':' where no key can start (put a value that "
                + "holds ': ' in quotes, or check the indentation)",
                refuse(good.replace("    role: source\n", "    role: source: x\n")).getMessage());
        LabConfigException tab = refuse(TestBenches.replaceLine(good, "  sweep:", "  sweep:\n\tfrom_A: 0.0"));
        assertEquals("YAML syntax error: a tab character; indent with spaces", tab.problem());
        assertEquals(1, tab.column());
        LabConfigException quote = refuse(good.replace("bench: emulated-bench", "bench: \"emulated-bench"));
        assertEquals("YAML syntax error: a quote opened at line 7, column 8 is never closed", quote.problem());
        // a broken list: the syntax is at fault, not the type of the field the binder was at
        LabConfigException list = refuse(good.replace("bench: emulated-bench", "bench: [emulated-bench"));
        assertEquals("YAML syntax error: a list opened with '[' at line 7, column 8 is not closed with ']'",
                list.problem());
        LabConfigException indent = refuse(good.replace("  - name: sa-a\n", "  - name: sa-a\n   bad: 1\n"));
        assertEquals(18, indent.line());
        assertEquals(4, indent.column());
        assertEquals("YAML syntax error: bad indentation: this line does not line up with the lines of its block "
                + "(which starts at line 10, column 3)", indent.problem());
    }

    @Test
    void aDuplicateKeySaysWhereItFirstWas() throws Exception {
        LabConfigException e = refuse(bench().replace("bench: emulated-bench\n", "bench: emulated-bench\nbench: b\n"));
        assertEquals("lab-configs/x.yaml:8: bench: duplicate key 'bench' (first at line 7)", e.getMessage());
    }

    @Test
    void aBinaryFileIsNotText() throws Exception {
        byte[] bytes = bench().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes[100] = (byte) 0xff;
        Path bin = Files.write(dir.resolve("x.yaml"), bytes);
        LabConfigException e = assertThrows(LabConfigException.class, () -> LabConfigLoader.load(bin));
        assertEquals(bin + ": not a text file (invalid UTF-8 at byte 100)", e.getMessage());
        Cli.Result r = Cli.run("bench", "check", "--config", bin.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("spinloop bench check: " + bin + ": not a text file (invalid UTF-8 at byte 100)", r.err().strip());
        byte[] copy = Files.readAllBytes(bin);
        assertEquals(bytes.length, copy.length, "the input is left as it was");

        Path nul = Files.write(dir.resolve("nul.yaml"), new byte[] {'b', 'e', 'n', 'c', 'h', ':', 0});
        assertEquals(nul + ": not a text file (a NUL byte at byte 6)",
                assertThrows(LabConfigException.class, () -> LabConfigLoader.load(nul)).getMessage());
        assertEquals(dir + ": a directory, not a lab-config file",
                assertThrows(LabConfigException.class, () -> LabConfigLoader.load(dir)).getMessage());
    }
}
