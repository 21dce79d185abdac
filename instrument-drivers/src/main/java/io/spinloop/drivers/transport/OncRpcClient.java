package io.spinloop.drivers.transport;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * An ONC RPC version 2 client over one TCP connection (RFC 1831): calls with AUTH_NONE credentials, one at a time,
 * each reply matched to its call by transaction id. A call that fails on the wire (timeout, closed connection)
 * leaves the connection out of step: the caller must close it and connect again.
 */
final class OncRpcClient implements Closeable {
    /** Replies larger than this are no RPC replies (VXI-11 reads are bounded by the request size). */
    private static final int MAX_RECORD = 64 << 20;

    private final String label;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int xid = (int) System.nanoTime();

    /**
     * Connects.
     *
     * @param label names the peer in every error (an instrument, or "the portmapper of host")
     * @throws TransportException if the connection is refused or the host unknown
     */
    OncRpcClient(String host, int port, int connectMillis, String label) {
        this.label = label;
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new TransportException("unknown host '" + host + "' in resource " + label);
            }
            s.connect(address, connectMillis);
            this.socket = s;
            this.in = s.getInputStream();
            this.out = s.getOutputStream();
        } catch (IOException e) {
            closeQuietly(s);
            throw new TransportException("cannot connect to " + label + " at " + host + ":" + port + ": "
                    + describe(e), e);
        }
    }

    /**
     * Calls {@code procedure} and returns the reader positioned on its results.
     *
     * @param what         the procedure and the command it carries, for error messages
     * @param replyMillis  how long to wait for the reply
     * @throws TransportTimeoutException if no reply arrives in time
     * @throws TransportException        if the connection fails or the server refuses the call
     */
    Xdr.Reader call(int program, int version, int procedure, byte[] arguments, int replyMillis, String what) {
        int id = ++xid;
        Xdr.Writer call = new Xdr.Writer().u32(id & 0xFFFFFFFFL).u32(0) // CALL
                .u32(2).u32(program).u32(version).u32(procedure)
                .u32(0).u32(0) // credentials: AUTH_NONE, empty
                .u32(0).u32(0); // verifier: AUTH_NONE, empty
        byte[] head = call.bytes();
        byte[] message = new byte[head.length + arguments.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(arguments, 0, message, head.length, arguments.length);
        byte[] reply;
        try {
            Xdr.writeRecord(out, message);
            socket.setSoTimeout(Math.max(1, replyMillis));
            reply = Xdr.readRecord(in, MAX_RECORD);
        } catch (SocketTimeoutException e) {
            throw new TransportTimeoutException("no RPC reply to " + what + " from " + label + " within " + replyMillis
                    + " ms");
        } catch (EOFException e) {
            throw new TransportException(label + " closed the connection while we awaited the reply to " + what
                    + "; reconnect to continue", e);
        } catch (IOException e) {
            throw new TransportException("RPC " + what + " to " + label + " failed: " + describe(e), e);
        }
        Xdr.Reader r = new Xdr.Reader(reply, "RPC reply to " + what + " from " + label);
        int got = r.i32();
        if (got != id) {
            throw new TransportException(label + ": RPC reply with transaction id " + got + " to call " + id + " ("
                    + what + "): the connection is out of step");
        }
        if (r.u32() != 1) {
            throw new TransportException(label + ": a message that is no RPC reply came back for " + what);
        }
        long replyStat = r.u32();
        if (replyStat != 0) { // MSG_DENIED
            long reject = r.u32();
            throw new TransportException(label + " denied the RPC call " + what + ": "
                    + (reject == 0 ? "RPC version mismatch" : "authentication error " + r.u32()));
        }
        r.u32(); // verifier flavor
        r.opaque(); // verifier body
        long accept = r.u32();
        if (accept != 0) {
            String why = switch ((int) accept) {
                case 1 -> "program " + program + " is not served there (PROG_UNAVAIL)";
                case 2 -> "program " + program + " version " + version + " is not served there (PROG_MISMATCH)";
                case 3 -> "procedure " + procedure + " is unknown to it (PROC_UNAVAIL)";
                case 4 -> "it could not decode the arguments (GARBAGE_ARGS)";
                default -> "a system error (SYSTEM_ERR, " + accept + ")";
            };
            throw new TransportException(label + " refused the RPC call " + what + ": " + why);
        }
        return r;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
