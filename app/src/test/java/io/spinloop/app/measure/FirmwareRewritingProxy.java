package io.spinloop.app.measure;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of one emulated SCPI instrument that puts other firmware into its {@code *IDN?} replies: the
 * same unit (maker, model, serial) to a run, after a firmware update. The emulator's models have one firmware each,
 * so the test changes it on the wire; every other byte passes as it is.
 */
final class FirmwareRewritingProxy implements AutoCloseable {
    /** An emulated unit's {@code *IDN?} reply: the firmware is the field before the emulator's mark. */
    private static final Pattern IDN = Pattern.compile("^(.*,)([^,]*)( \\(spinloop emulator\\)\\r?)$");
    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final String firmware;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /** Listens on {@code host:port} (an address the instrument was served at before) for {@code upstream}. */
    FirmwareRewritingProxy(String host, int port, String upstreamHost, int upstreamPort, String firmware)
            throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.firmware = firmware;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(host, port));
        daemon(this::accept, "firmware-proxy");
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket up = new Socket(upstreamHost, upstreamPort);
                open.add(client);
                open.add(up);
                daemon(() -> pump(client, up, false), "firmware-proxy-out");
                daemon(() -> pump(up, client, true), "firmware-proxy-back");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /**
     * Copies {@code from} to {@code to}: the instrument's replies line by line (SCPI ends each with a newline),
     * rewriting {@code *IDN?} replies; the commands as they come.
     */
    private void pump(Socket from, Socket to, boolean rewrite) {
        try (InputStream in = new BufferedInputStream(from.getInputStream()); OutputStream out = to.getOutputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                line.write(b);
                if (b == '\n' || in.available() == 0 && !rewrite) {
                    out.write(rewrite ? rewritten(line.toByteArray()) : line.toByteArray());
                    out.flush();
                    line.reset();
                }
            }
        } catch (IOException e) {
            // one side closed: the other goes with it
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private byte[] rewritten(byte[] line) {
        String s = new String(line, StandardCharsets.ISO_8859_1);
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        Matcher m = IDN.matcher(body);
        if (!m.matches()) {
            return line;
        }
        return (m.group(1) + firmware + m.group(3) + s.substring(body.length())).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(FirmwareRewritingProxy::closeQuietly);
    }
}
