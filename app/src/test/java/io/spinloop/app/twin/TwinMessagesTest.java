package io.spinloop.app.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.file.TwinRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the twin commands say when asked for something a twin cannot give, or given settings out of range. */
class TwinMessagesTest {
    @TempDir
    static Path shared;
    static Path data;
    static Path twin;

    @TempDir
    Path dir;

    @BeforeAll
    static void smallTwin() {
        data = shared.resolve("d.h5");
        twin = shared.resolve("t.h5");
        Cli.Result e = Cli.run("twin", "emulate", "--out", data.toString(), "--sequences", "8", "--repeats", "4",
                "--length", "30", "--low", "0.5e-3", "--high", "2.5e-3");
        assertEquals(0, e.exit(), e.err());
        Cli.Result f = Cli.run("twin", "fit", "--data", data.toString(), "--out", twin.toString(), "--epochs", "1",
                "--batch", "128", "--quiet");
        assertEquals(0, f.exit(), f.err());
    }

    @Test
    void invalidFitOptionsAreNamedWithTheirValueAndRange() {
        Path out = dir.resolve("t.h5");
        Cli.Result r = Cli.run("twin", "fit", "--data", data.toString(), "--out", out.toString(), "--epochs", "0",
                "--batch", "0", "--held-out", "1.5", "--lr", "-1", "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertEquals("spinloop twin fit: --epochs 0: must be at least 1; --batch 0: must be at least 1; --lr -1.0: "
                + "must be a positive number; --held-out 1.5: must be between 0 and 1 (both excluded)",
                r.err().lines().findFirst().orElse(""));
        assertFalse(r.err().contains("FitOptions["), r.err());
        assertFalse(Files.exists(out));
        Cli.Result w = Cli.run("twin", "fit", "--data", data.toString(), "--out", out.toString(), "--objective",
                "moments", "--window", "1", "--quiet");
        assertEquals(2, w.exit(), w.err());
        assertTrue(w.err().startsWith("spinloop twin fit: --window 1: must be at least 2\n"), w.err());
    }

    @Test
    void samplingOutsideTheFittedDriveRangeWarns() throws Exception {
        TwinRecord rec = TwinFile.read(twin);
        double[] range = rec.fittedDriveRange().orElseThrow();
        assertTrue(range[0] >= 0.5e-3 && range[1] <= 2.5e-3 && range[0] < range[1], range[0] + " .. " + range[1]);

        Cli.Result far = Cli.run("twin", "sample", "--twin", twin.toString(), "--drive", "1e-3,1", "--repeats", "2");
        assertEquals(0, far.exit(), far.err());
        assertTrue(far.err().contains("warning: the drive reaches 1 A, outside the "), far.err());
        assertTrue(far.err().contains("the twin " + twin + " was fitted on; there it extrapolates"), far.err());
        assertEquals(3, far.out().strip().lines().count(), "the sample is still drawn");

        double mid = (range[0] + range[1]) / 2;
        Cli.Result inside = Cli.run("twin", "sample", "--twin", twin.toString(), "--drive", mid + "," + range[1],
                "--repeats", "2");
        assertEquals(0, inside.exit(), inside.err());
        assertEquals("", inside.err());

        // a twin written before the range was recorded: said once, not silently taken as inside
        Map<String, Object> prov = new HashMap<>(rec.provenance());
        prov.remove(TwinRecord.DRIVE_LOW_KEY);
        prov.remove(TwinRecord.DRIVE_HIGH_KEY);
        Path old = dir.resolve("old.h5");
        TwinFile.write(old, new TwinRecord(rec.twin(), prov, rec.validation()), false);
        Cli.Result unknown = Cli.run("twin", "sample", "--twin", old.toString(), "--drive", String.valueOf(mid),
                "--repeats", "1");
        assertEquals(0, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains(old + " does not record the drive range it was fitted on"), unknown.err());
    }
}
