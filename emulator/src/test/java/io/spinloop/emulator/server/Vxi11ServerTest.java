package io.spinloop.emulator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.time.Timing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's VXI-11 server at the RPC level: the portmapper, and device_read's reasons and errors. */
class Vxi11ServerTest {
    private EmulatedBench bench;

    @BeforeEach
    void start() throws IOException {
        bench = EmulatedBench.builder().currentSource("smu1", SourceModel.KEITHLEY_2400, 0, null)
                .vxi11(0, 0, Map.of("inst0", "smu1")).timing(Timing.VIRTUAL).start();
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    /** A bare RPC client: one call, its accept status and results. */
    private static final class Rpc implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        int xid = 100;

        Rpc(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** Returns the results after checking the reply is accepted with {@code acceptStat}. */
        Xdr.Reader call(int program, int version, int procedure, byte[] args, int acceptStat) throws IOException {
            byte[] head = new Xdr.Writer().u32(++xid).u32(0).u32(2).u32(program).u32(version).u32(procedure)
                    .u32(0).u32(0).u32(0).u32(0).bytes();
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            m.write(head);
            m.write(args);
            Xdr.writeRecord(out, m.toByteArray());
            Xdr.Reader r = new Xdr.Reader(Xdr.readRecord(in, 1 << 20));
            assertEquals(xid, r.i32());
            assertEquals(1, r.i32(), "a reply");
            assertEquals(0, r.i32(), "accepted");
            r.u32();
            r.opaque();
            assertEquals(acceptStat, r.i32(), "accept status");
            return r;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private int corePort() throws IOException {
        try (Rpc pm = new Rpc(bench.vxi11PortmapperAddress().getPort())) {
            byte[] notOurs = new Xdr.Writer().u32(100003).u32(3).u32(6).u32(0).bytes();
            assertEquals(0, pm.call(Vxi11Server.PORTMAPPER, 2, 3, notOurs, 0).u32(), "NFS is not served here");
            byte[] core = new Xdr.Writer().u32(Vxi11Server.DEVICE_CORE).u32(1).u32(6).u32(0).bytes();
            return (int) pm.call(Vxi11Server.PORTMAPPER, 2, 3, core, 0).u32();
        }
    }

    private static byte[] readArgs(int lid, int requestSize, int timeoutMs, int flags, int termChar) {
        return new Xdr.Writer().u32(lid).u32(requestSize).u32(timeoutMs).u32(0).u32(flags).u32(termChar).bytes();
    }

    @Test
    void deviceReadEndsForTheRequestCountTheTermCharOrEnd() throws IOException {
        int port = corePort();
        assertEquals(bench.vxi11CoreAddress().getPort(), port);
        try (Rpc core = new Rpc(port)) {
            Xdr.Reader link = core.call(Vxi11Server.DEVICE_CORE, 1, 10,
                    new Xdr.Writer().u32(1).u32(0).u32(0).opaque("inst0".getBytes(), 0, 5).bytes(), 0);
            assertEquals(0, link.i32());
            int lid = link.i32();
            link.u32();
            assertEquals(Vxi11Server.MAX_RECV_SIZE, link.u32());
            byte[] idn = "*IDN?\n".getBytes(StandardCharsets.US_ASCII);
            Xdr.Reader w = core.call(Vxi11Server.DEVICE_CORE, 1, 11,
                    new Xdr.Writer().u32(lid).u32(1000).u32(0).u32(8).opaque(idn, 0, idn.length).bytes(), 0);
            assertEquals(0, w.i32());
            assertEquals(idn.length, w.u32());

            Xdr.Reader r1 = core.call(Vxi11Server.DEVICE_CORE, 1, 12, readArgs(lid, 10, 1000, 0, 0), 0);
            assertEquals(0, r1.i32());
            assertEquals(1, r1.i32(), "ended for the request count");
            byte[] first = r1.opaque();
            assertEquals(10, first.length);
            Xdr.Reader r2 = core.call(Vxi11Server.DEVICE_CORE, 1, 12, readArgs(lid, 1000, 1000, 0x80, ','), 0);
            assertEquals(0, r2.i32());
            assertEquals(2, r2.i32(), "ended for the term char");
            byte[] second = r2.opaque();
            assertEquals(',', second[second.length - 1]);
            Xdr.Reader r3 = core.call(Vxi11Server.DEVICE_CORE, 1, 12, readArgs(lid, 1 << 16, 1000, 0, 0), 0);
            assertEquals(0, r3.i32());
            assertEquals(4, r3.i32(), "ended for END");
            String reply = new String(first, StandardCharsets.US_ASCII) + new String(second, StandardCharsets.US_ASCII)
                    + new String(r3.opaque(), StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("KEITHLEY INSTRUMENTS INC.,MODEL 2400,") && reply.endsWith("\n"), reply);

            Xdr.Reader none = core.call(Vxi11Server.DEVICE_CORE, 1, 12, readArgs(lid, 100, 50, 0, 0), 0);
            assertEquals(15, none.i32(), "nothing to read: I/O timeout");
            none.i32(); // reason
            assertEquals(0, none.opaque().length, "and no data");

            core.call(Vxi11Server.DEVICE_CORE, 1, 99, new byte[0], 3); // PROC_UNAVAIL
            assertEquals(0, core.call(Vxi11Server.DEVICE_CORE, 1, 23, new Xdr.Writer().u32(lid).bytes(), 0).i32());
            Xdr.Reader gone = core.call(Vxi11Server.DEVICE_CORE, 1, 11,
                    new Xdr.Writer().u32(lid).u32(1000).u32(0).u32(8).opaque(idn, 0, idn.length).bytes(), 0);
            assertEquals(4, gone.i32(), "a destroyed link is an invalid link identifier");
        }
    }
}
