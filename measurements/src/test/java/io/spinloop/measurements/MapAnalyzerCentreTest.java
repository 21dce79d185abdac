package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two per-point datasets a field map added under {@code /maps/<i>}: {@code analyzer_centre_Hz} (the span follows
 * the line) and {@code y_read} (the gaussmeter's field). They round-trip through the journal and the file, survive a
 * kill and resume, tell the runner where earlier lines were, and journals written before them still read (NaN).
 */
class MapAnalyzerCentreTest {
    @TempDir
    Path dir;

    private static final MapGrid GRID = new MapGrid("current", "A", new double[] {1e-3, 2e-3}, "field", "T",
            new double[] {0.01, 0.02}, MapGrid.RASTER);

    @Test
    void centresAndReadBackFieldsRoundTripAndSurviveAResume() throws Exception {
        Path out = dir.resolve("centres.h5");
        double[] freq = SampleData.frequencyHz();
        MeasurementRecorder first = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE);
        MapRecorder m1 = first.beginMap("stno-a", freq, GRID, Map.of());
        m1.addPoint(0, 0, SampleData.spectrum(0), 5.1e9, 1e-9, 1e7, 5.2e9, 0.0101);
        m1.addPoint(1, 0, SampleData.spectrum(1), Double.NaN, 0, Double.NaN, 5.2e9, 0.0101);
        assertEquals(5.1e9, m1.lineHz(0, 0));
        assertTrue(Double.isNaN(m1.lineHz(1, 0)), "no line");
        assertTrue(Double.isNaN(m1.lineHz(0, 1)), "not taken");
        first.releaseJournalWithoutFinalising(); // kill -9

        RunResumption.Resumed r = RunResumption.resume(out, StoreOptions.DEFAULT);
        MapRecorder m2 = r.maps().get(0);
        assertEquals(5.1e9, m2.lineHz(0, 0), "the resumed run sees the lines taken before");
        assertEquals(5.2e9, m2.analyzerCentreHz(0, 0));
        m2.addPoint(0, 1, SampleData.spectrum(2), 6.0e9, 2e-9, 1e7, 6.1e9, 0.0199);
        m2.addPoint(1, 1, SampleData.spectrum(3), 5.9e9, 3e-9, 1e7, Double.NaN, Double.NaN);
        m2.finish();
        r.recorder().close();

        SpectrumMap m = MeasurementFile.open(out).maps().get(0);
        assertArrayEquals(new double[] {5.2e9, 5.2e9, 6.1e9, Double.NaN}, m.analyzerCentreHz());
        assertArrayEquals(new double[] {0.0101, 0.0101, 0.0199, Double.NaN}, m.yRead());
        assertEquals(0.0199, m.yAt(2));
        assertEquals(0.02, m.yAt(3), "as set where nothing was read");
        double mid = 0.5 * (freq[0] + freq[freq.length - 1]);
        assertEquals(freq[0] + 6.1e9 - mid, m.frequencyAxisAt(2)[0], 1e-3);
        assertArrayEquals(freq, m.frequencyAxisAt(3), "NaN centre: the map's own axis");
    }

    @Test
    void aMapPointJournalledBeforeTheCentreWasAddedReadsAsNaN() {
        JournalEntry.MapPoint p = new JournalEntry.MapPoint(0, 1.5, 1, 0, 2e-3, 0.01, 1, 5e9, 1e-9, 1e7,
                new double[] {-80, -70}, 5.5e9, 0.0102);
        ByteBuffer framed = JournalCodec.encode(p);
        ByteBuffer body = framed.duplicate().position(JournalCodec.RECORD_HEADER_BYTES).slice();
        JournalEntry.MapPoint now = (JournalEntry.MapPoint) JournalCodec.decode(body.duplicate());
        assertEquals(5.5e9, now.analyzerCentreHz());
        assertEquals(0.0102, now.yRead());

        ByteBuffer old = body.duplicate().limit(body.limit() - 16); // the record as the first version wrote it
        JournalEntry.MapPoint was = (JournalEntry.MapPoint) JournalCodec.decode(old.slice());
        assertTrue(Double.isNaN(was.analyzerCentreHz()) && Double.isNaN(was.yRead()));
        assertEquals(5e9, was.peakFrequencyHz());
        assertArrayEquals(new double[] {-80, -70}, was.spectrumDbm());
    }
}
