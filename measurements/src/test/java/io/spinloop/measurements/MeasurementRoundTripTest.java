package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementRoundTripTest {
    @TempDir
    Path dir;

    /** Writes two sweeps of two devices and a sequence set, reads everything back, value for value. */
    static void writeRun(Path out, StoreOptions options) throws Exception {
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE,
                options)) {
            SweepRecorder a = rec.beginSweep("stno-1", SampleData.frequencyHz(), SampleData.analyzerSettings());
            SweepRecorder b = rec.beginSweep("stno-2", SampleData.frequencyHz(), Map.of("rbw_Hz", 3e5));
            for (int i = 0; i < 30; i++) {
                SampleData.addSweepPoint(a, i);
                if (i < 12) {
                    SampleData.addSweepPoint(b, 100 + i);
                }
            }
            a.finish();
            // b is left unfinished: stored as incomplete
            SequenceRecorder q = rec.beginSequences("stno-1", SampleData.timeS(), 2,
                    Map.of("dwell_s", 1e-3, "generator", "random+steps", "generator_seed", 11L));
            for (int s = 0; s < 3; s++) {
                for (int r = 0; r < 2; r++) {
                    q.addRepeat(s, r, SampleData.drive(s), SampleData.seqPower(s, r));
                }
            }
            q.finish();
            assertEquals(30 + 12 + 6, rec.points());
        }
    }

    static void assertSweepPoints(Sweep s, int firstSample) {
        for (int i = 0; i < s.points(); i++) {
            int k = firstSample + i;
            assertEquals(SampleData.current(k), s.currentA()[i]);
            assertArrayEquals(SampleData.spectrum(k), s.spectrumDbm()[i]);
            assertEquals(SampleData.peak(k), s.peakFrequencyHz()[i]);
            assertEquals(SampleData.power(k), s.powerW()[i]);
            assertEquals(SampleData.linewidth(k), s.linewidthHz()[i]);
        }
    }

    @Test
    void everyValueAndAttributeSurvivesTheRoundTrip() throws Exception {
        Path out = dir.resolve("run.h5");
        writeRun(out, StoreOptions.DEFAULT);

        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)), "journal removed after finalising");
        assertFalse(Files.exists(dir.resolve("run.h5.tmp")), "no temporary file left");
        MeasurementFile f = MeasurementFile.open(out);

        RunInfo info = f.info();
        assertEquals(1, info.formatVersion());
        assertNull(info.recovery());
        assertEquals(SampleData.provenance(), info.provenance());
        assertFalse(info.provenance().physicallyMeasurable());

        assertEquals(2, f.sweeps().size());
        Sweep a = f.sweeps().get(0);
        assertEquals("stno-1", a.deviceId());
        assertTrue(a.complete());
        assertEquals(30, a.points());
        assertArrayEquals(SampleData.frequencyHz(), a.frequencyHz());
        assertSweepPoints(a, 0);
        assertEquals(1.0e6, a.settings().get("rbw_Hz"));
        assertEquals(SampleData.BINS, a.settings().get("trace_points"));
        assertEquals(10L, a.settings().get("averages"));
        assertEquals("RMS", a.settings().get("detector"));
        assertEquals((byte) 0, a.settings().get("preamp"));
        assertArrayEquals(new double[] {-20.0}, (double[]) a.settings().get("reference_level_dBm"));
        for (int i = 1; i < a.points(); i++) {
            assertTrue(a.timestampS()[i] >= a.timestampS()[i - 1], "timestamps ascend");
        }

        Sweep b = f.sweeps().get(1);
        assertEquals("stno-2", b.deviceId());
        assertFalse(b.complete());
        assertEquals(12, b.points());
        assertSweepPoints(b, 100);

        SequenceSet q = f.requireSequences();
        assertTrue(q.complete());
        assertEquals(3, q.sequences());
        assertEquals(2, q.repeats());
        assertArrayEquals(SampleData.timeS(), q.timeS());
        assertArrayEquals(new int[] {0, 1, 2}, q.sequenceIndex());
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(SampleData.drive(s), q.driveA()[s]);
            for (int r = 0; r < 2; r++) {
                assertArrayEquals(SampleData.seqPower(s, r), q.powerW()[s][r]);
            }
        }
        assertTrue(q.incomplete().isEmpty());
        assertEquals("random+steps", q.settings().get("generator"));
        assertEquals(11L, q.settings().get("generator_seed"));
    }

    @Test
    void compressedSpectraReadBackIdenticallyAndSmaller() throws Exception {
        Path plain = dir.resolve("plain.h5");
        Path packed = dir.resolve("packed.h5");
        writeRun(plain, StoreOptions.DEFAULT.withCompressedSpectra(false));
        writeRun(packed, StoreOptions.DEFAULT.withCompressedSpectra(true).withSync(JournalSync.EVERY_RECORD));
        MeasurementFile f = MeasurementFile.open(packed);
        assertSweepPoints(f.sweeps().get(0), 0);
        assertSweepPoints(f.sweeps().get(1), 100);
        assertTrue(Files.size(packed) < Files.size(plain) * 0.7,
                "float-exact spectra compress: " + Files.size(packed) + " vs " + Files.size(plain) + " bytes");
    }

    @Test
    void describeSaysWhatIsInsideInWords() throws Exception {
        Path out = dir.resolve("run.h5");
        writeRun(out, StoreOptions.DEFAULT);
        String text = MeasurementFile.open(out).describe();
        assertTrue(text.contains("2 sweeps"), text);
        assertTrue(text.contains("/sweeps/0, device stno-1: 30 currents from 0 A to 290.0 µA"), text);
        assertTrue(text.contains("spectra of 1001 bins 4.000 GHz to 6.000 GHz"), text);
        assertTrue(text.contains("INCOMPLETE (run stopped during the sweep)"), text);
        assertTrue(text.contains("3 complete drive sequences × 2 repeats × 50 steps of 1.000 ms, complete"), text);
        assertTrue(text.contains("physically measurable with the bench's instruments: NO (emulator dwell"), text);
        assertTrue(text.contains("instrument source: KEITHLEY INSTRUMENTS INC.,MODEL 2400"), text);
        assertTrue(text.contains("seeds: emulator=42 sequences=-7"), text);
    }

    @Test
    void largestAcceptedLabConfigAndNonAsciiTextSurvive() throws Exception {
        Path out = dir.resolve("big-config.h5");
        String config = ("# sweep 0.5 µA … 3 mA, Ω, ±\n" + "x".repeat(80) + "\n").repeat(540);
        Provenance p = null;
        while (p == null) { // the largest lab config that still fits the root attributes
            try {
                p = Provenance.builder("0.1.0").labConfig(config).instrument("a", "Ünïcode,IDN")
                        .metadata("notes", "n".repeat(45_000)).metadata("more", "m".repeat(45_000)).build();
            } catch (IllegalArgumentException tooLarge) {
                config = config.substring(0, config.length() - 100);
            }
        }
        assertTrue(config.length() > 40_000);
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, p, OverwritePolicy.REFUSE)) {
            SampleData.addSweepPoint(rec.beginSweep("stno-µ", SampleData.frequencyHz(), Map.of("note", "±1 dB")), 0);
        }
        MeasurementFile f = MeasurementFile.open(out);
        assertEquals(config, f.info().provenance().labConfigText());
        assertEquals("Ünïcode,IDN", f.info().provenance().instrumentIdn().get("a"));
        assertEquals(45_000, f.info().provenance().metadata().get("more").length());
        assertEquals("stno-µ", f.sweeps().get(0).deviceId());
        assertEquals("±1 dB", f.sweeps().get(0).settings().get("note"));
    }

    @Test
    void aRunWithoutDataStillMakesAValidFile() throws Exception {
        Path out = dir.resolve("empty.h5");
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE)) {
            rec.beginSweep("stno-1", SampleData.frequencyHz(), Map.of());
            rec.beginSequences("stno-1", SampleData.timeS(), 4, Map.of());
        }
        MeasurementFile f = MeasurementFile.open(out);
        assertEquals(0, f.sweeps().get(0).points());
        assertEquals(0, f.sequences().orElseThrow().sequences());
        assertTrue(f.describe().contains("0 currents"), f.describe());
    }
}
