package io.spinloop.measurements;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Writes the person's-words summary of a measurement file. */
final class MeasurementSummary {
    private MeasurementSummary() {
    }

    static String describe(MeasurementFile f) {
        RunInfo info = f.info();
        Provenance p = info.provenance();
        StringBuilder b = new StringBuilder();
        b.append(f.path().getFileName()).append(": spinloop measurement file (format ").append(info.formatVersion())
                .append("), run ").append(info.runId()).append('\n');
        b.append("  recorded ").append(info.createdUtc()).append(" by spinloop ").append(p.spinloopVersion())
                .append(", written ").append(info.finalisedUtc()).append('\n');
        if (info.recovered()) {
            RecoveryInfo r = info.recovery();
            b.append("  RECOVERED from the journal of an interrupted run on ").append(r.recoveredUtc()).append(": ")
                    .append(r.pointsKept()).append(" points kept")
                    .append(r.damage() != null ? ", journal DAMAGED: " + r.damage()
                            : r.droppedBytes() > 0 ? ", " + r.droppedBytes() + " bytes of a torn last record dropped"
                            : ", nothing dropped")
                    .append('\n');
        }
        b.append("  physically measurable with the bench's instruments: ").append(p.physicallyMeasurable() ? "yes" : "NO");
        if (!p.measurabilityNote().isEmpty()) {
            b.append(" (").append(p.measurabilityNote()).append(')');
        }
        b.append('\n');
        p.instrumentIdn().forEach((k, v) -> b.append("  instrument ").append(k).append(": ").append(v).append('\n'));
        if (!p.seeds().isEmpty()) {
            b.append("  seeds:");
            p.seeds().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            b.append('\n');
        }
        p.metadata().forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        if (!p.labConfigText().isEmpty()) {
            b.append("  lab config: ").append(p.labConfigText().split("\n", -1).length)
                    .append(" lines stored in the root attribute 'lab_config'\n");
        }
        b.append("  ").append(f.sweeps().size()).append(f.sweeps().size() == 1 ? " sweep" : " sweeps")
                .append(f.sweeps().isEmpty() ? "\n" : ":\n");
        for (Sweep s : f.sweeps()) {
            b.append("    /sweeps/").append(s.index()).append(", device ").append(s.deviceId()).append(": ")
                    .append(s.points()).append(" currents");
            if (s.points() > 0) {
                b.append(" from ").append(si(min(s.currentA()), "A")).append(" to ").append(si(max(s.currentA()), "A"));
            }
            double[] fr = s.frequencyHz();
            b.append(", spectra of ").append(fr.length).append(" bins ").append(si(fr[0], "Hz")).append(" to ")
                    .append(si(fr[fr.length - 1], "Hz"));
            b.append(s.complete() ? ", complete" : ", INCOMPLETE (run stopped during the sweep)").append('\n');
            if (s.points() > 0) {
                int best = argmax(s.powerW());
                b.append("      strongest line ").append(dbm(s.powerW()[best])).append(" at ")
                        .append(si(s.currentA()[best], "A"));
                if (!Double.isNaN(s.peakFrequencyHz()[best])) {
                    b.append(", ").append(si(s.peakFrequencyHz()[best], "Hz"));
                }
                if (!Double.isNaN(s.linewidthHz()[best])) {
                    b.append(", linewidth ").append(si(s.linewidthHz()[best], "Hz"));
                }
                b.append('\n');
            }
            settings(b, s.settings());
        }
        for (SpectrumMap m : f.maps()) {
            MapGrid g = m.grid();
            b.append("  /maps/").append(m.index()).append(", device ").append(m.deviceId()).append(": ")
                    .append(m.points()).append(" of ").append(g.points()).append(" points, ").append(g.xName())
                    .append(" (").append(g.x().length).append(", ").append(g.xUnit()).append(") × ").append(g.yName())
                    .append(" (").append(g.y().length).append(", ").append(g.yUnit()).append("), ").append(g.order())
                    .append(m.complete() ? ", complete" : ", INCOMPLETE").append('\n');
        }
        for (Interruption i : f.interruptions()) {
            b.append("  interrupted, resumed ").append(i.resumedUtc()).append(" at point ").append(i.pointsBefore())
                    .append(": ").append(i.cause()).append('\n');
        }
        f.sequences().ifPresentOrElse(q -> {
            b.append("  /sequences, device ").append(q.deviceId()).append(": ").append(q.sequences())
                    .append(" complete drive sequences × ").append(q.repeats()).append(" repeats × ")
                    .append(q.steps()).append(" steps of ").append(si(step(q.timeS()), "s"))
                    .append(q.complete() ? ", complete" : ", INCOMPLETE").append('\n');
            if (!q.incomplete().isEmpty()) {
                b.append("      plus ").append(q.incomplete().size())
                        .append(" repeat(s) of unfinished sequences in /sequences/incomplete\n");
                SequenceSet usable = q.completeRounds();
                if (usable != q && usable.sequences() > 0) {
                    b.append("      a twin fit uses ").append(usable.sequences()).append(" sequences × ")
                            .append(usable.repeats()).append(" repeats (the complete rounds of repeats)\n");
                }
            }
            if (q.sequences() > 0) {
                b.append("      drive ").append(si(min(q.driveA()), "A")).append(" to ").append(si(max(q.driveA()), "A"))
                        .append(", power ").append(si(min(q.powerW()), "W")).append(" to ")
                        .append(si(max(q.powerW()), "W")).append('\n');
            }
            settings(b, q.settings());
        }, () -> b.append("  no drive sequences (/sequences absent)\n"));
        return b.toString();
    }

    private static void settings(StringBuilder b, Map<String, Object> settings) {
        if (settings.isEmpty()) {
            return;
        }
        b.append("      settings:");
        settings.forEach((k, v) -> b.append(' ').append(k).append('=').append(value(v)));
        b.append('\n');
    }

    private static String value(Object v) {
        if (v instanceof double[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof Object[] a) {
            return Arrays.toString(a);
        }
        return String.valueOf(v);
    }

    /** A value with an SI prefix and 4 significant digits: 0.0015 A gives "1.500 mA". */
    static String si(double v, String unit) {
        if (v == 0 || !Double.isFinite(v)) {
            return String.format(Locale.ROOT, "%s %s", v == 0 ? "0" : Double.toString(v), unit);
        }
        String[] prefixes = {"f", "p", "n", "µ", "m", "", "k", "M", "G", "T"};
        int exp = (int) Math.floor(Math.log10(Math.abs(v)) / 3);
        exp = Math.max(-5, Math.min(4, exp));
        double scaled = v / Math.pow(1000, exp);
        return String.format(Locale.ROOT, "%.4g %s%s", scaled, prefixes[exp + 5], unit);
    }

    private static String dbm(double watts) {
        return watts > 0 ? String.format(Locale.ROOT, "%.1f dBm", 10 * Math.log10(watts / 1e-3)) : si(watts, "W");
    }

    private static double step(double[] t) {
        return t.length > 1 ? t[1] - t[0] : t[0];
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double min(double[][] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double[] row : v) {
            m = Math.min(m, min(row));
        }
        return m;
    }

    private static double max(double[][] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] row : v) {
            m = Math.max(m, max(row));
        }
        return m;
    }

    private static double min(double[][][] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double[][] plane : v) {
            m = Math.min(m, min(plane));
        }
        return m;
    }

    private static double max(double[][][] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double[][] plane : v) {
            m = Math.max(m, max(plane));
        }
        return m;
    }
}
