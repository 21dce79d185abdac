package io.spinloop.app.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.app.cli.JsonOutput;
import io.spinloop.lab.sweep.PowerCurveFit;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SequenceSet;
import io.spinloop.measurements.Sweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the emulated bench, through the command line, the real drivers over loopback and the
 * store: the derived curves must show the physics the config sets (devices without spread or drift, so
 * the truth is known).
 */
class EmulatedMeasurementTest {
    @TempDir
    static Path dir;
    static Path exact;
    static Path sweepFile;

    @BeforeAll
    static void sweep() throws Exception {
        exact = TestBenches.write(dir, "exact.yaml", TestBenches.exactBenchText());
        sweepFile = dir.resolve("sweep.h5");
        Cli.Result r = Cli.run("measure", "sweep", "--config", exact.toString(), "--device", "stno-a", "--out",
                sweepFile.toString(), "--json", "--quiet");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void sweepShowsTheThresholdAndTheConfiguredPhysics() throws Exception {
        Sweep s = MeasurementFile.open(sweepFile).sweeps().get(0);
        assertTrue(s.complete());
        assertEquals(51, s.points());
        assertEquals(1001, s.frequencyHz().length);
        PowerCurveFit fit = PowerCurveFit.fit(s.currentA(), s.powerW());
        // Configured: I_th = 1 mA, Q = 0.5, f0 = 5 GHz, N/2pi = -1 GHz per unit p, -40 dBm and 10 MHz at 2 I_th.
        // The threshold extrapolated from p(I) above 1.2 I_th lands within a 50 uA step of 1 mA.
        assertEquals(1.0e-3, fit.thresholdA(), 0.05e-3, "threshold");
        int at2 = 40;
        assertEquals(2.0e-3, s.currentA()[at2], 1e-12);
        double pRef = 1e-3 * Math.pow(10, -40.0 / 10);
        for (int i = 0; i < s.points(); i++) {
            double current = s.currentA()[i];
            double x = current / 1e-3;
            if (x <= 0.8) {
                // Below threshold no line stands out, or only a faint thermal one: 30 dB under the 2 I_th power.
                assertTrue(s.powerW()[i] < 1e-3 * pRef, "power at " + current + " A: " + s.powerW()[i]);
            }
            if (x >= 1.2) {
                double p0 = (x - 1) / (x + 0.5);
                // Emitted power K I^2 p0 with K set by -40 dBm at 2 I_th (p0 = 0.4). 16 averages leave about 5 %
                // per point on the fitted area; 15 % is three of those.
                double expected = pRef * (x / 2) * (x / 2) * p0 / 0.4;
                assertEquals(expected, s.powerW()[i], 0.15 * expected, "power at " + current + " A");
                // f = f0 + N p: thermal fluctuations of p move the mean line by a few MHz at most.
                assertEquals(5e9 - 1e9 * p0, s.peakFrequencyHz()[i], 5e6, "line frequency at " + current + " A");
            }
        }
        assertEquals(10e6, s.linewidthHz()[at2], 1.5e6, "linewidth at 2 I_th");
    }

    @Test
    void h5dumpReadsTheFile() throws Exception {
        if (!h5dumpAvailable()) {
            return; // .ci/run installs hdf5-tools; without it there is no independent reader to ask
        }
        Process p = new ProcessBuilder("h5dump", "-H", sweepFile.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("spectrum_dBm") && out.contains("peak_frequency_Hz") && out.contains("( 51, 1001 )"),
                out);
    }

    static boolean h5dumpAvailable() {
        try {
            Process p = new ProcessBuilder("h5dump", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Standard deviation across repeats, averaged over sequences and steps, relative to the mean. */
    private static double repeatSpread(SequenceSet q) {
        double sum = 0;
        int n = 0;
        for (int s = 0; s < q.sequences(); s++) {
            for (int t = 0; t < q.steps(); t++) {
                double m = 0;
                for (int r = 0; r < q.repeats(); r++) {
                    m += q.powerW()[s][r][t];
                }
                m /= q.repeats();
                double v = 0;
                for (int r = 0; r < q.repeats(); r++) {
                    double d = q.powerW()[s][r][t] - m;
                    v += d * d;
                }
                if (m > 0) {
                    sum += Math.sqrt(v / (q.repeats() - 1)) / m;
                    n++;
                }
            }
        }
        return sum / n;
    }

    private static SequenceSet sequences(String name, String configText) throws Exception {
        Path cfg = TestBenches.write(dir, name + ".yaml", configText);
        Path out = dir.resolve(name + ".h5");
        Cli.Result r = Cli.run("measure", "sequences", "--config", cfg.toString(), "--device", "stno-a", "--out",
                out.toString(), "--sequences", "4", "--repeats", "6", "--length", "60", "--json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode n = JsonOutput.mapper().readTree(r.out());
        assertTrue(n.get("completed").asBoolean());
        return MeasurementFile.open(out).requireSequences();
    }

    /**
     * Repeats of the same drive differ by independent noise (their halves agree to within what averaging
     * predicts), while their mean follows the drive: the power in the filter is largest where the line sits at
     * the center (the bias current) and falls as the drive moves the line away.
     */
    @Test
    void sequenceRepeatsShowNoiseAroundTheDrivenResponse() throws Exception {
        SequenceSet q = sequences("seq", TestBenches.exactBenchText());
        assertEquals(4, q.sequences());
        assertEquals(6, q.repeats());
        assertEquals(60, q.steps());
        double bias = (Double) q.settings().get("bias_A");
        double spread = repeatSpread(q);
        assertTrue(spread > 0.02, "repeats differ: relative spread " + spread);
        // Independent noise: means of 3 repeats differ by sqrt(2/3) of one repeat's spread, on average.
        double halves = 0;
        int n = 0;
        for (int s = 0; s < q.sequences(); s++) {
            for (int t = 0; t < q.steps(); t++) {
                double a = 0;
                double b = 0;
                for (int r = 0; r < 3; r++) {
                    a += q.powerW()[s][r][t] / 3;
                    b += q.powerW()[s][r + 3][t] / 3;
                }
                halves += Math.abs(a - b) / (0.5 * (a + b));
                n++;
            }
        }
        halves /= n;
        double expected = Math.sqrt(2.0 / 3) * spread * Math.sqrt(2 / Math.PI);
        assertTrue(halves > 0.5 * expected && halves < 2 * expected, "halves " + halves + ", expected " + expected);
        // The mean over repeats follows the drive: anti-correlated with the distance of the current from the bias.
        double[] x = new double[q.sequences() * q.steps()];
        double[] y = new double[x.length];
        for (int s = 0; s < q.sequences(); s++) {
            for (int t = 0; t < q.steps(); t++) {
                double m = 0;
                for (int r = 0; r < q.repeats(); r++) {
                    m += q.powerW()[s][r][t] / q.repeats();
                }
                x[s * q.steps() + t] = Math.abs(q.driveA()[s][t] - bias);
                y[s * q.steps() + t] = m;
            }
        }
        double c = correlation(x, y);
        assertTrue(c < -0.5, "power in the filter falls as the drive moves the line away: correlation " + c);
    }

    private static double correlation(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void sweepJsonReportsTheFit() throws Exception {
        Path out = dir.resolve("json.h5");
        Cli.Result r = Cli.run("measure", "sweep", "--config", exact.toString(), "--device", "stno-b", "--out",
                out.toString(), "--from", "0.5e-3", "--to", "2.5e-3", "--step", "1e-4", "--json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode n = JsonOutput.mapper().readTree(r.out());
        assertEquals(21, n.get("done").asInt());
        assertEquals(1.0e-3, n.get("threshold_A").asDouble(), 0.08e-3);
        assertTrue(Files.exists(out));
    }
}
