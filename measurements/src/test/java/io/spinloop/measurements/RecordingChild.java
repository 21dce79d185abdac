package io.spinloop.measurements;

import java.nio.file.Path;
import java.util.Map;

/**
 * The measuring process of {@link KillRecoveryTest}: records sweep points and sequence repeats (repeat-major,
 * R = 3) as fast as a slow instrument would, printing "POINT i" after each sweep point has been recorded,
 * until it is killed. Run as {@code java -cp <test+main classpath> io.spinloop.measurements.RecordingChild OUT}.
 */
public final class RecordingChild {
    static final int REPEATS = 3;
    static final int SEQUENCES = 4;

    private RecordingChild() {
    }

    public static void main(String[] args) throws Exception {
        MeasurementRecorder rec = MeasurementRecorder.create(Path.of(args[0]), SampleData.provenance(),
                OverwritePolicy.REFUSE);
        SweepRecorder sweep = rec.beginSweep("stno-1", SampleData.frequencyHz(), SampleData.analyzerSettings());
        SequenceRecorder seq = rec.beginSequences("stno-1", SampleData.timeS(), REPEATS, Map.of("dwell_s", 1e-3));
        for (int i = 0; i < 1_000_000; i++) {
            SampleData.addSweepPoint(sweep, i);
            // repeat-major: repeat r of sequences 0..S-1, then repeat r+1, and around again with new sequences
            int cell = i;
            int block = cell / (SEQUENCES * REPEATS);
            int r = (cell / SEQUENCES) % REPEATS;
            int s = block * SEQUENCES + cell % SEQUENCES;
            seq.addRepeat(s, r, SampleData.drive(s), SampleData.seqPower(s, r));
            System.out.println("POINT " + i);
            System.out.flush();
            Thread.sleep(1);
        }
    }
}
