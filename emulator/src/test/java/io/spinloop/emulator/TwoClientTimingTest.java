package io.spinloop.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6: does another client's traffic move the timing of a list sweep as a zero-span trace sees it? One
 * client plays a list on a Keithley 2400 (5 points on the line, 10 off it, 5 on it) whose trigger pulses start the
 * analyzer's zero span, and finds the two edges in the trace; meanwhile a second client, on connections of its own,
 * hammers both instruments with queries, including ones that wait for pending operations (and so make the virtual
 * clock jump). The edges must be where the instrument's point period puts them, with and without the second client:
 * the list's steps, its trigger pulses and the trace window are stamped in one exchange on the bench clock, so jumps
 * of that clock between exchanges cannot move them. (The wrong periods of the issue came from the app's estimator,
 * which let the trace noise decide; see the app's PointPeriodWithOtherClientsTest.)
 */
class TwoClientTimingTest {
    /** 1 ms source delay + 1 NPLC at 60 Hz (auto zero off) + 0.4 ms processing: the emulated 2400's list point. */
    private static final double PERIOD_S = 1e-3 + 1.0 / 60 + 0.4e-3;
    private static final double SWEEP_S = 0.9;
    private static final int POINTS = 4001;

    @Test
    void aSecondClientsQueriesLeaveTheListAndTheTraceWhereTheyWere() throws Exception {
        try (EmulatedBench bench = EmulatedBench.builder().seed(3)
                .device("d", DeviceParameters.defaults().withoutVariation())
                .currentSource("smu", SourceModel.KEITHLEY_2400, 0, "d")
                .analyzer("sa", AnalyzerModel.KEYSIGHT_N9030B, 0, "d")
                .triggerLink("smu", "sa")
                .start();
             ScpiClient smu = new ScpiClient(bench.address("smu"));
             ScpiClient sa = new ScpiClient(bench.address("sa"))) {
            smu.write("*RST;:SOUR:FUNC CURR;:SENS:VOLT:PROT 2;:SOUR:CURR 2e-3;:OUTP ON;:SYST:AZER OFF");
            sa.write(":INIT:CONT OFF;:FREQ:CENT 4.75GHz;SPAN 1GHz;:BAND 1MHz;:SWE:POIN 1001;:INIT");
            assertEquals("1", sa.query("*OPC?"));
            sa.write(":CALC:MARK1:MAX");
            String line = sa.query(":CALC:MARK1:X?");
            sa.write(":FREQ:CENT " + line + ";SPAN 0;:BAND 8MHz;:SWE:POIN " + POINTS + ";:SWE:TIME " + SWEEP_S
                    + ";:FORM ASC");
            int[] alone = edges(smu, sa);
            int[] expected = {firstBinAfter(5 * PERIOD_S), firstBinAfter(15 * PERIOD_S)};
            assertEquals(expected[0], alone[0], "the step off the line, alone");
            assertEquals(expected[1], alone[1], "the step back, alone");
            try (Hammer source = new Hammer(bench.address("smu"), "*IDN?", "SYST:ERR?", "*ESR?", "*OPC?", ":FETC?",
                    ":SOUR:CURR?");
                 Hammer analyzer = new Hammer(bench.address("sa"), "*IDN?", "SYST:ERR?", "*STB?", "*OPC?",
                         ":TRAC? TRACE1", ":SWE:TIME?")) {
                for (int i = 0; i < 3; i++) {
                    int[] withOther = edges(smu, sa);
                    assertEquals(expected[0], withOther[0], "the step off the line, with another client");
                    assertEquals(expected[1], withOther[1], "the step back, with another client");
                }
                assertTrue(source.exchanges() > 0 && analyzer.exchanges() > 0, "the second client was served");
            }
        }
    }

    private static int firstBinAfter(double t) {
        return (int) Math.ceil(t / (SWEEP_S / (POINTS - 1)));
    }

    /** One list with the analyzer armed on its trigger; the first bin off the line and the first bin back on it. */
    private static int[] edges(ScpiClient smu, ScpiClient sa) throws IOException {
        // armed before the list starts: the reply comes once INIT has executed (as the drivers' checked writes do)
        assertEquals("EXT1", sa.query(":TRIG:SOUR EXT;:INIT;:TRIG:SOUR?"));
        StringBuilder list = new StringBuilder();
        for (int k = 0; k < 20; k++) {
            list.append(k == 0 ? "" : ",").append(k >= 5 && k < 15 ? "0.5e-3" : "2e-3");
        }
        smu.write(":SOUR:LIST:CURR " + list + ";:SOUR:DEL 1e-3;:TRIG:COUN 20;:TRIG:OUTP SOUR");
        smu.write(":SOUR:CURR:MODE LIST");
        assertEquals(20 * 5, smu.query(":READ?").split(",").length, "20 readings of 5 elements");
        smu.write(":SOUR:CURR:MODE FIX;:TRIG:OUTP NONE;:TRIG:COUN 1");
        assertEquals("1", sa.query("*OPC?"));
        String[] values = sa.query(":TRAC? TRACE1").split(",");
        sa.write(":TRIG:SOUR IMM");
        assertEquals(POINTS, values.length);
        double[] prefix = new double[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            prefix[i + 1] = prefix[i] + Double.parseDouble(values[i]);
        }
        // the best fit of three levels high, low, high (least squares in dB, where detected noise is even)
        int n = values.length;
        double best = Double.NEGATIVE_INFINITY;
        int[] edges = null;
        for (int a = 1; a < n - 1; a++) {
            for (int b = a + 1; b < n; b++) {
                double l = prefix[a];
                double m = prefix[b] - l;
                double r = prefix[n] - prefix[b];
                if (m / (b - a) >= l / a || m / (b - a) >= r / (n - b)) {
                    continue;
                }
                double explained = l * l / a + m * m / (b - a) + r * r / (n - b);
                if (explained > best) {
                    best = explained;
                    edges = new int[] {a, b};
                }
            }
        }
        return edges;
    }

    /** A second client: its own connection, sending queries in a loop until closed. */
    private static final class Hammer implements AutoCloseable {
        private final ScpiClient client;
        private final Thread thread;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong exchanges = new AtomicLong();

        Hammer(InetSocketAddress address, String... queries) throws IOException {
            client = new ScpiClient(address, 500);
            thread = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        for (String q : queries) {
                            client.write(q);
                            try {
                                client.readLine();
                                exchanges.incrementAndGet();
                            } catch (SocketTimeoutException e) {
                                // a query that raised an error has no reply
                            }
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "second-client");
            thread.setDaemon(true);
            thread.start();
        }

        long exchanges() {
            return exchanges.get();
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            thread.join(5000);
            client.close();
        }
    }
}
