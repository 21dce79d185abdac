package io.spinloop.emulator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's controller commands over a raw socket, as a program with its own Prologix layer speaks them. */
class PrologixGatewayTest {

    @Test
    void addressesTheInstrumentsReadsOnRequestAndClearsTheQueue() throws Exception {
        try (EmulatedBench bench = EmulatedBench.builder()
                .currentSource("smu", SourceModel.KEITHLEY_2400, 0, null)
                .analyzer("sa", AnalyzerModel.KEYSIGHT_N9030B, 0)
                .prologixGateway(0, Map.of("smu", 24, "sa", 18))
                .start();
             Socket s = new Socket("127.0.0.1", bench.gatewayAddress().getPort())) {
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            out.write("++mode 1\n++auto 0\n++eos 3\r++addr 24\n*IDN?\n++addr 18\n*IDN?\n++read eoi\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(in.readLine().contains("N9030B"), "the analyzer answers first, as addressed");
            out.write("++addr 24\n++read eoi\n".getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(in.readLine().contains("2400"), "the source kept its reply until addressed to talk");
            // a device clear drops the queued reply: the next line is the controller's own answer
            out.write("*IDN?\n++clr\n++read eoi\n++addr\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("24", in.readLine());
            // ESC quotes bytes in data: the escaped LF does not end the message, so the source sees one bad
            // header, not '*IDN?' (a line starting with an escaped '+' is data, not a command)
            out.write("*ID\u001b\nN?\n\u001b+\u001b+addr 18\n:SYST:ERR?\n++read eoi\n".getBytes(StandardCharsets.ISO_8859_1));
            String err = in.readLine();
            assertTrue(!err.startsWith("+0"), err);
            assertThrows(IllegalArgumentException.class, () -> EmulatedBench.builder()
                    .currentSource("smu", SourceModel.KEITHLEY_2400, 0, null)
                    .prologixGateway(0, Map.of("nobody", 3)).start());
        }
    }
}
