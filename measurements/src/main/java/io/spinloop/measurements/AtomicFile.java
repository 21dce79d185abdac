package io.spinloop.measurements;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Publishes a finished temporary file under its final name so that readers see either nothing, the old
 * file, or the complete new one, never a partial file; and so that a refused overwrite cannot race.
 */
final class AtomicFile {
    private AtomicFile() {
    }

    /** The temporary name a file is written under before it is published. */
    static Path temporaryFor(Path target) {
        return target.resolveSibling(target.getFileName() + ".tmp");
    }

    /**
     * Flushes {@code tmp} to disk and moves it to {@code target}.
     *
     * @throws FileAlreadyExistsException if the target exists and the policy refuses to replace it
     *                                    ({@code tmp} is deleted, the target untouched)
     */
    static void install(Path tmp, Path target, OverwritePolicy policy) throws IOException {
        syncFile(tmp);
        if (policy == OverwritePolicy.REPLACE) {
            // rename(2) replaces the target atomically.
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } else {
            publishWithoutReplacing(tmp, target);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    private static void publishWithoutReplacing(Path tmp, Path target) throws IOException {
        try {
            // link(2) fails if the target exists: no window between "does it exist?" and "publish".
            Files.createLink(target, tmp);
            Files.delete(tmp);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
            throw refused(target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            // File systems without hard links: check, then rename (a small race, documented).
            if (Files.exists(target)) {
                Files.deleteIfExists(tmp);
                throw refused(target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
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

    /** Makes a rename or a new file durable; a no-op where directories cannot be opened (Windows). */
    static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform or file system; the data files themselves are flushed.
        }
    }
}
