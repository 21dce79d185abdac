package io.spinloop.measurements;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Replays journal entries into the arrays of the file. The arrays of the entries are reused, not copied. */
final class RunAssembler {
    private RunAssembler() {
    }

    static RunContents assemble(Path journal, List<JournalEntry> entries) throws InvalidMeasurementFileException {
        return assemble(journal, entries, false);
    }

    /**
     * Replays the entries.
     *
     * @param damaged the journal lost records in the middle: records whose sweep or sequence set lost its start
     *                record are counted as unplaced instead of refusing the whole journal, and sweeps are
     *                renumbered 0, 1, ... in the order they started if one of them was lost
     */
    static RunContents assemble(Path journal, List<JournalEntry> entries, boolean damaged)
            throws InvalidMeasurementFileException {
        if (entries.isEmpty() || !(entries.get(0) instanceof JournalEntry.RunStarted start)) {
            throw new InvalidMeasurementFileException(journal, null, damaged && !entries.isEmpty()
                    ? "the journal's first record (the run record: id, provenance, layout) is damaged, so the "
                    + entries.size() + " intact records after it cannot be placed; nothing was recovered and the"
                    + " journal is left as it is"
                    : "the journal does not start with an intact run record (the run died while starting):"
                    + " nothing to recover; delete the journal to start a new run on this file");
        }
        Map<Integer, SweepBuilder> sweeps = new TreeMap<>();
        SequenceBuilder sequences = null;
        Map<Integer, MapBuilder> maps = new TreeMap<>();
        List<Interruption> interruptions = new ArrayList<>();
        long points = 0;
        long unplaced = 0;
        for (int k = 1; k < entries.size(); k++) {
            JournalEntry e = entries.get(k);
            if (e instanceof JournalEntry.SweepStarted s) {
                if (damaged ? sweeps.containsKey(s.sweep()) || s.sweep() < 0 : s.sweep() != sweeps.size()) {
                    throw corrupt(journal, k, "sweep " + s.sweep() + " starts out of order");
                }
                sweeps.put(s.sweep(), new SweepBuilder(s));
            } else if (e instanceof JournalEntry.SweepPoint p) {
                SweepBuilder b = sweeps.get(p.sweep());
                if (b == null && damaged) {
                    unplaced++;
                    continue;
                }
                sweep(journal, k, b, p.sweep()).add(journal, k, p);
                points++;
            } else if (e instanceof JournalEntry.SweepFinished f) {
                SweepBuilder b = sweeps.get(f.sweep());
                if (b != null || !damaged) {
                    sweep(journal, k, b, f.sweep()).finished = true;
                }
            } else if (e instanceof JournalEntry.SequencesStarted s) {
                if (sequences != null) {
                    throw corrupt(journal, k, "a second sequence set starts");
                }
                sequences = new SequenceBuilder(s);
            } else if (e instanceof JournalEntry.SequenceRepeat r) {
                if (sequences == null) {
                    if (damaged) {
                        unplaced++;
                        continue;
                    }
                    throw corrupt(journal, k, "a sequence repeat comes before the sequences start");
                }
                sequences.add(journal, k, r);
                points++;
            } else if (e instanceof JournalEntry.SequencesFinished) {
                if (sequences == null) {
                    if (damaged) {
                        continue;
                    }
                    throw corrupt(journal, k, "sequences finish before they start");
                }
                sequences.finished = true;
            } else if (e instanceof JournalEntry.MapStarted m) {
                if (damaged ? maps.containsKey(m.map()) || m.map() < 0 : m.map() != maps.size()) {
                    throw corrupt(journal, k, "map " + m.map() + " starts out of order");
                }
                maps.put(m.map(), new MapBuilder(m));
            } else if (e instanceof JournalEntry.MapPoint p) {
                MapBuilder b = maps.get(p.map());
                if (b == null) {
                    if (damaged) {
                        unplaced++;
                        continue;
                    }
                    throw corrupt(journal, k, "refers to map " + p.map() + ", which never started");
                }
                b.add(journal, k, p);
                points++;
            } else if (e instanceof JournalEntry.MapFinished f) {
                MapBuilder b = maps.get(f.map());
                if (b == null && !damaged) {
                    throw corrupt(journal, k, "map " + f.map() + " finishes before it starts");
                }
                if (b != null) {
                    b.finished = true;
                }
            } else if (e instanceof JournalEntry.Interrupted i) {
                interruptions.add(i.interruption());
            } else {
                throw corrupt(journal, k, "unexpected " + e.getClass().getSimpleName());
            }
        }
        List<String> notes = new ArrayList<>();
        if (unplaced > 0) {
            notes.add(unplaced + " intact record(s) could not be placed: the record that started their sweep or"
                    + " sequence set was lost");
        }
        List<Sweep> built = new ArrayList<>();
        for (Map.Entry<Integer, SweepBuilder> b : sweeps.entrySet()) {
            int index = built.size();
            if (b.getKey() != index) {
                notes.add("sweep " + b.getKey() + " of the run is stored as /sweeps/" + index
                        + " (the start of an earlier sweep was lost)");
            }
            built.add(b.getValue().build(index));
        }
        List<SpectrumMap> builtMaps = new ArrayList<>();
        for (MapBuilder b : maps.values()) {
            builtMaps.add(b.build(builtMaps.size()));
        }
        return new RunContents(start.runId(), start.createdUtc(), start.provenance(), start.compressSpectra(),
                built, sequences == null ? null : sequences.build(), points, unplaced, List.copyOf(notes),
                List.copyOf(builtMaps), List.copyOf(interruptions));
    }

    private static SweepBuilder sweep(Path journal, int k, SweepBuilder b, int i)
            throws InvalidMeasurementFileException {
        if (b == null) {
            throw corrupt(journal, k, "refers to sweep " + i + ", which never started");
        }
        return b;
    }

    private static InvalidMeasurementFileException corrupt(Path journal, int record, String what) {
        return new InvalidMeasurementFileException(journal, null, "record " + record + ": " + what);
    }

    private static final class SweepBuilder {
        final JournalEntry.SweepStarted start;
        final List<JournalEntry.SweepPoint> points = new ArrayList<>();
        boolean finished;

        SweepBuilder(JournalEntry.SweepStarted start) {
            this.start = start;
        }

        void add(Path journal, int k, JournalEntry.SweepPoint p) throws InvalidMeasurementFileException {
            if (p.spectrumDbm().length != start.frequencyHz().length) {
                throw corrupt(journal, k, "spectrum of " + p.spectrumDbm().length + " bins in sweep " + p.sweep()
                        + " of " + start.frequencyHz().length + " frequencies");
            }
            points.add(p);
        }

        Sweep build(int index) {
            int n = points.size();
            double[] current = new double[n];
            double[][] spectrum = new double[n][];
            double[] peak = new double[n];
            double[] power = new double[n];
            double[] width = new double[n];
            double[] time = new double[n];
            for (int i = 0; i < n; i++) {
                JournalEntry.SweepPoint p = points.get(i);
                current[i] = p.currentA();
                spectrum[i] = p.spectrumDbm();
                peak[i] = p.peakFrequencyHz();
                power[i] = p.powerW();
                width[i] = p.linewidthHz();
                time[i] = p.timestampS();
            }
            return new Sweep(index, start.deviceId(), finished, start.settings(), start.frequencyHz(), current,
                    spectrum, peak, power, width, time);
        }
    }

    private static final class SequenceBuilder {
        final JournalEntry.SequencesStarted start;
        final Map<Integer, JournalEntry.SequenceRepeat[]> bySequence = new TreeMap<>();
        boolean finished;

        SequenceBuilder(JournalEntry.SequencesStarted start) {
            this.start = start;
        }

        void add(Path journal, int k, JournalEntry.SequenceRepeat r) throws InvalidMeasurementFileException {
            int t = start.timeS().length;
            if (r.repeat() < 0 || r.repeat() >= start.repeats() || r.sequence() < 0
                    || r.driveA().length != t || r.powerW().length != t) {
                throw corrupt(journal, k, "sequence repeat (" + r.sequence() + ", " + r.repeat()
                        + ") does not fit " + start.repeats() + " repeats of " + t + " steps");
            }
            JournalEntry.SequenceRepeat[] reps =
                    bySequence.computeIfAbsent(r.sequence(), s -> new JournalEntry.SequenceRepeat[start.repeats()]);
            reps[r.repeat()] = r;
        }

        SequenceSet build() {
            int repeats = start.repeats();
            List<Integer> complete = new ArrayList<>();
            List<IncompleteRepeat> partial = new ArrayList<>();
            for (Map.Entry<Integer, JournalEntry.SequenceRepeat[]> e : bySequence.entrySet()) {
                JournalEntry.SequenceRepeat[] reps = e.getValue();
                boolean all = true;
                for (JournalEntry.SequenceRepeat r : reps) {
                    all &= r != null;
                }
                if (all) {
                    complete.add(e.getKey());
                } else {
                    for (JournalEntry.SequenceRepeat r : reps) {
                        if (r != null) {
                            partial.add(new IncompleteRepeat(r.sequence(), r.repeat(), r.driveA(), r.powerW(),
                                    r.timestampS()));
                        }
                    }
                }
            }
            int s = complete.size();
            int[] index = new int[s];
            double[][] drive = new double[s][];
            double[][][] power = new double[s][repeats][];
            double[][] stamp = new double[s][repeats];
            for (int i = 0; i < s; i++) {
                index[i] = complete.get(i);
                JournalEntry.SequenceRepeat[] reps = bySequence.get(index[i]);
                drive[i] = reps[0].driveA();
                for (int r = 0; r < repeats; r++) {
                    power[i][r] = reps[r].powerW();
                    stamp[i][r] = reps[r].timestampS();
                }
            }
            return new SequenceSet(start.deviceId(), finished && partial.isEmpty(), repeats, start.settings(),
                    start.timeS(), index, drive, power, stamp, partial);
        }
    }

    private static final class MapBuilder {
        final JournalEntry.MapStarted start;
        final List<JournalEntry.MapPoint> points = new ArrayList<>();
        final java.util.Set<Long> taken = new java.util.HashSet<>();
        boolean finished;

        MapBuilder(JournalEntry.MapStarted start) {
            this.start = start;
        }

        void add(Path journal, int k, JournalEntry.MapPoint p) throws InvalidMeasurementFileException {
            MapGrid g = start.grid();
            if (p.spectrumDbm().length != start.frequencyHz().length || p.ix() < 0 || p.ix() >= g.x().length
                    || p.iy() < 0 || p.iy() >= g.y().length) {
                throw corrupt(journal, k, "map point (" + p.ix() + ", " + p.iy() + ") does not fit map " + p.map());
            }
            if (!taken.add(((long) p.iy() << 32) | p.ix())) {
                throw corrupt(journal, k, "map point (" + p.ix() + ", " + p.iy() + ") of map " + p.map()
                        + " recorded twice");
            }
            points.add(p);
        }

        SpectrumMap build(int index) {
            int n = points.size();
            int[] ix = new int[n];
            int[] iy = new int[n];
            int[] dir = new int[n];
            double[] x = new double[n];
            double[] y = new double[n];
            double[][] spectrum = new double[n][];
            double[] peak = new double[n];
            double[] power = new double[n];
            double[] width = new double[n];
            double[] time = new double[n];
            double[] centre = new double[n];
            double[] yRead = new double[n];
            for (int i = 0; i < n; i++) {
                JournalEntry.MapPoint p = points.get(i);
                centre[i] = p.analyzerCentreHz();
                yRead[i] = p.yRead();
                ix[i] = p.ix();
                iy[i] = p.iy();
                dir[i] = p.direction();
                x[i] = p.x();
                y[i] = p.y();
                spectrum[i] = p.spectrumDbm();
                peak[i] = p.peakFrequencyHz();
                power[i] = p.powerW();
                width[i] = p.linewidthHz();
                time[i] = p.timestampS();
            }
            return new SpectrumMap(index, start.deviceId(), finished, start.grid(), start.settings(),
                    start.frequencyHz(), ix, iy, x, y, dir, spectrum, peak, power, width, time, centre, yRead);
        }
    }
}
