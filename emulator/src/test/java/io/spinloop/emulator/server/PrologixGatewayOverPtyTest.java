package io.spinloop.emulator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway served as a Prologix GPIB-USB on a pseudo-terminal, spoken to byte by byte as a program with its
 * own Prologix layer would: the controller commands the issue names (++addr, ++auto, ++clr, ++eoi, ++eos, ++ifc,
 * ++read eoi, ++spoll) and ESC-quoted data.
 */
@Timeout(120) // a blocking read of a terminal or a process must not hang the build
class PrologixGatewayOverPtyTest {
    @TempDir
    Path dir;

    @Test
    void controllerCommandsOverASerialLine() throws Exception {
        boolean socat = false;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            socat |= Files.isExecutable(Path.of(d, "socat"));
        }
        assumeTrue(socat, "socat is not installed (apt-get install socat; .ci/run does this)");
        try (EmulatedBench bench = EmulatedBench.builder()
                .currentSource("smu", SourceModel.KEITHLEY_2400, 0, null)
                .analyzer("sa", AnalyzerModel.KEYSIGHT_N9030B, 0)
                .prologixGateway(0, Map.of("smu", 24, "sa", 18))
                .start();
             PseudoTerminalPair pty = PseudoTerminalPair.open(dir.resolve("ttyACM0"), dir.resolve("gateway"));
             RandomAccessFile line = openWhenServed(bench, pty)) {
            send(line, "++mode 1\n++ifc\n++eoi 1\n++eos 3\n++auto 0\n++ver\n");
            assertTrue(readLine(line).startsWith("Prologix GPIB-USB"));
            // a reply waits until the instrument is addressed to talk; meanwhile a serial poll shows MAV (16)
            send(line, "++addr 24\n*IDN?\n++spoll\n");
            assertEquals(16, Integer.parseInt(readLine(line)) & 16);
            send(line, "++read eoi\n");
            assertTrue(readLine(line).contains("MODEL 2400"));
            // ++clr drops a waiting reply: the next line is the controller's own answer
            send(line, "*IDN?\n++clr\n++spoll 24\n");
            assertEquals("0", readLine(line));
            // ++auto 1: every data line is followed by a read
            send(line, "++addr 18\n++auto 1\n*IDN?\n");
            assertTrue(readLine(line).contains("N9030B"));
            // data with an escaped '+' and an escaped CR: one message, not a command and not two lines
            send(line, "++auto 0\n:SENS:FREQ:CENT \u001b+4.5E9\u001b\r\n:SENS:FREQ:CENT?\n++read eoi\n");
            assertEquals(4.5e9, Double.parseDouble(readLine(line)), 1);
            send(line, ":SYST:ERR?\n++read eoi\n");
            assertTrue(readLine(line).startsWith("+0"));
        }
    }

    private static RandomAccessFile openWhenServed(EmulatedBench bench, PseudoTerminalPair pty) throws IOException {
        bench.gateway().servePseudoTerminal(pty.server());
        return new RandomAccessFile(pty.client().toFile(), "rw");
    }

    private static void send(RandomAccessFile line, String text) throws IOException {
        line.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String readLine(RandomAccessFile line) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = line.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
