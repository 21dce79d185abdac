package io.spinloop.drivers.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** A raw SCPI socket (LAN instruments listen on port 5025). */
final class TcpLink implements ByteLink {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int currentTimeout = -1;

    private TcpLink(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static TcpLink connect(ResourceString.Tcp resource, int connectTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            // Small request/reply messages: Nagle's algorithm would add tens of ms per query.
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            InetSocketAddress address = new InetSocketAddress(resource.host(), resource.port());
            if (address.isUnresolved()) {
                // Socket.connect would say only the host's name; say what it is and where it came from.
                throw new UnknownHostException("unknown host '" + resource.host() + "' in resource " + resource.text());
            }
            socket.connect(address, connectTimeoutMillis);
            return new TcpLink(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException {
        if (timeoutMillis != currentTimeout) {
            socket.setSoTimeout(Math.max(1, timeoutMillis));
            currentTimeout = timeoutMillis;
        }
        try {
            return in.read(buffer, offset, length);
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
