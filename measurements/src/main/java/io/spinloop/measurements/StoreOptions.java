package io.spinloop.measurements;

import java.util.Objects;

/**
 * Tuning of a measurement store that does not change what is stored.
 *
 * @param sync            durability of the journal during the run
 * @param compressSpectra store {@code spectrum_dBm} chunked (about 1 MiB per chunk) with shuffle + deflate
 *                        level 1. Spectra read as 32-bit floats ({@code FORM REAL,32}) are doubles whose low
 *                        mantissa bytes are zero, and shrink about fivefold; full-precision doubles hardly
 *                        shrink. Costs time at finalisation and reading, still well under a second per 100 MB
 *                        (figures in the README, from {@link Hdf5Benchmark}); h5py and h5dump read it natively.
 */
public record StoreOptions(JournalSync sync, boolean compressSpectra) {

    /** Page-cache journal (survives a killed process), compressed spectra (files about five times smaller). */
    public static final StoreOptions DEFAULT = new StoreOptions(JournalSync.NONE, true);

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
