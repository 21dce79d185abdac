package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HDF5 library's own tool reads our files and sees the layout of DESIGN.md. */
class H5dumpCompatibilityTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsH5dump() {
        assumeTrue(onPath("h5dump"), "h5dump not installed (apt-get install hdf5-tools); skipping");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String h5dump(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "h5dump";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "h5dump failed:\n" + out);
        return out;
    }

    private static void contains(String text, String expected) {
        assertTrue(text.contains(expected), "h5dump output lacks «" + expected + "»:\n"
                + (text.length() > 6000 ? text.substring(0, 6000) + "..." : text));
    }

    @Test
    void h5dumpSeesShapesAttributesAndValues() throws Exception {
        Path out = dir.resolve("run.h5");
        MeasurementRoundTripTest.writeRun(out, StoreOptions.DEFAULT.withCompressedSpectra(false));
        String header = h5dump("-A", out.toString());
        contains(header, "ATTRIBUTE \"format\"");
        contains(header, "\"spinloop-measurements\"");
        contains(header, "ATTRIBUTE \"idn.source\"");
        contains(header, "ATTRIBUTE \"seed.emulator\"");
        contains(header, "ATTRIBUTE \"lab_config\"");
        contains(header, "GROUP \"/sweeps\"".replace("/sweeps", "sweeps"));
        contains(header, "DATASET \"spectrum_dBm\"");
        contains(header, "DATASPACE  SIMPLE { ( 30, 1001 ) / ( 30, 1001 ) }");
        contains(header, "DATASPACE  SIMPLE { ( 12, 1001 ) / ( 12, 1001 ) }");
        contains(header, "DATASET \"power_W\"");
        contains(header, "DATASPACE  SIMPLE { ( 3, 2, 50 ) / ( 3, 2, 50 ) }");
        contains(header, "DATASPACE  SIMPLE { ( 3, 50 ) / ( 3, 50 ) }");
        contains(header, "\"stno-2\"");
        contains(header, "ATTRIBUTE \"rbw_Hz\"");

        String current = h5dump("-d", "/sweeps/0/current_A", "-m", "%.6g", out.toString());
        contains(current, "(1): 1e-05,");
        contains(current, "(29): 0.00029");
        String units = h5dump("-a", "/sweeps/0/current_A/units", out.toString());
        contains(units, "\"A\"");
        String power = h5dump("-d", "/sequences/power_W", "-s", "2,1,0", "-c", "1,1,3", "-m", "%.6g", out.toString());
        contains(power, "(2,1,0): 3e-09,");
        contains(power, "(2,1,2): 3.004e-09");
    }

    @Test
    void h5dumpReadsCompressedAndRecoveredFiles() throws Exception {
        Path out = dir.resolve("packed.h5");
        MeasurementRoundTripTest.writeRun(out, StoreOptions.DEFAULT.withCompressedSpectra(true));
        String header = h5dump("-p", "-H", out.toString());
        contains(header, "COMPRESSION DEFLATE");
        contains(header, "PREPROCESSING SHUFFLE");
        String row = h5dump("-d", "/sweeps/0/spectrum_dBm", "-s", "3,500", "-c", "1,1", "-m", "%.4f", out.toString());
        contains(row, String.format(java.util.Locale.ROOT, "%.4f", SampleData.spectrum(3)[500]));

        Path crashed = dir.resolve("crashed.h5");
        MeasurementRecorder rec = MeasurementRecorder.create(crashed, SampleData.provenance(), OverwritePolicy.REFUSE);
        SweepRecorder s = rec.beginSweep("stno-1", SampleData.frequencyHz(), SampleData.analyzerSettings());
        for (int i = 0; i < 5; i++) {
            SampleData.addSweepPoint(s, i);
        }
        rec.releaseJournalWithoutFinalising();
        MeasurementRecovery.recover(crashed);
        String rec2 = h5dump("-A", crashed.toString());
        contains(rec2, "ATTRIBUTE \"recovered_points\"");
        contains(rec2, "DATASPACE  SIMPLE { ( 5, 1001 ) / ( 5, 1001 ) }");
    }
}
