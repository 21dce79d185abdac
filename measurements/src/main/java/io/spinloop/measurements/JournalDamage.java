package io.spinloop.measurements;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a damaged journal lost, in words: each damaged stretch (bytes, offsets, the intact records on either
 * side, how many records it held where that can be told), and the sequence repeats known to be missing.
 *
 * @param stretches one line per damaged stretch
 * @param missing   sequence repeats known to be missing, as "sequence:repeat"
 * @param unplaced  intact records that could not be placed (their sweep or sequence set lost its start)
 */
record JournalDamage(List<String> stretches, List<String> missing, long unplaced) {

    /** How many missing repeats are named before the list is cut short. */
    private static final int MAX_NAMED = 20;

    /** The damage of a journal, or null when it holds only intact records and perhaps a torn last one. */
    static JournalDamage of(JournalReader.Contents contents, RunContents run) {
        if (!contents.damaged() && run.unplaced() == 0) {
            return null;
        }
        List<String> labels = labels(contents.entries());
        List<String> stretches = new ArrayList<>();
        for (JournalReader.Gap g : contents.gaps()) {
            stretches.add(describe(g, labels));
        }
        return new JournalDamage(List.copyOf(stretches), missingRepeats(run.sequences()), run.unplaced());
    }

    /** One line: for the file's {@code recovered_damage} attribute and the recovery report. */
    String summary() {
        StringBuilder b = new StringBuilder();
        b.append(stretches.size()).append(stretches.size() == 1 ? " damaged stretch skipped: " : " damaged stretches skipped: ")
                .append(String.join("; ", stretches));
        if (!missing.isEmpty()) {
            b.append("; missing sequence repeats (sequence:repeat): ");
            b.append(String.join(", ", missing.subList(0, Math.min(MAX_NAMED, missing.size()))));
            if (missing.size() > MAX_NAMED) {
                b.append(" and ").append(missing.size() - MAX_NAMED).append(" more");
            }
        }
        if (unplaced > 0) {
            b.append("; ").append(unplaced).append(" intact record(s) could not be placed (the start of their sweep or"
                    + " sequence set was lost)");
        }
        return b.toString();
    }

    private static String describe(JournalReader.Gap g, List<String> labels) {
        StringBuilder b = new StringBuilder();
        b.append(bytes(g.length())).append(g.length() == 1 ? " byte" : " bytes").append(" at ")
                .append(bytes(g.offset())).append('–').append(bytes(g.end() - 1));
        long size = g.prevRecordBytes() > 0 && (g.nextRecordBytes() == 0 || g.nextRecordBytes() == g.prevRecordBytes())
                ? g.prevRecordBytes() : 0;
        if (size > 0 && g.length() % size == 0) {
            long n = g.length() / size;
            b.append(" (").append(n).append(n == 1 ? " record" : " records").append(" lost)");
        }
        int before = g.entriesBefore();
        b.append(", after ").append(before > 0 ? labels.get(before - 1) : "the file header");
        b.append(before < labels.size() ? ", before " + labels.get(before) : ", to the end of the journal");
        b.append(" (").append(g.reason()).append(')');
        return b.toString();
    }

    /** A name for every entry: "sweep 0 point 17", "sequence 5 repeat 2", "the start of sweep 1", ... */
    private static List<String> labels(List<JournalEntry> entries) {
        List<String> out = new ArrayList<>(entries.size());
        Map<Integer, Integer> pointsSoFar = new HashMap<>();
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.SweepPoint p) {
                int k = pointsSoFar.merge(p.sweep(), 1, Integer::sum) - 1;
                out.add("sweep " + p.sweep() + " point " + k);
            } else if (e instanceof JournalEntry.SequenceRepeat r) {
                out.add("sequence " + r.sequence() + " repeat " + r.repeat());
            } else if (e instanceof JournalEntry.SweepStarted s) {
                out.add("the start of sweep " + s.sweep());
            } else if (e instanceof JournalEntry.SweepFinished f) {
                out.add("the end of sweep " + f.sweep());
            } else if (e instanceof JournalEntry.SequencesStarted) {
                out.add("the start of the sequences");
            } else if (e instanceof JournalEntry.SequencesFinished) {
                out.add("the end of the sequences");
            } else {
                out.add("the run record");
            }
        }
        return out;
    }

    /**
     * Repeats that must have been recorded and were lost: (s, r) is missing when a later repeat of sequence s,
     * or repeat r of a later sequence, is present. That holds whatever the order of recording (all repeats of one
     * sequence in turn, or one repeat of every sequence in turn), so the repeats a run simply did not reach
     * before it was stopped are never named.
     */
    static List<String> missingRepeats(SequenceSet q) {
        if (q == null) {
            return List.of();
        }
        Set<Long> present = new HashSet<>();
        Map<Integer, Integer> lastRepeatOf = new HashMap<>();
        Map<Integer, Integer> lastSequenceOf = new HashMap<>();
        int maxSequence = -1;
        for (int i = 0; i < q.sequences(); i++) {
            for (int r = 0; r < q.repeats(); r++) {
                maxSequence = Math.max(maxSequence, note(present, lastRepeatOf, lastSequenceOf, q.sequenceIndex()[i], r));
            }
        }
        for (IncompleteRepeat r : q.incomplete()) {
            maxSequence = Math.max(maxSequence,
                    note(present, lastRepeatOf, lastSequenceOf, r.sequenceIndex(), r.repeatIndex()));
        }
        // Sequences that lost every repeat are found by counting up to the largest index; an absurd index
        // (the runner's own numbering, not ours) limits the search to the sequences that are there.
        java.util.SortedSet<Integer> candidates = new java.util.TreeSet<>(lastRepeatOf.keySet());
        for (int s = 0; s <= maxSequence && s < 100_000; s++) {
            candidates.add(s);
        }
        List<String> missing = new ArrayList<>();
        for (int s : candidates) {
            for (int r = 0; r < q.repeats(); r++) {
                if (present.contains(key(s, r))) {
                    continue;
                }
                if (lastRepeatOf.getOrDefault(s, -1) > r || lastSequenceOf.getOrDefault(r, -1) > s) {
                    missing.add(s + ":" + r);
                }
            }
        }
        return List.copyOf(missing);
    }

    private static int note(Set<Long> present, Map<Integer, Integer> lastRepeatOf, Map<Integer, Integer> lastSequenceOf,
                            int s, int r) {
        present.add(key(s, r));
        lastRepeatOf.merge(s, r, Math::max);
        lastSequenceOf.merge(r, s, Math::max);
        return s;
    }

    private static long key(int s, int r) {
        return ((long) s << 32) | (r & 0xffffffffL);
    }

    static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
