package io.spinloop.app.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.app.cli.JsonOutput;
import io.spinloop.lab.sweep.PowerCurveFit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep that cannot determine p(I) says so, and stores no invented threshold or Q. */
class SweepFitReportTest {
    @TempDir
    Path dir;

    @Test
    void tooFewPointsOrNoneAboveThresholdDetermineNothing() {
        assertEquals("no point above threshold among 1 point",
                PowerCurveFit.attempt(new double[] {0.5e-3}, new double[] {0}).notDetermined());
        assertEquals("only 2 points above threshold among 3 points; the fit needs at least 3",
                PowerCurveFit.attempt(new double[] {0.5e-3, 1.5e-3, 2e-3}, new double[] {0, 1e-9, 2e-9})
                        .notDetermined());
        PowerCurveFit truth = new PowerCurveFit(1e-3, 0.5, 25, 0);
        double[] i = new double[21];
        double[] p = new double[21];
        for (int k = 0; k < i.length; k++) {
            i[k] = 2.5e-3 * k / 20;
            p[k] = truth.powerW(i[k]);
        }
        PowerCurveFit.Outcome ok = PowerCurveFit.attempt(i, p);
        assertTrue(ok.determined(), ok.notDetermined());
        assertEquals(1e-3, ok.fit().thresholdA(), 3e-5);
    }

    @Test
    void aSubThresholdSweepSaysNotDeterminedInTextAndJson() throws Exception {
        String config = TestBenches.defaultBench().toString();
        Cli.Result text = Cli.run("measure", "sweep", "--config", config, "--out", dir.resolve("a.h5").toString(),
                "--from", "0", "--to", "0.5e-3", "--step", "1e-4", "--quiet");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("p(I) fit: threshold not determined (no point above threshold among 6 points)"),
                text.out());
        assertFalse(text.out().contains("Q 0.00"), text.out());

        Cli.Result json = Cli.run("measure", "sweep", "--config", config, "--out", dir.resolve("b.h5").toString(),
                "--from", "0", "--to", "0.5e-3", "--step", "1e-4", "--quiet", "--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode n = JsonOutput.mapper().readTree(json.out());
        assertTrue(n.get("threshold_A").isNull(), json.out());
        assertTrue(n.get("Q").isNull(), json.out());
        assertFalse(n.get("fit_determined").asBoolean());
        assertEquals("not determined (no point above threshold among 6 points)", n.get("fit_note").asText());

        Cli.Result one = Cli.run("measure", "sweep", "--config", config, "--out", dir.resolve("c.h5").toString(),
                "--from", "1.5e-3", "--to", "1.5e-3", "--step", "1e-4", "--quiet");
        assertEquals(0, one.exit(), one.err());
        assertTrue(one.out().contains("p(I) fit: threshold not determined (only 1 point above threshold among 1 point"),
                one.out());
    }
}
