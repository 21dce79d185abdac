package io.spinloop.measurements;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deterministic measurement-like data, so that a test (or a killed child JVM) can say what point i must hold.
 * Public for the twin's tests, which read measurement files (this module's test jar).
 */
public final class SampleData {
    static final int BINS = 1001;
    static final int STEPS = 50;

    private SampleData() {
    }

    public static Provenance provenance() {
        return Provenance.builder("0.1.0-test")
                .labConfig("bench: emulated\ninstruments:\n  - name: source\n    model: auto\n")
                .instrument("source", "KEITHLEY INSTRUMENTS INC.,MODEL 2400,1234567,C30")
                .instrument("analyzer", "Keysight Technologies,N9020B,MY1234,A.33.03")
                .seed("emulator", 42)
                .seed("sequences", -7)
                .physicallyMeasurable(false, "emulator dwell lifted to 1 µs; the 2400 needs about 1 ms")
                .metadata("bench", "emulated-bench")
                .build();
    }

    static double[] frequencyHz() {
        double[] f = new double[BINS];
        for (int j = 0; j < BINS; j++) {
            f[j] = 4.0e9 + j * 2.0e6;
        }
        return f;
    }

    static Map<String, Object> analyzerSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rbw_Hz", 1.0e6);
        m.put("vbw_Hz", 3.0e6);
        m.put("trace_points", BINS);
        m.put("averages", 10L);
        m.put("detector", "RMS");
        m.put("preamp", false);
        m.put("reference_level_dBm", new double[] {-20.0});
        return m;
    }

    static double current(int i) {
        return 1e-5 * i;
    }

    /** A float-exact Lorentzian line over a noise floor, as a REAL,32 trace would give. */
    static double[] spectrum(int i) {
        double[] s = new double[BINS];
        for (int j = 0; j < BINS; j++) {
            double x = (j - 500 + (i % 7)) / 5.0;
            s[j] = (float) (-90 + 40 / (1 + x * x) + 0.01 * ((i * 31 + j * 17) % 13));
        }
        return s;
    }

    static double peak(int i) {
        return i % 5 == 0 ? Double.NaN : 5e9 - i * 1e5;
    }

    static double power(int i) {
        return 1e-9 * (1 + i);
    }

    static double linewidth(int i) {
        return i % 5 == 0 ? Double.NaN : 1e7 + i;
    }

    public static double[] timeS() {
        double[] t = new double[STEPS];
        for (int k = 0; k < STEPS; k++) {
            t[k] = k * 1e-3;
        }
        return t;
    }

    public static double[] drive(int seq) {
        double[] d = new double[STEPS];
        for (int k = 0; k < STEPS; k++) {
            d[k] = 1e-3 * (1 + ((seq * 7 + k * 3) % 11) / 10.0);
        }
        return d;
    }

    public static double[] seqPower(int seq, int rep) {
        double[] p = new double[STEPS];
        for (int k = 0; k < STEPS; k++) {
            p[k] = 1e-9 * (seq + 1) + 1e-12 * (rep + 1) * k;
        }
        return p;
    }

    static void addSweepPoint(SweepRecorder s, int i) throws java.io.IOException {
        s.addPoint(current(i), spectrum(i), peak(i), power(i), linewidth(i));
    }

    /** An interleaved run (repeat r of every sequence, then r + 1), as `measure sequences` records it, left unfinalised. */
    public static Path interleavedRun(Path out, int sequences, int repeats, int recorded) throws IOException {
        MeasurementRecorder rec = MeasurementRecorder.create(out, provenance(), OverwritePolicy.REFUSE);
        SequenceRecorder q = rec.beginSequences("stno-1", timeS(), repeats, Map.of("dwell_s", 1e-3));
        int n = 0;
        outer:
        for (int r = 0; r < repeats; r++) {
            for (int s = 0; s < sequences; s++) {
                if (n++ == recorded) {
                    break outer;
                }
                q.addRepeat(s, r, drive(s), seqPower(s, r));
            }
        }
        if (recorded >= sequences * repeats) {
            q.finish();
        }
        rec.releaseJournalWithoutFinalising();
        return rec.journal();
    }
}
