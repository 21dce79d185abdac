package io.spinloop.measurements;

import java.util.Objects;

/**
 * Tuning of a measurement store that does not change what is stored.
 *
 * @param sync            durability of the journal during the run
 * @param compressSpectra store {@code spectrum_dBm} chunked with shuffle + deflate; worth it for spectra read
 *                        as 32-bit floats (their doubles have empty low mantissa bytes), costs heap and time at
 *                        finalisation (figures in the README, from {@link Hdf5Benchmark})
 */
public record StoreOptions(JournalSync sync, boolean compressSpectra) {

    /** Page-cache journal, uncompressed spectra: the fastest and smallest-heap choice. */
    public static final StoreOptions DEFAULT = new StoreOptions(JournalSync.NONE, false);

    public StoreOptions {
        Objects.requireNonNull(sync, "sync");
    }

    public StoreOptions withSync(JournalSync newSync) {
        return new StoreOptions(newSync, compressSpectra);
    }

    public StoreOptions withCompressedSpectra(boolean compress) {
        return new StoreOptions(sync, compress);
    }
}
