package io.spinloop.measurements;

import java.util.Set;

/** Names of the groups, datasets and attributes of a measurement file, shared by writer and reader. */
final class MeasurementLayout {
    static final String FORMAT = "spinloop-measurements";
    static final int FORMAT_VERSION = 1;

    // root attributes
    static final String A_FORMAT = "format";
    static final String A_FORMAT_VERSION = "format_version";
    static final String A_RUN_ID = "run_id";
    static final String A_CREATED = "created_utc";
    static final String A_FINALISED = "finalised_utc";
    static final String A_VERSION = "spinloop_version";
    static final String A_LAB_CONFIG = "lab_config";
    static final String A_MEASURABLE = "physically_measurable";
    static final String A_MEASURABLE_NOTE = "measurability_note";
    static final String A_RECOVERED = "recovered";
    static final String A_RECOVERED_UTC = "recovered_utc";
    static final String A_RECOVERED_POINTS = "recovered_points";
    static final String A_RECOVERED_DROPPED = "recovered_dropped_bytes";
    /** Optional: what a damaged journal lost (absent when only a torn last record was dropped). */
    static final String A_RECOVERED_DAMAGE = "recovered_damage";
    static final String PREFIX_IDN = "idn.";
    static final String PREFIX_SEED = "seed.";
    static final String PREFIX_META = "meta.";

    // groups
    static final String SWEEPS = "sweeps";
    static final String SEQUENCES = "sequences";
    static final String INCOMPLETE = "incomplete";
    static final String MAPS = "maps";
    static final String INTERRUPTIONS = "interruptions";

    // attributes of /maps/<i> and /interruptions/<k>
    static final String A_X_NAME = "x_name";
    static final String A_X_UNIT = "x_unit";
    static final String A_Y_NAME = "y_name";
    static final String A_Y_UNIT = "y_unit";
    static final String A_ORDER = "order";
    static final String A_RESUMED_UTC = "resumed_utc";
    static final String A_POINTS_BEFORE = "points_before";
    static final String A_CAUSE = "cause";

    // datasets of /maps/<i>
    static final String X_GRID = "x_grid";
    static final String Y_GRID = "y_grid";
    static final String IX = "ix";
    static final String IY = "iy";
    static final String X = "x";
    static final String Y = "y";
    static final String DIRECTION = "direction";
    static final String ANALYZER_CENTRE = "analyzer_centre_Hz"; // absent in files written before it was added
    static final String Y_READ = "y_read";

    // attributes of /sweeps/<i> and /sequences
    static final String A_DEVICE = "device_id";
    static final String A_COMPLETE = "complete";
    static final String A_POINTS = "n_points";
    static final String A_REPEATS = "repeats";
    static final String A_SEQUENCES = "n_sequences";
    static final String A_UNITS = "units";
    static final String A_DESCRIPTION = "description";

    static final Set<String> RESERVED_GROUP_ATTRIBUTES =
            Set.of(A_DEVICE, A_COMPLETE, A_POINTS, A_REPEATS, A_SEQUENCES, A_UNITS, A_DESCRIPTION, A_X_NAME,
                    A_X_UNIT, A_Y_NAME, A_Y_UNIT, A_ORDER);

    // datasets of /sweeps/<i>
    static final String CURRENT = "current_A";
    static final String FREQUENCY = "frequency_Hz";
    static final String SPECTRUM = "spectrum_dBm";
    static final String PEAK = "peak_frequency_Hz";
    static final String POWER = "power_W";
    static final String LINEWIDTH = "linewidth_Hz";
    static final String TIMESTAMP = "timestamp_s";

    // datasets of /sequences
    static final String TIME = "time_s";
    static final String DRIVE = "drive_A";
    static final String SEQUENCE_INDEX = "sequence_index";
    static final String REPEAT_INDEX = "repeat_index";

    private MeasurementLayout() {
    }
}
