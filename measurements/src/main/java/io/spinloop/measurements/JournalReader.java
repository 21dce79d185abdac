package io.spinloop.measurements;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads every intact record of a run journal, also those after a damaged stretch.
 *
 * <p>A record is {@code [int32 length][int32 crc32][body]} and its body starts with a type byte. When a record
 * does not check (a length that cannot be, a CRC mismatch, a body that does not decode), the reader
 * resynchronises: it scans forward byte by byte for the next offset where a plausible length, a known type byte
 * and a matching CRC32 meet, and goes on from there. A false match needs a random 32-bit CRC to agree (about
 * 2^-32 per candidate that passes the length and type tests), so a resynchronised record is a real one.
 *
 * <p>What could not be read is classified: an incomplete last record (its header or its body runs past the end
 * of the file, or the tail is only zeros, as a power cut leaves it) is a <em>torn tail</em>, the normal trace of
 * a killed run; any other unreadable stretch, followed by intact records or not, is <em>damage</em>.
 */
final class JournalReader {

    /**
     * A stretch of the journal that holds no intact record.
     *
     * @param offset          first byte of the stretch
     * @param length          bytes in it
     * @param entriesBefore   intact records before it (the index in {@link Contents#entries()} of the next one)
     * @param reason          why the record at {@code offset} did not check
     * @param prevRecordBytes size of the intact record before the stretch (header included), 0 if none
     * @param nextRecordBytes size of the intact record after it, 0 if none
     */
    record Gap(long offset, long length, int entriesBefore, String reason, long prevRecordBytes,
               long nextRecordBytes) {
        long end() {
            return offset + length;
        }
    }

    /**
     * What a journal holds.
     *
     * @param entries   every intact record, in order
     * @param fileBytes length of the file
     * @param gaps      damaged stretches (in the middle or at the end), in order; empty when there are none
     * @param tornTail  the incomplete last record a killed run leaves, or null
     */
    record Contents(List<JournalEntry> entries, long fileBytes, List<Gap> gaps, Gap tornTail) {
        long droppedBytes() {
            long n = tornTail == null ? 0 : tornTail.length();
            for (Gap g : gaps) {
                n += g.length();
            }
            return n;
        }

        /** True when something other than a torn last record was lost: the journal must then be kept. */
        boolean damaged() {
            return !gaps.isEmpty();
        }

        /** Why records were dropped, in one phrase, or null if nothing was. */
        String stopReason() {
            if (gaps.isEmpty()) {
                return tornTail == null ? null : tornTail.reason();
            }
            Gap first = gaps.get(0);
            return first.reason() + (gaps.size() > 1 ? " (and " + (gaps.size() - 1) + " more damaged stretch"
                    + (gaps.size() > 2 ? "es" : "") + ")" : "");
        }
    }

    private JournalReader() {
    }

    /** True when the file starts with the journal magic (used to give a better error for a journal given as HDF5). */
    static boolean looksLikeJournal(Path path) {
        if (JournalWriter.writingHere(path) != null) {
            return true; // and opening it here would drop the writer's lock
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(JournalCodec.MAGIC.length);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // keep reading until the magic is in or the file ends
            }
            return !b.hasRemaining() && Arrays.equals(b.array(), JournalCodec.MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads a journal that no live recorder is writing.
     *
     * @throws InvalidMeasurementFileException if the file is not a journal, or a recorder still holds it
     */
    static Contents read(Path path) throws IOException {
        if (JournalWriter.writingHere(path) != null) {
            // Not even opened: closing a channel of it would drop the writer's lock (POSIX locks are per process).
            throw locked(path);
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            FileLock lock;
            try {
                lock = ch.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw locked(path);
            }
            try {
                return readLocked(path, ch);
            } finally {
                lock.release();
            }
        }
    }

    private static InvalidMeasurementFileException locked(Path path) {
        return new InvalidMeasurementFileException(path, null, "the journal is locked: a run is still in progress"
                + " writing it (" + JournalHolder.describe(path) + "); wait for it to end");
    }

    /** The first record, read without taking the lock (for saying which run holds a live journal), or null. */
    static JournalEntry firstRecord(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (!checkHeader(ch)) {
                return null;
            }
            Attempt a = new Reader(ch, ch.size()).attempt(JournalCodec.FILE_HEADER_BYTES);
            return a.entry;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean checkHeader(FileChannel ch) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(JournalCodec.FILE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        if (!readFully(ch, header, 0)) {
            return false;
        }
        byte[] magic = new byte[JournalCodec.MAGIC.length];
        header.get(magic);
        return Arrays.equals(magic, JournalCodec.MAGIC) && header.getInt() == JournalCodec.VERSION;
    }

    private static Contents readLocked(Path path, FileChannel ch) throws IOException {
        long fileBytes = ch.size();
        ByteBuffer header = ByteBuffer.allocate(JournalCodec.FILE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        if (!readFully(ch, header, 0)) {
            throw new InvalidMeasurementFileException(path, null, "too short to be a spinloop journal ("
                    + fileBytes + " bytes)");
        }
        byte[] magic = new byte[JournalCodec.MAGIC.length];
        header.get(magic);
        if (!Arrays.equals(magic, JournalCodec.MAGIC)) {
            throw new InvalidMeasurementFileException(path, null, "not a spinloop journal (wrong magic bytes)");
        }
        int version = header.getInt();
        if (version != JournalCodec.VERSION) {
            throw new InvalidMeasurementFileException(path, null, "journal format version " + version
                    + " is not supported by this spinloop (it reads version " + JournalCodec.VERSION + ")");
        }
        Reader reader = new Reader(ch, fileBytes);
        List<JournalEntry> entries = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        Gap torn = null;
        long pos = JournalCodec.FILE_HEADER_BYTES;
        long lastRecordBytes = 0;
        while (pos < fileBytes) {
            Attempt a = reader.attempt(pos);
            if (a.entry != null) {
                entries.add(a.entry);
                lastRecordBytes = a.next - pos;
                pos = a.next;
                continue;
            }
            Attempt found = reader.resync(pos + 1);
            if (found != null) {
                long at = found.next - found.recordBytes;
                gaps.add(new Gap(pos, at - pos, entries.size(), a.failure, lastRecordBytes, found.recordBytes));
                pos = at;
                continue;
            }
            Gap rest = new Gap(pos, fileBytes - pos, entries.size(), a.failure, lastRecordBytes, 0);
            if (a.incomplete || reader.onlyZerosFrom(pos)) {
                torn = rest;
            } else {
                gaps.add(rest);
            }
            break;
        }
        return new Contents(List.copyOf(entries), fileBytes, List.copyOf(gaps), torn);
    }

    /** The outcome of reading one record at an offset: the entry, or why there is none there. */
    private static final class Attempt {
        final JournalEntry entry;
        final long next;
        final long recordBytes;
        final String failure;
        /** The record runs past the end of the file: what a write cut short by the death of the writer leaves. */
        final boolean incomplete;

        private Attempt(JournalEntry entry, long next, long recordBytes, String failure, boolean incomplete) {
            this.entry = entry;
            this.next = next;
            this.recordBytes = recordBytes;
            this.failure = failure;
            this.incomplete = incomplete;
        }

        static Attempt ok(JournalEntry e, long pos, long next) {
            return new Attempt(e, next, next - pos, null, false);
        }

        static Attempt failed(String why, boolean incomplete) {
            return new Attempt(null, -1, 0, why, incomplete);
        }
    }

    /** Reads records and scans for them, through a window of the file so that scanning costs no system call per byte. */
    private static final class Reader {
        private static final int WINDOW = 1 << 20;
        private static final int CRC_CHUNK = 1 << 16;
        private final FileChannel ch;
        private final long fileBytes;
        private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
        private long windowStart = -1;
        private int windowLength;
        private final ByteBuffer crcBuffer = ByteBuffer.allocate(CRC_CHUNK);

        Reader(FileChannel ch, long fileBytes) {
            this.ch = ch;
            this.fileBytes = fileBytes;
        }

        /** Reads the record at {@code pos} completely, checking its length, CRC and body. */
        Attempt attempt(long pos) throws IOException {
            if (fileBytes - pos < JournalCodec.RECORD_HEADER_BYTES) {
                return Attempt.failed("torn record header at byte " + pos, true);
            }
            int length = intAt(pos);
            int crc = intAt(pos + 4);
            if (length <= 0 || length > JournalCodec.MAX_BODY_BYTES) {
                return Attempt.failed("corrupt record length " + length + " at byte " + pos, false);
            }
            long bodyAt = pos + JournalCodec.RECORD_HEADER_BYTES;
            if (bodyAt + length > fileBytes) {
                return Attempt.failed("torn record at byte " + pos + " (" + length + "-byte body, "
                        + (fileBytes - bodyAt) + " bytes present)", true);
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(ch, body, bodyAt);
            if (JournalCodec.crc(body) != crc) {
                return Attempt.failed("CRC mismatch in the record at byte " + pos, false);
            }
            try {
                return Attempt.ok(JournalCodec.decode(body), pos, bodyAt + length);
            } catch (IllegalArgumentException e) {
                return Attempt.failed("undecodable record at byte " + pos + ": " + e.getMessage(), false);
            }
        }

        /**
         * The first intact record at or after {@code from}, or null. Candidates are filtered cheaply (plausible
         * length, known type byte) before their CRC is computed, in chunks, without allocating the body.
         */
        Attempt resync(long from) throws IOException {
            for (long q = from; q + JournalCodec.RECORD_HEADER_BYTES < fileBytes; q++) {
                int length = intAt(q);
                long bodyAt = q + JournalCodec.RECORD_HEADER_BYTES;
                if (length <= 0 || length > JournalCodec.MAX_BODY_BYTES || bodyAt + length > fileBytes
                        || !JournalCodec.isRecordType(byteAt(bodyAt))) {
                    continue;
                }
                if (crcOf(bodyAt, length) != intAt(q + 4)) {
                    continue;
                }
                Attempt a = attempt(q);
                if (a.entry != null) {
                    return a;
                }
            }
            return null;
        }

        boolean onlyZerosFrom(long pos) throws IOException {
            for (long p = pos; p < fileBytes; p++) {
                if (byteAt(p) != 0) {
                    return false;
                }
            }
            return true;
        }

        private int crcOf(long from, int length) throws IOException {
            CRC32 crc = new CRC32();
            long p = from;
            long end = from + length;
            while (p < end) {
                crcBuffer.clear().limit((int) Math.min(CRC_CHUNK, end - p));
                if (!readFully(ch, crcBuffer, p)) {
                    break;
                }
                crc.update(crcBuffer);
                p += crcBuffer.limit();
            }
            return (int) crc.getValue();
        }

        private byte byteAt(long p) throws IOException {
            ensure(p, 1);
            return window.get((int) (p - windowStart));
        }

        private int intAt(long p) throws IOException {
            ensure(p, 4);
            return window.getInt((int) (p - windowStart));
        }

        /** Makes the window cover [p, p + n); the caller has checked that those bytes are in the file. */
        private void ensure(long p, int n) throws IOException {
            if (windowStart >= 0 && p >= windowStart && p + n <= windowStart + windowLength) {
                return;
            }
            window.clear();
            window.limit((int) Math.min(WINDOW, fileBytes - p));
            readFully(ch, window, p);
            windowStart = p;
            windowLength = window.limit();
        }
    }

    /** Fills {@code buf} from {@code position}; false if the file ends first. Leaves buf flipped for reading. */
    private static boolean readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                buf.flip();
                return false;
            }
            p += n;
        }
        buf.flip();
        return true;
    }

}
