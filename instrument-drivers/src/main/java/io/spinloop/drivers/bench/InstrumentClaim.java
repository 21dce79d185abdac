package io.spinloop.drivers.bench;

import io.spinloop.drivers.InstrumentException;
import io.spinloop.drivers.transport.ResourceString;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One run's exclusive claim on one instrument, across every process on this PC: two programs ramping one
 * SourceMeter each keep their own ramp limits, and the instrument sees the sum of both (jumps of several steps).
 *
 * <p>A claim is an OS file lock ({@link FileChannel#tryLock}) on a small file in the claims directory, named
 * after the instrument's address with the host resolved ({@code tcp://localhost:5025} and
 * {@code tcp://127.0.0.1:5025} are one claim; a serial port's symbolic links lead to one claim). The OS releases
 * the lock when the holder exits in any way, {@code kill -9} included, so a claim is never left stale. The
 * holder writes its process id, command and start time into the file, and a refused claim names them:
 * {@code instrument 'smu-a' (tcp://127.0.0.1:5025) is in use by pid 1234 (spinloop measure sweep ...) since
 * 2026-12-06T20:01:02Z}. Within one process a second claim on a claimed instrument is refused the same way.
 *
 * <p>The claims directory is {@code <java.io.tmpdir>/spinloop-claims}, or the system property
 * {@value #DIRECTORY_PROPERTY}, or the environment variable {@value #DIRECTORY_ENV} (the property wins).
 * A claim's file is deleted when the claim is released (a run killed with {@code kill -9} leaves its file, with
 * its lock gone, for the next claimant to take over); {@code claims.guard} orders these file operations.
 *
 * <p>This covers programs on this PC. Instruments reached over VXI-11 or HiSLIP also have a lock of their own
 * (VXI-11 {@code device_lock}, HiSLIP {@code AsyncLock}) that keeps out programs on other PCs: when those
 * transports are added, take that lock as well, right after connecting (see {@link Instruments}).
 */
public final class InstrumentClaim implements Closeable {
    /** System property naming the claims directory. */
    public static final String DIRECTORY_PROPERTY = "spinloop.claims.dir";
    /** Environment variable naming the claims directory (the system property wins). */
    public static final String DIRECTORY_ENV = "SPINLOOP_CLAIMS_DIR";
    /**
     * The locked byte lies far past the holder's text: where locks are mandatory (Windows) a locked region
     * cannot be read, and a refused process must read who holds the claim.
     */
    private static final long LOCK_POSITION = 1L << 30;
    private static final int MAX_COMMAND_CHARS = 300;
    /**
     * Held for the few file operations that create, lock or delete a claim file, so that a file is never deleted
     * between another process's opening and locking it. Never deleted itself.
     */
    private static final String GUARD_FILE = "claims.guard";
    /** Claims held by this process, by key: the OS lock cannot tell two claims of one process apart. */
    private static final Map<String, InstrumentClaim> HELD_HERE = new HashMap<>();
    private static volatile String holderCommand;

    private final String key;
    private final String name;
    private final String resource;
    private final Path file;
    private final Instant since;
    private FileChannel channel;
    private FileLock lock;

    private InstrumentClaim(String key, String name, String resource, Path file, Instant since) {
        this.key = key;
        this.name = name;
        this.resource = resource;
        this.file = file;
        this.since = since;
    }

    /**
     * Says how this process is named to a refused claimant, e.g. {@code spinloop measure sweep --device stno-a};
     * by default the Java command line (main class and arguments).
     */
    public static void describeHolderAs(String command) {
        holderCommand = command;
    }

    /** The directory the claims live in (see the class comment); not created by this call. */
    public static Path directory() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(DIRECTORY_ENV);
        }
        if (dir == null || dir.isBlank()) {
            return Path.of(System.getProperty("java.io.tmpdir"), "spinloop-claims");
        }
        return Path.of(dir);
    }

    /**
     * Claims the instrument at {@code resource} for this process until {@link #close()}.
     *
     * @param name the instrument's configured name, named in messages
     * @throws IllegalArgumentException  for a malformed resource string
     * @throws InstrumentInUseException  if another process (or another open instrument here) holds the claim
     * @throws InstrumentException       if the claim file cannot be created or locked
     */
    public static InstrumentClaim acquire(String name, String resource) {
        return acquire(name, resource, 1);
    }

    /**
     * Claims channel {@code channel} of an instrument with several (a B2902A's two sources): channels are claimed
     * apart, so two runs may each drive one. Channel 1 is the claim of the instrument itself.
     */
    public static InstrumentClaim acquire(String name, String resource, int channel) {
        ResourceString parsed = ResourceString.parse(resource);
        String key = keyOf(parsed) + (channel == 1 ? "" : "#channel" + channel);
        String label = "instrument '" + name + "' (" + parsed.text() + (channel == 1 ? "" : ", channel " + channel)
                + ")";
        synchronized (HELD_HERE) {
            InstrumentClaim mine = HELD_HERE.get(key);
            if (mine != null) {
                throw new InstrumentInUseException(label + " is in use by this process (pid "
                        + ProcessHandle.current().pid() + ", " + thisCommand() + ") since " + mine.since
                        + ", opened as '" + mine.name + "' (" + mine.resource + "); close it before opening it again");
            }
            Path dir = directory();
            Path file = dir.resolve(fileName(key));
            InstrumentClaim claim = new InstrumentClaim(key, name, parsed.text(), file,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS));
            try {
                createDirectory(dir);
                try (FileChannel guard = openShared(dir.resolve(GUARD_FILE)); FileLock g = guard.lock()) {
                    claim.lockFile(label);
                }
            } catch (IOException e) {
                throw new InstrumentException("cannot claim " + label + ": " + file + ": " + describe(e)
                        + " (set -D" + DIRECTORY_PROPERTY + "=DIR or " + DIRECTORY_ENV + " to a writable directory)", e);
            }
            HELD_HERE.put(key, claim);
            return claim;
        }
    }

    private static void createDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            // Every user of this PC claims in the same place, or two users could drive one instrument.
            shareWithEveryone(dir, "rwxrwxrwx");
        }
    }

    /** Opens (creating it, writable by every user) a file of the claims directory. */
    private static FileChannel openShared(Path file) throws IOException {
        boolean created = !Files.exists(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (created) {
            shareWithEveryone(file, "rw-rw-rw-");
        }
        return ch;
    }

    /**
     * Locks the claim file and writes the holder's text into it, holding the directory's guard: claim files are
     * deleted on release under the same guard, so the file we open here is the one at the path until we have
     * locked it (or been refused and read who holds it).
     *
     * <p>Never open a second channel on a claim file this process holds: on POSIX systems closing any descriptor
     * of a file drops every lock the process has on it.
     */
    private void lockFile(String label) throws IOException {
        FileChannel ch = openShared(file);
        try {
            FileLock l;
            try {
                l = ch.tryLock(LOCK_POSITION, 1, false);
            } catch (OverlappingFileLockException e) {
                l = null; // held by this JVM through a channel we do not know of: as good as another holder
            }
            if (l == null) {
                throw new InstrumentInUseException(label + " is in use by " + describeHolder(ch));
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(holderText().getBytes(StandardCharsets.UTF_8)), 0);
            channel = ch;
            lock = l;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static void shareWithEveryone(Path p, String permissions) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not POSIX, or not ours to change: claims still work for this user.
        }
    }

    private String holderText() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pid", Long.toString(ProcessHandle.current().pid()));
        m.put("command", thisCommand());
        m.put("since", since.toString());
        m.put("instrument", name);
        m.put("resource", resource);
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(v.replace('\n', ' ').replace('\r', ' ')).append('\n'));
        return sb.toString();
    }

    private static String thisCommand() {
        String c = holderCommand;
        if (c == null || c.isBlank()) {
            c = System.getProperty("sun.java.command"); // main class and arguments, without the class path
        }
        if (c == null || c.isBlank()) {
            c = ProcessHandle.current().info().commandLine().orElse("a Java program");
        }
        c = c.strip();
        return c.length() > MAX_COMMAND_CHARS ? c.substring(0, MAX_COMMAND_CHARS) + "..." : c;
    }

    /** Who holds the lock, from the text it wrote (under the guard, so it is there). */
    private static String describeHolder(FileChannel ch) throws IOException {
        Map<String, String> h = parse(readAll(ch));
        if (!h.containsKey("pid")) {
            return "another process (its claim file names no holder)";
        }
        StringBuilder sb = new StringBuilder("pid ").append(h.get("pid"));
        if (h.containsKey("command")) {
            sb.append(" (").append(h.get("command")).append(')');
        }
        if (h.containsKey("since")) {
            sb.append(" since ").append(h.get("since"));
        }
        return sb.toString();
    }

    private static String readAll(FileChannel ch) throws IOException {
        long size = Math.min(ch.size(), 64 * 1024);
        ByteBuffer b = ByteBuffer.allocate((int) size);
        long pos = 0;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> m = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return m;
    }

    /**
     * What identifies the instrument, whatever the spelling of its address: a TCP host is resolved (every
     * loopback address is one, since a server on the loopback answers them all), a serial port's path is
     * followed through symbolic links. The terminator and line settings are not part of it.
     */
    static String keyOf(ResourceString r) {
        if (r instanceof ResourceString.Tcp tcp) {
            return "tcp://" + canonicalHost(tcp.host()) + ":" + tcp.port();
        }
        if (r instanceof ResourceString.Gpib gpib && !(gpib.controller() instanceof ResourceString.Tcp)) {
            // Behind a Prologix GPIB-USB: the serial port's key, then the bus address.
            return "gpib:" + keyOf(gpib.controller()) + "/"
                    + gpib.address().primary() + (gpib.address().secondary() < 0 ? "" : "." + gpib.address().secondary());
        }
        if (r instanceof ResourceString.Gpib gpib && gpib.controller() instanceof ResourceString.Tcp controller) {
            // One instrument per bus address behind one controller, however the controller is spelled.
            return "gpib://" + canonicalHost(controller.host()) + ":" + controller.port() + "/"
                    + gpib.address().primary() + (gpib.address().secondary() < 0 ? "" : "." + gpib.address().secondary());
        }
        if (r instanceof ResourceString.Usbtmc usbtmc) {
            // By USB ids when so named (the device file number changes with the plugging order), else the file.
            return usbtmc.id() != null ? "usb://" + usbtmc.id().text().toLowerCase(Locale.ROOT)
                    : "usbtmc://" + realPath(usbtmc.devicePath());
        }
        if (r instanceof ResourceString.Vxi11 vxi11) { // one instrument per device name on a host
            return "vxi11://" + canonicalHost(vxi11.address().host()) + "/"
                    + vxi11.address().device().toLowerCase(Locale.ROOT);
        }
        if (r instanceof ResourceString.Hislip hislip) { // one instrument per sub-address on a host's port
            return "hislip://" + canonicalHost(hislip.address().host()) + ":" + hislip.address().port() + "/"
                    + hislip.address().device().toLowerCase(Locale.ROOT);
        }
        ResourceString.Serial s = (ResourceString.Serial) r;
        String path = s.path();
        try {
            path = Path.of(path).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            // No such port (yet): opening it will say so; claim the path as written.
        }
        return "serial://" + path;
    }

    private static String realPath(String path) {
        try {
            return Path.of(path).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return path; // no such file (yet): opening it will say so
        }
    }

    private static String canonicalHost(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            if (Arrays.stream(all).anyMatch(InetAddress::isLoopbackAddress)) {
                return "loopback";
            }
            return Arrays.stream(all).map(InetAddress::getHostAddress).sorted().findFirst()
                    .orElse(host.toLowerCase(Locale.ROOT));
        } catch (UnknownHostException | SecurityException e) {
            // Connecting will fail and say why; claim the name as written.
            return host.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code tcp://loopback:5025} becomes {@code tcp-loopback-5025.lock}. Two keys that differ only in
     * punctuation share a file: that over-claims, which is safe.
     */
    static String fileName(String key) {
        String s = key.replace("://", "-").replaceAll("[^A-Za-z0-9._]+", "-").replaceAll("^-+|-+$", "");
        return s + ".lock";
    }

    /** Where this claim's lock lives (for messages and tests). */
    public Path file() {
        return file;
    }

    /** Releases the claim; never throws. Safe to call twice. */
    @Override
    public void close() {
        synchronized (HELD_HERE) {
            if (lock == null) {
                return;
            }
            deleteFile();
            try {
                lock.release();
            } catch (IOException ignored) {
                // Closing the channel releases it too.
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
            lock = null;
            channel = null;
            HELD_HERE.remove(key, this);
        }
    }

    /**
     * Deletes the claim file while still holding its lock, under the directory's guard (see {@link #lockFile}),
     * so claims leave no files behind. Where that fails the file stays, emptied, for the next claimant.
     */
    private void deleteFile() {
        try (FileChannel guard = openShared(file.resolveSibling(GUARD_FILE)); FileLock g = guard.lock()) {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            try {
                channel.truncate(0); // an open file cannot be deleted on Windows
            } catch (IOException ignored) {
                // The lock is what counts; stale text is only read by a refused claimant.
            }
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }

    @Override
    public String toString() {
        return "claim on " + resource + " (" + file + ")";
    }
}
