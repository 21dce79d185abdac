package io.spinloop.measurements;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why writing a file failed, in words. jHDF reports "Failed to open file: X" or "Failed to close file" and
 * keeps the reason (disk full, permission denied, ...) in its cause, and Java's file-system exceptions carry
 * only the path as their message: this walks the chain of causes and says what really went wrong.
 */
public final class WriteFailure {
    private WriteFailure() {
    }

    /** The underlying reason of {@code e}: "No space left on device", "permission denied", ... */
    public static String reason(Throwable e) {
        String best = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String r = describe(t);
            if (r != null) {
                best = r; // the deepest cause that says something wins: it is closest to the system call
            }
        }
        return best != null ? best : e.getClass().getSimpleName();
    }

    private static String describe(Throwable t) {
        if (t instanceof AccessDeniedException a) {
            return "permission denied" + on(a);
        }
        if (t instanceof NoSuchFileException n) {
            return "no such file or directory" + on(n);
        }
        if (t instanceof DirectoryNotEmptyException d) {
            return "a directory is in the way" + on(d);
        }
        if (t instanceof NotDirectoryException d) {
            return "not a directory" + on(d);
        }
        if (t instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() + on(f) : null;
        }
        String m = t.getMessage();
        if (m == null || m.isBlank() || m.startsWith("Failed to open file") || m.startsWith("Failed to close file")) {
            return null;
        }
        return m;
    }

    private static String on(FileSystemException f) {
        return f.getFile() != null ? " (" + f.getFile() + ")" : "";
    }
}
