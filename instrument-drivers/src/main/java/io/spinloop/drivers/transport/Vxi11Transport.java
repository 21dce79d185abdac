package io.spinloop.drivers.transport;

import java.io.ByteArrayOutputStream;
import java.time.Duration;

/**
 * A VXI-11 device ({@code TCPIP::host[::inst0]::INSTR}): ONC RPC over TCP to the device's core channel, whose port
 * the host's portmapper gives ({@code GETPORT}, port 111 unless the resource says {@code ?portmapper=PORT}).
 * Opening creates a link to the named device ({@code create_link}); a message goes out in {@code device_write} calls
 * of at most the device's {@code maxRecvSize} bytes, END on the last; a reply is read by {@code device_read} calls
 * until one ends for END (a reply ending for its term char or for the request count is read on). Each call carries
 * the I/O timeout and the lock timeout: a device locked by another link is waited for that long ({@code waitlock}).
 * After an I/O timeout the device gets a {@code device_clear}, which empties its output queue, so the late reply can
 * never be taken for the next one. Closing destroys the link. Every VXI-11 error names the instrument, the call and
 * the command.
 */
final class Vxi11Transport extends EndDelimitedTransport {
    static final int PORTMAPPER = 100000;
    static final int DEVICE_CORE = 0x0607AF;
    private static final int GETPORT = 3;
    private static final int CREATE_LINK = 10;
    private static final int DEVICE_WRITE = 11;
    private static final int DEVICE_READ = 12;
    private static final int DEVICE_CLEAR = 15;
    private static final int DESTROY_LINK = 23;
    private static final int FLAG_WAITLOCK = 1;
    private static final int FLAG_END = 8;
    private static final int REASON_END = 4;
    /** Bytes asked for per device_read: one 1001-point REAL,32 trace fits in one call. */
    private static final int READ_CHUNK = 1 << 20;
    /** Time the RPC reply may take beyond the I/O timeout the device was given. */
    private static final int RPC_MARGIN_MS = 2000;

    private final ResourceString.Vxi11 resource;
    private final int connectMillis;
    private final int clientId = (int) (System.nanoTime() & 0x7FFFFFFF);
    private OncRpcClient core;
    private int link;
    private int maxRecvSize;

    Vxi11Transport(ResourceString.Vxi11 resource, int connectMillis, Duration timeout) {
        super(timeout);
        this.resource = resource;
        this.connectMillis = connectMillis;
    }

    Vxi11Transport open() {
        connect();
        return this;
    }

    @Override
    public String resource() {
        return resource.text();
    }

    @Override
    void connect() {
        String host = resource.address().host();
        int port;
        try (OncRpcClient portmapper = new OncRpcClient(host, resource.portmapperPort(), connectMillis,
                "the portmapper of " + resource.text())) {
            byte[] mapping = new Xdr.Writer().u32(DEVICE_CORE).u32(1).u32(6).u32(0).bytes(); // TCP
            port = (int) portmapper.call(PORTMAPPER, 2, GETPORT, mapping, connectMillis + RPC_MARGIN_MS,
                    "GETPORT of the VXI-11 core channel").u32();
        }
        if (port <= 0 || port > 65535) {
            throw new TransportException("the portmapper of " + resource.text() + " knows no VXI-11 core channel"
                    + " (GETPORT answered " + port + "): is the instrument's VXI-11 server on?");
        }
        OncRpcClient c = new OncRpcClient(host, port, connectMillis, resource.text());
        try {
            byte[] args = new Xdr.Writer().u32(clientId).bool(false).u32(timeoutMillis())
                    .string(resource.address().device()).bytes();
            Xdr.Reader r = c.call(DEVICE_CORE, 1, CREATE_LINK, args, timeoutMillis() + RPC_MARGIN_MS,
                    "create_link to '" + resource.address().device() + "'");
            int error = r.i32();
            int lid = r.i32();
            r.u32(); // abort port: device_abort is not used
            long max = r.u32();
            if (error != 0) {
                throw new TransportException(resource.text() + ": create_link to device '"
                        + resource.address().device() + "' failed: " + Vxi11Error.describe(error));
            }
            core = c;
            link = lid;
            maxRecvSize = (int) Math.max(1, Math.min(max == 0 ? 1024 : max, 1 << 20));
        } catch (TransportException e) {
            c.close();
            throw e;
        }
    }

    @Override
    void disconnect() {
        OncRpcClient c = core;
        core = null;
        if (c == null) {
            return;
        }
        try {
            c.call(DEVICE_CORE, 1, DESTROY_LINK, new Xdr.Writer().u32(link).bytes(), RPC_MARGIN_MS, "destroy_link");
        } catch (TransportException ignored) {
            // the link dies with the connection anyway
        } finally {
            c.close();
        }
    }

    @Override
    void writeMessage(byte[] message, String command) {
        OncRpcClient c = requireCore(command);
        for (int off = 0; off < message.length; ) {
            int n = Math.min(maxRecvSize, message.length - off);
            boolean last = off + n == message.length;
            byte[] args = new Xdr.Writer().u32(link).u32(timeoutMillis()).u32(timeoutMillis())
                    .u32(FLAG_WAITLOCK | (last ? FLAG_END : 0)).opaque(message, off, n).bytes();
            Xdr.Reader r = c.call(DEVICE_CORE, 1, DEVICE_WRITE, args, timeoutMillis() + RPC_MARGIN_MS,
                    "device_write of '" + command + "'");
            int error = r.i32();
            long size = r.u32();
            if (error != 0) {
                throw new TransportException(resource.text() + ": device_write of '" + command + "' failed: "
                        + Vxi11Error.describe(error));
            }
            if (size == 0) {
                throw new TransportException(resource.text() + ": device_write of '" + command
                        + "' was accepted with 0 bytes taken");
            }
            off += (int) Math.min(size, n);
        }
    }

    @Override
    byte[] readMessage(String command, Duration timeout) {
        OncRpcClient c = requireCore(command);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            byte[] args = new Xdr.Writer().u32(link).u32(READ_CHUNK).u32(left).u32(left).u32(FLAG_WAITLOCK).u32(0)
                    .bytes();
            Xdr.Reader r = c.call(DEVICE_CORE, 1, DEVICE_READ, args, left + RPC_MARGIN_MS,
                    "device_read of the reply to '" + command + "'");
            int error = r.i32();
            int reason = r.i32();
            byte[] data = r.opaque();
            reply.write(data, 0, data.length);
            if (error == Vxi11Error.IO_TIMEOUT) {
                String cleared = clearAfterTimeout(c, command);
                throw new TransportTimeoutException("no complete reply to '" + command + "' from " + resource.text()
                        + " within " + millis + " ms (VXI-11 device_read: " + Vxi11Error.describe(error) + ")"
                        + (reply.size() > 0 ? ", only " + reply.size() + " bytes of it arrived" : "") + cleared);
            }
            if (error != 0) {
                throw new TransportException(resource.text() + ": device_read of the reply to '" + command
                        + "' failed: " + Vxi11Error.describe(error));
            }
            if ((reason & REASON_END) != 0) {
                return reply.toByteArray();
            }
            // ended for the request count or a term char: the message goes on
        }
    }

    /** A late reply must not be read as the next one: device_clear empties the device's output queue. */
    private String clearAfterTimeout(OncRpcClient c, String command) {
        try {
            byte[] args = new Xdr.Writer().u32(link).u32(FLAG_WAITLOCK).u32(timeoutMillis()).u32(timeoutMillis())
                    .bytes();
            int error = c.call(DEVICE_CORE, 1, DEVICE_CLEAR, args, timeoutMillis() + RPC_MARGIN_MS,
                    "device_clear after '" + command + "'").i32();
            return error == 0 ? "; the device was cleared (device_clear)"
                    : "; device_clear failed too: " + Vxi11Error.describe(error);
        } catch (TransportException e) {
            return "; device_clear failed too: " + e.getMessage();
        }
    }

    private OncRpcClient requireCore(String command) {
        if (core == null) {
            throw new TransportException(resource.text() + " has no VXI-11 link; cannot handle '" + command + "'");
        }
        return core;
    }
}
