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

/** Reads the longest valid prefix of a run journal: records up to the first torn or corrupt one. */
final class JournalReader {

    /**
     * What a journal holds.
     *
     * @param entries      the records of the valid prefix, in order
     * @param validBytes   length of the valid prefix
     * @param fileBytes    length of the file
     * @param stopReason   why reading stopped before the end of the file, or null if it did not
     */
    record Contents(List<JournalEntry> entries, long validBytes, long fileBytes, String stopReason) {
        long droppedBytes() {
            return fileBytes - validBytes;
        }
    }

    private JournalReader() {
    }

    /** True when the file starts with the journal magic (used to give a better error for a journal given as HDF5). */
    static boolean looksLikeJournal(Path path) {
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
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            FileLock lock;
            try {
                lock = ch.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new InvalidMeasurementFileException(path, null,
                        "the journal is locked: the run that writes it is still in progress");
            }
            try {
                return readLocked(path, ch);
            } finally {
                lock.release();
            }
        }
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
        List<JournalEntry> entries = new ArrayList<>();
        long pos = JournalCodec.FILE_HEADER_BYTES;
        String stop = null;
        ByteBuffer recordHeader = ByteBuffer.allocate(JournalCodec.RECORD_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (pos < fileBytes) {
            recordHeader.clear();
            if (!readFully(ch, recordHeader, pos)) {
                stop = "torn record header at byte " + pos;
                break;
            }
            int length = recordHeader.getInt();
            int crc = recordHeader.getInt();
            if (length <= 0 || length > JournalCodec.MAX_BODY_BYTES) {
                stop = "corrupt record length " + length + " at byte " + pos;
                break;
            }
            if (pos + JournalCodec.RECORD_HEADER_BYTES + length > fileBytes) {
                stop = "torn record at byte " + pos + " (" + length + "-byte body, "
                        + (fileBytes - pos - JournalCodec.RECORD_HEADER_BYTES) + " bytes present)";
                break;
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(ch, body, pos + JournalCodec.RECORD_HEADER_BYTES);
            if (JournalCodec.crc(body) != crc) {
                stop = "CRC mismatch in the record at byte " + pos;
                break;
            }
            try {
                entries.add(JournalCodec.decode(body));
            } catch (IllegalArgumentException e) {
                stop = "undecodable record at byte " + pos + ": " + e.getMessage();
                break;
            }
            pos += JournalCodec.RECORD_HEADER_BYTES + length;
        }
        return new Contents(List.copyOf(entries), pos, fileBytes, stop);
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
