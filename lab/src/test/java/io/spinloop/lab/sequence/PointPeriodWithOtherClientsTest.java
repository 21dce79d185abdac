package io.spinloop.lab.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.lab.RunProgress;
import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6: the list-point period {@code measure sequences} stores came out as 2.13 ms or 12.9 ms instead of
 * 18.1 ms when another client talked to a served bench. The period is measured here the way the command does
 * ({@link SequenceRunner#measurePointPeriod}) on one emulated bench, several times: alone, then while a second client
 * hammers both instruments with queries on connections of its own (identification, error queue, status, the trace,
 * the source's last readings). Every measurement must be the instrument's real period: a list point of the emulated
 * 2400 is the 1 ms source delay, 1 NPLC at 60 Hz three times (auto zero on after *RST) and 0.4 ms of overhead.
 */
class PointPeriodWithOtherClientsTest {
    private static final double TRUE_PERIOD_S = 1e-3 + 3.0 / 60 + 0.4e-3; // *RST: 1 NPLC, auto zero on
    /**
     * One zero-span bin of the 11.5 s trace of the point-period list (4001 points; 103 ms per point: twice the 1 ms
     * dwell and three integrations, and 1 ms), spread over its 100-point plateau.
     */
    private static final double RESOLUTION_S = 112 * 103e-3 / 4000 / 100;

    @Test
    void theMeasuredPeriodIsTheInstrumentsAloneAndWithAnotherClientTalking() throws Exception {
        LoadedLabConfig cfg = LabConfigLoader.load(TestLabConfigs.defaultBench());
        List<Double> alone = new ArrayList<>();
        List<Double> withOther = new ArrayList<>();
        try (Bench bench = Bench.of(cfg); DeviceRig rig = bench.openDevice("stno-a")) {
            SequenceRunner runner = new SequenceRunner(rig, 1e-3, 8e6, -20);
            double bias = 1.5e-3;
            double center = runner.findLine(bias, cfg.config().presets().sweep().analyzer());
            for (int i = 0; i < 3; i++) {
                alone.add(runner.measurePointPeriod(center, bias, 2.5e-4, RunProgress.silent()));
            }
            EmulatedBench emulator = bench.emulator();
            try (Hammer source = new Hammer(emulator.address("smu-a"),
                         "*IDN?", "SYST:ERR?", ":SOUR:CURR?", "*ESR?", ":FETC?", "*OPC?");
                 Hammer analyzer = new Hammer(emulator.address("sa-a"),
                         "*IDN?", "SYST:ERR?", "*STB?", ":TRAC? TRACE1", "*OPC?", ":SWE:TIME?")) {
                for (int i = 0; i < 3; i++) {
                    withOther.add(runner.measurePointPeriod(center, bias, 2.5e-4, RunProgress.silent()));
                }
                assertTrue(source.exchanges() > 0 && analyzer.exchanges() > 0, "the second client was heard");
            }
        }
        for (double p : alone) {
            assertEquals(TRUE_PERIOD_S, p, 1.5 * RESOLUTION_S, "alone: " + alone);
        }
        for (double p : withOther) {
            assertEquals(TRUE_PERIOD_S, p, 1.5 * RESOLUTION_S, "with another client: " + withOther + ", alone: " + alone);
        }
    }

    /** A second client: its own connection, sending queries in a loop until closed. */
    private static final class Hammer implements AutoCloseable {
        private final Socket socket = new Socket();
        private final Thread thread;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong exchanges = new AtomicLong();

        Hammer(InetSocketAddress address, String... queries) throws IOException {
            socket.connect(address, 2000);
            socket.setSoTimeout(500);
            socket.setTcpNoDelay(true);
            thread = new Thread(() -> run(queries), "second-client");
            thread.setDaemon(true);
            thread.start();
        }

        private void run(String[] queries) {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1), 1 << 16);
                OutputStream out = socket.getOutputStream();
                while (!stop.get()) {
                    for (String q : queries) {
                        out.write((q + "\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        try {
                            in.readLine();
                            exchanges.incrementAndGet();
                        } catch (SocketTimeoutException e) {
                            // a query that raised an error has no reply; go on
                        }
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        long exchanges() {
            return exchanges.get();
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            thread.join(5000);
            socket.close();
        }
    }
}
