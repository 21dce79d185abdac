package io.spinloop.measurements;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to a run journal, one {@code write} per record, holding an exclusive lock on the file
 * so that a recovery cannot run over a journal that is still growing. The lock is the kernel's
 * ({@code fcntl}), so it vanishes with the process however it dies.
 */
final class JournalWriter implements AutoCloseable {
    /**
     * The journals this JVM is writing, with their first record. POSIX locks belong to the process, and closing
     * any channel of a file drops all of them (see {@link FileLock}), so code of this JVM must not open a journal
     * it is writing just to ask whether it is locked: it asks here instead.
     */
    private static final java.util.Map<Path, JournalEntry.RunStarted> WRITING =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final JournalSync sync;
    private long size;
    private long bytesWritten;
    private boolean closed;

    private JournalWriter(Path path, FileChannel channel, FileLock lock, JournalSync sync) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.sync = sync;
    }

    /** Creates a new journal (never reuses one: an existing journal holds an unrecovered run). */
    static JournalWriter create(Path path, JournalSync sync, JournalEntry.RunStarted first) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            if (JournalHolder.isLocked(path)) {
                throw new FileAlreadyExistsException(path.toString(), null, "a run is in progress writing this file ("
                        + JournalHolder.describe(path) + "); wait for it to end or choose another file");
            }
            throw new FileAlreadyExistsException(path.toString(), null,
                    "a journal of an earlier, interrupted run is in the way; recover it first"
                            + " (MeasurementRecovery.recover / spinloop data recover) or move it away");
        }
        try {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new IOException(path + ": journal is locked by another process");
            }
            JournalWriter w = new JournalWriter(path, ch, lock, sync);
            WRITING.put(key(path), first);
            w.writeFully(JournalCodec.fileHeader());
            w.append(first);
            // The journal's existence and first record are made durable once, whatever the policy:
            // it costs one flush per run.
            ch.force(true);
            AtomicFile.syncDirectory(path.toAbsolutePath().getParent());
            return w;
        } catch (IOException | RuntimeException e) {
            WRITING.remove(key(path));
            ch.close();
            // We created this file and it holds no measured point yet: leave nothing that would block the next run.
            try {
                java.nio.file.Files.deleteIfExists(path);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    Path path() {
        return path;
    }

    private static Path key(Path journal) {
        return journal.toAbsolutePath().normalize();
    }

    /** The first record of a journal this JVM is writing now, or null if it is not writing it. */
    static JournalEntry.RunStarted writingHere(Path journal) {
        return WRITING.get(key(journal));
    }

    /** Bytes appended so far, file header included. */
    long bytesWritten() {
        return bytesWritten;
    }

    void append(JournalEntry entry) throws IOException {
        if (closed) {
            throw new IllegalStateException(path + ": journal is closed");
        }
        writeFully(JournalCodec.encode(entry));
        if (sync == JournalSync.EVERY_RECORD) {
            channel.force(false);
        }
    }

    private void writeFully(ByteBuffer buf) throws IOException {
        int n = buf.remaining();
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException e) {
            // A half-written record would end the valid prefix and hide every later record: cut it off.
            try {
                channel.truncate(size);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IOException(path + ": journal write failed (" + e.getMessage() + ")", e);
        }
        size += n;
        bytesWritten += n;
    }

    /** Flushes to disk and releases the lock; the file stays. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.force(true);
            lock.release();
        } finally {
            WRITING.remove(key(path));
            channel.close();
        }
    }
}
