package io.spinloop.measurements;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * Checks that an HDF5 file is as long as its superblock says and that the data of a dataset lies inside it.
 *
 * <p>jHDF reads a cut file without complaint: it maps what is there and reads zeros for the rest, so a file cut in
 * half reads as valid data (zeros in the second half). The HDF5 library refuses such a file ("truncated file")
 * by comparing the end-of-file address stored in the superblock with the real size; this does the same, and
 * also checks each dataset's data against the real size, for a damaged address or a superblock that lies.
 */
final class Hdf5Extent {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** Deflate cannot expand data more than about 1032 times; beyond that a chunk's size fields are damaged. */
    private static final long MAX_INFLATION = 1100;

    /** Where the file starts for HDF5 (the base address, after a user block) and where it must end. */
    record Superblock(int version, long baseAddress, long endOfFileAddress) {
        long requiredLength() {
            return baseAddress + endOfFileAddress;
        }
    }

    private final Path file;
    private final long fileBytes;
    private final long base;

    private Hdf5Extent(Path file, long fileBytes, long base) {
        this.file = file;
        this.fileBytes = fileBytes;
        this.base = base;
    }

    /**
     * Reads the superblock and refuses a file shorter than its stored end-of-file address.
     *
     * @throws InvalidMeasurementFileException if there is no HDF5 signature, the superblock is unreadable, or the
     *         file was cut
     */
    static Hdf5Extent check(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Superblock sb = superblock(file, ch, size);
            if (size < sb.requiredLength()) {
                // A file cut to a sixteenth is rare; an end-of-file address that far off is more likely damaged.
                String why = sb.requiredLength() / 16 > size ? "the file was cut, or its superblock is damaged"
                        : "the file was cut";
                throw new InvalidMeasurementFileException(file, null, "truncated: " + bytes(size) + " of "
                        + bytes(sb.requiredLength()) + " bytes (" + why + "; it cannot be read)");
            }
            return new Hdf5Extent(file, size, sb.baseAddress());
        }
    }

    /** The superblock at 0, 512, 1024, 2048, ... (HDF5 allows a user block before it). */
    static Superblock superblock(Path file, FileChannel ch, long size) throws IOException {
        if (size == 0) {
            throw new InvalidMeasurementFileException(file, null, "not a readable HDF5 file (it is empty: the writer"
                    + " died before writing anything)");
        }
        if (size < SIGNATURE.length) {
            ByteBuffer start = read(ch, 0, (int) size);
            if (start != null && java.util.Arrays.equals(start.array(), java.util.Arrays.copyOf(SIGNATURE, (int) size))) {
                throw truncatedSuperblock(file, size);
            }
        }
        for (long at = 0; at + SIGNATURE.length <= size; at = at == 0 ? 512 : at * 2) {
            ByteBuffer sig = read(ch, at, SIGNATURE.length);
            if (sig != null && java.util.Arrays.equals(sig.array(), SIGNATURE)) {
                return parse(file, ch, at, size);
            }
        }
        throw new InvalidMeasurementFileException(file, null, "not a readable HDF5 file (no HDF5 signature)");
    }

    private static Superblock parse(Path file, FileChannel ch, long at, long size) throws IOException {
        ByteBuffer head = read(ch, at + 8, 16);
        if (head == null) {
            throw truncatedSuperblock(file, size);
        }
        int version = head.get(0) & 0xff;
        int offsets;
        long fieldsAt;
        if (version == 0 || version == 1) {
            offsets = head.get(5) & 0xff;
            // signature 8, versions 4, reserved/sizes 4, K values 4, flags 4, [v1: indexed storage K 2, reserved 2]
            fieldsAt = at + 24 + (version == 1 ? 4 : 0);
        } else if (version == 2 || version == 3) {
            offsets = head.get(1) & 0xff;
            fieldsAt = at + 12; // signature 8, version 1, sizes 2, flags 1
        } else {
            throw new InvalidMeasurementFileException(file, null, "not a readable HDF5 file (superblock version "
                    + version + " is unknown)");
        }
        if (offsets != 2 && offsets != 4 && offsets != 8) {
            throw new InvalidMeasurementFileException(file, null, "damaged HDF5 superblock (size of offsets "
                    + offsets + ")");
        }
        // v0/1: base, free-space, end-of-file; v2/3: base, extension, end-of-file.
        ByteBuffer fields = read(ch, fieldsAt, 3 * offsets);
        if (fields == null) {
            throw truncatedSuperblock(file, size);
        }
        long baseAddress = unsigned(fields, 0, offsets);
        long eof = unsigned(fields, 2 * offsets, offsets);
        if (baseAddress < 0 || eof <= 0 || baseAddress > Long.MAX_VALUE - eof) {
            throw new InvalidMeasurementFileException(file, null, "damaged HDF5 superblock (base address "
                    + Long.toUnsignedString(baseAddress) + ", end-of-file address " + Long.toUnsignedString(eof) + ")");
        }
        return new Superblock(version, baseAddress, eof);
    }

    private static InvalidMeasurementFileException truncatedSuperblock(Path file, long size) {
        return new InvalidMeasurementFileException(file, null, "truncated: " + bytes(size)
                + " bytes, shorter than its own HDF5 superblock (the file was cut; it cannot be read)");
    }

    private static long unsigned(ByteBuffer b, int at, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (b.get(at + i) & 0xff);
        }
        // An all-ones field is HDF5's "undefined address"; for 8-byte fields it is also negative here.
        return width < 8 && v == (1L << (8 * width)) - 1 ? -1 : v;
    }

    private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        long p = at;
        while (b.hasRemaining()) {
            int k = ch.read(b, p);
            if (k < 0) {
                return null;
            }
            p += k;
        }
        return b;
    }

    /**
     * Refuses a dataset whose data does not lie inside the file (before it is read, so that jHDF never reads
     * zeros past the end as data, or allocates what a damaged size field asks for).
     */
    void checkData(Dataset d, String where) throws InvalidMeasurementFileException {
        long need = d.getSizeInBytes();
        if (need < 0) {
            throw new InvalidMeasurementFileException(file, where, "damaged: its size overflows");
        }
        if (d instanceof ContiguousDataset c) {
            long address = c.getDataAddress();
            if (address < 0 || address == 0xffffffffL) {
                throw new InvalidMeasurementFileException(file, where, "damaged: no data stored (undefined address)");
            }
            checkRange(where, "its data", address, need);
        } else if (d instanceof ChunkedDataset) {
            long stored = 0;
            for (Chunk chunk : chunks(d, where).values()) {
                checkRange(where, "a chunk of its data", chunk.getAddress(), chunk.getSize());
                stored += chunk.getSize();
            }
            if (need > MAX_INFLATION * stored + (1 << 20)) {
                throw new InvalidMeasurementFileException(file, where, "damaged: claims " + bytes(need)
                        + " bytes of data in " + bytes(stored) + " stored bytes");
            }
        }
        // Compact datasets live in their object header, which jHDF has already read whole.
    }

    private void checkRange(String where, String what, long address, long length) throws InvalidMeasurementFileException {
        long start = base + address;
        if (address < 0 || length < 0 || start < 0 || start > fileBytes || length > fileBytes - start) {
            throw new InvalidMeasurementFileException(file, where, what + " reaches byte "
                    + (address < 0 || length < 0 ? "?" : bytes(start + length)) + " but the file ends at byte "
                    + bytes(fileBytes) + " (the file was cut, or the dataset's address is damaged)");
        }
    }

    /**
     * The chunk index of a chunked dataset. jHDF keeps it behind a protected method; reflection is confined here,
     * and a jHDF that changes it makes this check fail loudly rather than pass silently.
     */
    @SuppressWarnings("unchecked")
    private Map<?, Chunk> chunks(Dataset d, String where) throws InvalidMeasurementFileException {
        try {
            Method lookup = ChunkedDatasetBase.class.getDeclaredMethod("getChunkLookup");
            lookup.setAccessible(true);
            return (Map<?, Chunk>) lookup.invoke(d);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidMeasurementFileException(file, where, "damaged chunk index (" + cause.getMessage() + ")",
                    cause);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this jHDF does not expose the chunk index of " + where
                    + " as expected: " + e, e);
        }
    }

    static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
