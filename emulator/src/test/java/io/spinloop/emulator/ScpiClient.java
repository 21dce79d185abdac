package io.spinloop.emulator;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal raw-socket SCPI client for the tests: line replies and definite-length blocks. */
public final class ScpiClient implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public ScpiClient(InetSocketAddress address) throws IOException {
        this(address, 5000);
    }

    public ScpiClient(InetSocketAddress address, int timeoutMs) throws IOException {
        socket = new Socket();
        socket.connect(address, timeoutMs);
        socket.setSoTimeout(timeoutMs);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = socket.getOutputStream();
    }

    public void write(String message) throws IOException {
        out.write((message + "\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one reply line, without its terminator. */
    public String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after '" + b + "'");
            }
            if (c == '\n') {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
    }

    public String query(String message) throws IOException {
        write(message);
        return readLine();
    }

    /** Reads a definite-length block and the terminator after it; returns the payload. */
    public byte[] readBlock() throws IOException {
        int hash = in.read();
        if (hash != '#') {
            throw new IOException("expected '#', got " + hash);
        }
        int digits = in.read() - '0';
        int len = 0;
        for (int i = 0; i < digits; i++) {
            len = len * 10 + (in.read() - '0');
        }
        byte[] data = in.readNBytes(len);
        if (data.length != len) {
            throw new IOException("short block");
        }
        int term = in.read();
        if (term != '\n') {
            throw new IOException("block not followed by a terminator: " + term);
        }
        return data;
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
