package io.spinloop.measurements;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is writing a journal. A live {@link JournalWriter} holds an exclusive lock on it (released by the kernel
 * however the process dies), so a locked journal belongs to a run in progress, an unlocked one to an
 * interrupted run. The holder is named from what can be found: the process id from {@code /proc/locks} (Linux),
 * the command and start time from the journal's first record.
 */
final class JournalHolder {
    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private JournalHolder() {
    }

    /** True when a live run holds the journal's lock (this process or another). */
    static boolean isLocked(Path journal) {
        if (JournalWriter.writingHere(journal) != null) {
            return true; // opening it here would drop our own lock (POSIX locks are per process)
        }
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.READ)) {
            FileLock lock;
            try {
                lock = ch.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                return true; // held in this JVM
            }
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Who holds the journal, in words: "process 4711, `spinloop measure ...`, since 2026-...", as far as known. */
    static String describe(Path journal) {
        StringBuilder b = new StringBuilder();
        JournalEntry.RunStarted here = JournalWriter.writingHere(journal);
        if (here != null) {
            b.append("this process");
            appendRun(b, here);
            return b.toString();
        }
        Optional<Long> pid = lockingPid(journal);
        if (pid.isPresent()) {
            b.append(pid.get() == ProcessHandle.current().pid() ? "this process" : "process " + pid.get());
        } else {
            b.append("another process");
        }
        JournalEntry first = JournalReader.firstRecord(journal);
        if (first instanceof JournalEntry.RunStarted start) {
            appendRun(b, start);
        } else if (pid.isPresent()) {
            ProcessHandle.of(pid.get()).flatMap(h -> h.info().commandLine()).ifPresent(c -> appendCommand(b, c));
        }
        return b.toString();
    }

    private static void appendRun(StringBuilder b, JournalEntry.RunStarted start) {
        String command = start.provenance().metadata().get("command");
        if (command != null) {
            appendCommand(b, command);
        }
        b.append(", since ").append(start.createdUtc());
    }

    private static void appendCommand(StringBuilder b, String command) {
        b.append(", `").append(command.length() > 200 ? command.substring(0, 200) + "…" : command).append('`');
    }

    /** The process holding a POSIX lock on the file, from /proc/locks; empty where that is not available. */
    static Optional<Long> lockingPid(Path file) {
        try {
            if (!Files.isReadable(PROC_LOCKS)) {
                return Optional.empty();
            }
            long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            long dev = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
            long major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >> 12) & ~0xffL);
            String device = String.format(Locale.ROOT, "%02x:%02x:", major, minor);
            List<String> lines = Files.readAllLines(PROC_LOCKS);
            for (String line : lines) {
                // "1: POSIX  ADVISORY  WRITE 4711 fd:01:1234567 0 EOF"; waiting requests have "->" and are skipped.
                String[] f = line.trim().split("\\s+");
                if (f.length < 6 || line.contains("->")) {
                    continue;
                }
                String id = f[5];
                int last = id.lastIndexOf(':');
                if (last < 0 || !id.substring(last + 1).equals(Long.toString(inode))) {
                    continue;
                }
                if (!id.substring(0, last + 1).equalsIgnoreCase(device)) {
                    continue;
                }
                long pid = Long.parseLong(f[4]);
                if (pid > 0) {
                    return Optional.of(pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, no unix attribute view, or an unexpected format: the holder stays unnamed.
        }
        return Optional.empty();
    }
}
