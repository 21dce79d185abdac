package io.spinloop.measurements;

import io.jhdf.exceptions.HdfException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way every module installs a file (measurement files, twin files, weights, checkpoints, reports, PNGs):
 * readers see the old file or the complete new one, never a partial one, and a crash or a full disk never leaves
 * half a file under the final name.
 *
 * <p>The content is written to {@code F.tmp} in the target's directory (the same file system, so the rename is
 * atomic; a leftover of a crash is replaced by the next write), forced to disk, renamed over {@code F} with
 * {@code ATOMIC_MOVE}, and then the directory is forced so that the rename itself survives a power cut. On any
 * failure the temporary file is deleted, the target is left as it was, and the IOException names the final file
 * and the reason (disk full, permission denied, ...): {@code "runs/w.json: cannot write the file (writing its
 * temporary w.json.tmp): No space left on device"}.
 *
 * <p>Forms: {@link #write} for content produced on a stream, {@link #writeString} for text, {@link #writeFile} for
 * libraries that insist on writing a file by name (jHDF), and {@link #install(Path, Path)} to publish a file a
 * caller has already written under {@link #temporaryFor}.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** An action on a stream or a file that may fail with an IOException. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }

    /** The temporary name a file is written under before it is installed: {@code F.tmp} beside {@code F}. */
    public static Path temporaryFor(Path target) {
        return target.resolveSibling(target.getFileName() + ".tmp");
    }

    /** Writes {@code target} (replacing it) with what {@code writer} puts on the stream; the stream is buffered. */
    public static void write(Path target, IoConsumer<? super OutputStream> writer) throws IOException {
        writeFile(target, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                writer.accept(out);
            }
        });
    }

    /** Writes {@code text} to {@code target} in UTF-8, replacing it. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes {@code target} (replacing it) through a library that writes a file by name: {@code writer} gets the
     * temporary path and must create the file there. A stale temporary file of an earlier crash is removed first,
     * so a writer that does not truncate (jHDF) cannot keep its tail.
     */
    public static void writeFile(Path target, IoConsumer<Path> writer) throws IOException {
        writeFile(temporaryFor(target), target, OverwritePolicy.REPLACE, writer);
    }

    /** Publishes {@code temp}, already written (in the target's directory), as {@code target}, replacing it. */
    public static void install(Path temp, Path target) throws IOException {
        install(temp, target, OverwritePolicy.REPLACE);
    }

    /**
     * The core of every form: write {@code temp}, then install it; on failure {@code temp} is gone and the target
     * untouched.
     *
     * @throws FileAlreadyExistsException if the target exists and the policy refuses to replace it
     */
    static void writeFile(Path temp, Path target, OverwritePolicy policy, IoConsumer<Path> writer)
            throws IOException {
        try {
            if (Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(temp);
            }
            writer.accept(temp);
        } catch (IOException | UncheckedIOException | HdfException e) {
            deleteQuietly(temp, e);
            throw failure(target, "writing its temporary " + temp.getFileName(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
        install(temp, target, policy);
    }

    /**
     * Forces {@code temp} to disk and moves it to {@code target}, then forces the directory. On failure {@code temp}
     * is deleted and the target untouched.
     *
     * @throws FileAlreadyExistsException if the target exists and the policy refuses to replace it
     */
    static void install(Path temp, Path target, OverwritePolicy policy) throws IOException {
        try {
            syncFile(temp);
            if (policy == OverwritePolicy.REPLACE) {
                replace(temp, target);
            } else {
                publishWithoutReplacing(temp, target);
            }
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw failure(target, "installing its temporary " + temp.getFileName(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    private static void replace(Path temp, Path target) throws IOException {
        try {
            // rename(2) replaces the target atomically.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // File systems without an atomic rename: the best they offer.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void publishWithoutReplacing(Path temp, Path target) throws IOException {
        try {
            // link(2) fails if the target exists: no window between "does it exist?" and "publish".
            Files.createLink(target, temp);
            Files.delete(temp);
        } catch (FileAlreadyExistsException e) {
            throw refused(target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            // File systems without hard links: check, then rename (a small race, documented).
            if (Files.exists(target)) {
                throw refused(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * The failure as the person sees it: the final file and the reason. A refusal to overwrite, and a message that
     * already starts with the final file (a writer that says what kind of file it is), pass as they are.
     */
    private static IOException failure(Path target, String stage, Exception e) {
        if (e instanceof FileAlreadyExistsException f) {
            return f;
        }
        if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(target + ": ")) {
            return io;
        }
        return new IOException(target + ": cannot write the file (" + stage + "): " + WriteFailure.reason(e), e);
    }

    private static void deleteQuietly(Path temp, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Only when the temporary name itself is unusable, which the failure already says.
            failure.addSuppressed(e);
        }
    }

    static FileAlreadyExistsException refused(Path target) {
        return new FileAlreadyExistsException(target.toString(), null,
                "exists; refusing to overwrite it (OverwritePolicy.REPLACE / --overwrite replaces it"
                        + " atomically once the new file is complete)");
    }

    static void syncFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /**
     * Makes a rename or a new file durable; a no-op where directories cannot be opened or forced (Windows, some
     * network and FUSE file systems), where the rename is still atomic.
     */
    public static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform or file system; the data files themselves are forced.
        }
    }
}
