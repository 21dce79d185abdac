package io.spinloop.measurements;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The drive sequences of a run and the power measured in each repeat of each: what a digital twin learns
 * from. Only sequences with all {@code repeats} recorded are in the rectangular arrays; repeats of sequences
 * the run did not finish are in {@link #incomplete()}.
 *
 * @param deviceId      the device measured
 * @param complete      true when the runner finished the set and no sequence is missing a repeat
 * @param repeats       R, repeats of every sequence
 * @param settings      source, analyzer (zero span) and generator settings, as stored in attributes
 * @param timeS         (T) time of each step from the start of a sequence
 * @param sequenceIndex (S) the runner's index of each complete sequence, ascending
 * @param driveA        (S×T) drive current
 * @param powerW        (S×R×T) measured power
 * @param timestampS    (S×R) seconds since the run was created, when each repeat was recorded
 * @param incomplete    repeats of sequences that did not get all R repeats
 */
public record SequenceSet(
        String deviceId,
        boolean complete,
        int repeats,
        Map<String, Object> settings,
        double[] timeS,
        int[] sequenceIndex,
        double[][] driveA,
        double[][][] powerW,
        double[][] timestampS,
        List<IncompleteRepeat> incomplete) {

    public SequenceSet {
        Objects.requireNonNull(deviceId, "deviceId");
        settings = Map.copyOf(settings);
        incomplete = List.copyOf(incomplete);
        int s = sequenceIndex.length;
        if (driveA.length != s || powerW.length != s || timestampS.length != s) {
            throw new IllegalArgumentException("sequences: arrays differ in their number of sequences");
        }
    }

    /** S, the number of complete sequences. */
    public int sequences() {
        return sequenceIndex.length;
    }

    /** T, the number of time steps of every sequence. */
    public int steps() {
        return timeS.length;
    }

    /**
     * The largest rectangular block of what was recorded: the sequences whose first k repeats were all recorded,
     * for the k that gives the most repeats in all (on a tie, the most sequences). For a finished run that is
     * this set itself. For an interleaved run (repeat 0 of every sequence, then repeat 1, ...) stopped or killed
     * during round m, it is normally every sequence with its m complete rounds: no sequence is whole, yet the
     * rounds are, and each keeps the drift protection of the interleaving. The repeats left out stay in
     * {@link #incomplete()}; {@code complete} is false whenever anything is left out.
     */
    public SequenceSet completeRounds() {
        Map<Integer, Map<Integer, IncompleteRepeat>> bySequence = new java.util.TreeMap<>();
        for (int i = 0; i < sequences(); i++) {
            for (int r = 0; r < repeats; r++) {
                bySequence.computeIfAbsent(sequenceIndex[i], k -> new java.util.HashMap<>()).put(r,
                        new IncompleteRepeat(sequenceIndex[i], r, driveA[i], powerW[i][r], timestampS[i][r]));
            }
        }
        for (IncompleteRepeat r : incomplete) {
            bySequence.computeIfAbsent(r.sequenceIndex(), k -> new java.util.HashMap<>()).put(r.repeatIndex(), r);
        }
        // leading[s] = how many repeats 0, 1, ... sequence s has without a hole.
        int[] withAtLeast = new int[repeats + 1];
        for (Map<Integer, IncompleteRepeat> reps : bySequence.values()) {
            int lead = 0;
            while (lead < repeats && reps.containsKey(lead)) {
                lead++;
            }
            for (int k = 1; k <= lead; k++) {
                withAtLeast[k]++;
            }
        }
        int bestK = repeats;
        long best = (long) withAtLeast[repeats] * repeats;
        for (int k = repeats - 1; k >= 1; k--) {
            long total = (long) withAtLeast[k] * k;
            if (total > best || (total == best && withAtLeast[k] > withAtLeast[bestK])) {
                best = total;
                bestK = k;
            }
        }
        if (bestK == repeats && withAtLeast[repeats] == sequences()) {
            return this; // what a finished run holds: unchanged, so fits of finished runs are unchanged
        }
        int k = bestK;
        List<Integer> chosen = new java.util.ArrayList<>();
        List<IncompleteRepeat> left = new java.util.ArrayList<>();
        for (Map.Entry<Integer, Map<Integer, IncompleteRepeat>> e : bySequence.entrySet()) {
            boolean in = true;
            for (int r = 0; r < k && in; r++) {
                in = e.getValue().containsKey(r);
            }
            if (in) {
                chosen.add(e.getKey());
            }
            for (IncompleteRepeat r : e.getValue().values()) {
                if (!in || r.repeatIndex() >= k) {
                    left.add(r);
                }
            }
        }
        left.sort(java.util.Comparator.comparingInt(IncompleteRepeat::sequenceIndex)
                .thenComparingInt(IncompleteRepeat::repeatIndex));
        int n = chosen.size();
        int[] index = new int[n];
        double[][] drive = new double[n][];
        double[][][] power = new double[n][k][];
        double[][] stamps = new double[n][k];
        for (int i = 0; i < n; i++) {
            index[i] = chosen.get(i);
            Map<Integer, IncompleteRepeat> reps = bySequence.get(index[i]);
            drive[i] = reps.get(0).driveA();
            for (int r = 0; r < k; r++) {
                power[i][r] = reps.get(r).powerW();
                stamps[i][r] = reps.get(r).timestampS();
            }
        }
        return new SequenceSet(deviceId, false, k, settings, timeS, index, drive, power, stamps, left);
    }
}
