package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Drive sequences for the digital twin: S sequences of T currents each (half random levels, half
 * steps), each played R times through a source list sweep while the analyzer, in zero span and
 * triggered by the source, records power versus time.
 *
 * @param count     S, number of distinct sequences
 * @param repeats   R, times each sequence is played
 * @param length    T, currents per sequence
 * @param dwellS    time each current is held, s
 * @param minA      smallest drive current, A
 * @param maxA      largest drive current, A
 * @param rbwHz     zero-span resolution bandwidth, Hz (widest by default, so the whole line falls inside it)
 * @param centerHz  zero-span center frequency, Hz; null: found from a spectrum at the middle drive
 * @param refLevelDbm reference level, dBm
 * @param seed      seed of the random sequences
 */
public record SequencePreset(
        @JsonProperty("count") Integer count,
        @JsonProperty("repeats") Integer repeats,
        @JsonProperty("length") Integer length,
        @JsonProperty("dwell_s") Double dwellS,
        @JsonProperty("min_A") Double minA,
        @JsonProperty("max_A") Double maxA,
        @JsonProperty("rbw_Hz") Double rbwHz,
        @JsonProperty("center_Hz") Double centerHz,
        @JsonProperty("ref_level_dBm") Double refLevelDbm,
        @JsonProperty("seed") Long seed) {

    public SequencePreset {
        count = count == null ? 8 : count;
        repeats = repeats == null ? 5 : repeats;
        length = length == null ? 100 : length;
        dwellS = dwellS == null ? 1e-3 : dwellS;
        minA = minA == null ? 0.5e-3 : minA;
        maxA = maxA == null ? 2.5e-3 : maxA;
        rbwHz = rbwHz == null ? 8e6 : rbwHz;
        refLevelDbm = refLevelDbm == null ? -20.0 : refLevelDbm;
        seed = seed == null ? 1L : seed;
    }

    static SequencePreset defaults() {
        return new SequencePreset(null, null, null, null, null, null, null, null, null, null);
    }
}
