package io.spinloop.drivers.transport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A USBTMC instrument through the Linux {@code usbtmc} kernel driver's device file. The driver's semantics: each
 * write() is one USBTMC message (with EOM; FramedTransport hands every message over in one write), and a read()
 * asks the instrument for its response and returns it (the kernel waits for it up to its own timeout, 5 s by
 * default, and fails with ETIMEDOUT if none comes). A file read cannot be given a deadline from Java, so reads run
 * on a thread of their own: a read that outlasts the caller's timeout stays pending, and its bytes are handed out
 * by the next read rather than lost.
 */
final class UsbtmcLink implements ByteLink {
    private final RandomAccessFile file;
    private final String name;
    private final ExecutorService reader;
    private Future<byte[]> pending;
    private byte[] left = new byte[0];
    private int leftAt;

    private UsbtmcLink(RandomAccessFile file, String name) {
        this.file = file;
        this.name = name;
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "usbtmc-read " + name);
            t.setDaemon(true); // a read blocked in the kernel must not keep the JVM alive
            return t;
        });
    }

    static UsbtmcLink open(String path) throws IOException {
        // RandomAccessFile would create a missing file: a device file must already be there, and be no plain file.
        java.nio.file.Path p = java.nio.file.Path.of(path);
        if (!java.nio.file.Files.exists(p)) {
            throw new IOException("usbtmc device " + path + " does not exist (is the instrument plugged in and the"
                    + " usbtmc module loaded? a udev rule gives this user access to it)");
        }
        if (java.nio.file.Files.isRegularFile(p)) {
            throw new IOException("usbtmc device " + path + " is a regular file, not a device");
        }
        try {
            return new UsbtmcLink(new RandomAccessFile(path, "rw"), path);
        } catch (IOException e) {
            throw new IOException("usbtmc device " + path + " cannot be opened (" + e.getMessage()
                    + "; is the instrument plugged in, and may this user open it? a udev rule or the plugdev group"
                    + " usually grants it)", e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException {
        if (leftAt < left.length) {
            return takeLeft(buffer, offset, length);
        }
        if (pending == null) {
            pending = reader.submit(() -> {
                byte[] b = new byte[64 * 1024];
                int n = file.read(b);
                return n < 0 ? null : java.util.Arrays.copyOf(b, n);
            });
        }
        byte[] got;
        try {
            got = pending.get(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + name, e);
        } catch (ExecutionException e) {
            pending = null;
            String why = String.valueOf(e.getCause().getMessage());
            if (why.contains("timed out")) {
                return 0; // the kernel driver's own timeout (ETIMEDOUT): no response yet
            }
            throw new IOException("read from usbtmc device " + name + " failed: " + why, e.getCause());
        }
        pending = null;
        if (got == null) {
            return -1;
        }
        left = got;
        leftAt = 0;
        return takeLeft(buffer, offset, length);
    }

    private int takeLeft(byte[] buffer, int offset, int length) {
        int n = Math.min(length, left.length - leftAt);
        System.arraycopy(left, leftAt, buffer, offset, n);
        leftAt += n;
        return n;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        file.write(buffer, offset, length); // one write(): one USBTMC message
    }

    @Override
    public void close() throws IOException {
        reader.shutdownNow();
        file.close();
    }
}
