package io.spinloop.emulator.server;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Two pseudo-terminals joined back to back by socat, standing in for a serial cable with a USB-serial adapter at
 * each end: what is written to one end is read at the other, bytes unchanged (both in raw mode, no echo). The
 * emulator serves one end ({@link PrologixGateway#servePseudoTerminal}); a client opens the other as its serial
 * port. Either end may be closed and opened again; the pair lives until {@link #close}. Needs socat on the PATH.
 *
 * <p>{@link #bridgedToTcp} makes a single pseudo-terminal whose far side is a TCP connection to an emulated
 * instrument's raw socket instead: the instrument as if on an RS-232 port, or behind a device file.
 */
public final class PseudoTerminalPair implements Closeable {
    private final Process socat;
    private final Path client;
    private final Path server;

    private PseudoTerminalPair(Process socat, Path client, Path server) {
        this.socat = socat;
        this.client = client;
        this.server = server;
    }

    /**
     * Starts socat with the two terminals linked at {@code client} and {@code server} (symbolic links to
     * /dev/pts/n), and waits until both exist.
     *
     * @throws IOException if socat cannot be started or makes no terminals within 10 s (the message says why)
     */
    public static PseudoTerminalPair open(Path client, Path server) throws IOException {
        return start(client, server, "pty,raw,echo=0,link=" + server);
    }

    /**
     * A pseudo-terminal at {@code client} whose bytes go to and come from a TCP connection to {@code target} (made
     * when socat starts; socat ends when either side closes). {@link #server()} is then null.
     */
    public static PseudoTerminalPair bridgedToTcp(Path client, java.net.InetSocketAddress target) throws IOException {
        return start(client, null, "tcp:" + target.getHostString() + ":" + target.getPort());
    }

    private static PseudoTerminalPair start(Path client, Path server, String far) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + client, far)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot start socat for a pseudo-terminal pair (apt-get install socat): "
                    + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (!(Files.exists(client) && (server == null || Files.exists(server))) && System.nanoTime() < deadline
                    && p.isAlive()) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for socat's pseudo-terminals", e);
        }
        if (!(Files.exists(client) && (server == null || Files.exists(server)))) {
            p.destroy();
            String said = new String(p.getInputStream().readNBytes(Math.max(0, p.getInputStream().available())),
                    StandardCharsets.UTF_8).trim();
            throw new IOException("socat made no pseudo-terminal at " + client + (server == null ? "" : " and " + server)
                    + (said.isEmpty() ? "" : ": " + said));
        }
        return new PseudoTerminalPair(p, client, server);
    }

    /** The end a client opens as its serial port. */
    public Path client() {
        return client;
    }

    /** The end the emulator serves (null for a terminal bridged to TCP). */
    public Path server() {
        return server;
    }

    /** Stops socat: both terminals go away (their readers see end of file or an I/O error). */
    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        } catch (InterruptedException e) {
            socat.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
