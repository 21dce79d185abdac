package io.spinloop.app.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.app.cli.JsonOutput;
import io.spinloop.emulator.physics.MagneticParameters;
import io.spinloop.lab.bench.EmulatedBenchLauncher;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SpectrumMap;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field round trip (issue 15): a current × field map of stno-a on the emulated bench from 0 to 110 mT applied
 * (the line moves from 4 to 10 GHz; the analyzer's span follows it), then {@code data field-fit}, gives back the free
 * layer the emulator was configured with (lab-config {@code emulator.magnetic}): μ0M_eff within 6 % (its standard
 * error is about 2 %, the scale s being fitted too), μ0H_k within 3 % (standard error about 0.4 %); and the measured
 * threshold line follows the model I_th ∝ B + μ0H_k + μ0M_eff/2 within 10 % at every row, 5 % rms, with a slope
 * within 40 % of the model's (a field-independent threshold would have none).
 */
class FieldRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void aFieldMapFittedGivesTheConfiguredFreeLayerBack() throws Exception {
        Path bench = TestBenches.defaultBench();
        Path out = dir.resolve("field-map.h5");
        Cli.Result map = Cli.run("measure", "map", "--config", bench.toString(), "--device", "stno-a", "--out",
                out.toString(), "--from", "0.6e-3", "--to", "2.5e-3", "--step", "1e-4", "--field-from", "0",
                "--field-to", "0.11", "--field-step", "0.005", "--quiet");
        assertEquals(0, map.exit(), map.out() + map.err());

        SpectrumMap m = MeasurementFile.open(out).maps().get(0);
        assertEquals(20 * 23, m.points());
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        double span = ((Number) m.settings().get("span_Hz")).doubleValue();
        for (int k = 0; k < m.points(); k++) {
            double c = m.analyzerCentreHz()[k];
            lowest = Math.min(lowest, c);
            highest = Math.max(highest, c);
            double peak = m.peakFrequencyHz()[k];
            if (m.powerW()[k] > 0) { // every line found lies inside the span it was taken with
                double[] axis = m.frequencyAxisAt(k);
                assertTrue(peak > axis[0] && peak < axis[axis.length - 1], "point " + k);
            }
            assertEquals(m.y()[k], m.yRead()[k], 2e-4, "the gaussmeter's field at point " + k);
        }
        assertTrue(highest - lowest > 5 * span, "the span followed the line: centres " + lowest + " to " + highest);

        Cli.Result fit = Cli.run("data", "field-fit", out.toString(), "--json");
        assertEquals(0, fit.exit(), fit.out() + fit.err());
        JsonNode f = JsonOutput.mapper().readTree(fit.out());
        MagneticParameters truth = EmulatedBenchLauncher.magneticOf(LabConfigLoader.load(bench).config().emulator());
        assertEquals(truth.effectiveMagnetisationT(), f.get("configured_effective_magnetisation_T").asDouble());
        assertEquals(truth.biasFieldT(), f.get("configured_anisotropy_field_T").asDouble());
        double meff = f.get("effective_magnetisation_T").asDouble();
        double hk = f.get("anisotropy_field_T").asDouble();
        assertEquals(truth.effectiveMagnetisationT(), meff, 0.06 * truth.effectiveMagnetisationT(), fit.out());
        assertEquals(truth.biasFieldT(), hk, 0.03 * truth.biasFieldT(), fit.out());
        assertTrue(f.get("effective_magnetisation_sigma_T").asDouble() < 0.04, fit.out());

        // I_th(B): per row and in rms against the model, and the trend (least-squares slope over intercept).
        double sb = 0;
        double st = 0;
        double sbb = 0;
        double sbt = 0;
        double ss = 0;
        int n = 0;
        for (JsonNode row : f.get("rows")) {
            assertTrue(row.get("f0_Hz").isNumber(), "every row has its f0: " + row);
            if (!row.get("threshold_A").isNumber()) {
                continue;
            }
            double b = row.get("field_T").asDouble();
            double th = row.get("threshold_A").asDouble();
            double dev = th / row.get("threshold_model_A").asDouble() - 1;
            assertTrue(Math.abs(dev) < 0.10, "I_th at " + b + " T deviates " + dev + " from the model");
            ss += dev * dev;
            sb += b;
            st += th;
            sbb += b * b;
            sbt += b * th;
            n++;
        }
        assertTrue(n >= 20, n + " rows with a threshold");
        assertTrue(Math.sqrt(ss / n) < 0.05, "rms deviation " + Math.sqrt(ss / n));
        double slope = (n * sbt - sb * st) / (n * sbb - sb * sb);
        double intercept = (st - slope * sb) / n;
        double modelRatio = 1 / (truth.biasFieldT() + truth.effectiveMagnetisationT() / 2); // d ln I_th/dB at B = 0
        assertEquals(modelRatio, slope / intercept, 0.4 * modelRatio, "relative slope of I_th(B), 1/T");
    }

    /**
     * {@code --refine-rows 12} over 45 candidate fields (2.5 mT apart): 12 complete rows, more of them in the lower half
     * of the range, where f0(B) is steeper (about 100 MHz/mT at 0 mT against 45 at 110), every one with its f0 (the
     * span follows a line that the coarse first pass extrapolates over 37.5 mT steps), and the fit still gives
     * μ0H_k within 3 % and μ0M_eff within 10 %.
     */
    @Test
    void aRefinedFieldMapSpendsItsRowsWhereTheLineMovesFastest() throws Exception {
        Path bench = TestBenches.defaultBench();
        Path out = dir.resolve("refined-map.h5");
        Cli.Result map = Cli.run("measure", "map", "--config", bench.toString(), "--device", "stno-a", "--out",
                out.toString(), "--from", "0.6e-3", "--to", "2.5e-3", "--step", "1e-4", "--field-from", "0",
                "--field-to", "0.11", "--field-step", "0.0025", "--refine-rows", "12", "--quiet", "--json");
        assertEquals(0, map.exit(), map.out() + map.err());
        assertEquals(240, JsonOutput.mapper().readTree(map.out()).get("planned").asInt(), map.out());

        SpectrumMap m = MeasurementFile.open(out).maps().get(0);
        assertTrue(m.complete(), "a refined map is complete when its row budget is spent");
        assertEquals(12 * 20, m.points());
        int lower = 0;
        int upper = 0;
        for (int iy = 0; iy < m.grid().y().length; iy++) {
            int taken = 0;
            for (int ix = 0; ix < 20; ix++) {
                taken += m.pointAt(ix, iy) >= 0 ? 1 : 0;
            }
            assertTrue(taken == 0 || taken == 20, "row " + iy + " is measured whole or not at all: " + taken);
            if (taken == 20) {
                if (m.grid().y()[iy] <= 0.055) {
                    lower++;
                } else {
                    upper++;
                }
            }
        }
        assertEquals(12, lower + upper);
        assertTrue(lower > upper, lower + " rows at or below 55 mT, " + upper + " above");

        Cli.Result fit = Cli.run("data", "field-fit", out.toString(), "--json");
        assertEquals(0, fit.exit(), fit.out() + fit.err());
        JsonNode f = JsonOutput.mapper().readTree(fit.out());
        int withF0 = 0;
        for (JsonNode row : f.get("rows")) {
            withF0 += row.get("f0_Hz").isNumber() ? 1 : 0;
        }
        assertEquals(12, withF0, fit.out());
        MagneticParameters truth = EmulatedBenchLauncher.magneticOf(LabConfigLoader.load(bench).config().emulator());
        assertEquals(truth.biasFieldT(), f.get("anisotropy_field_T").asDouble(), 0.03 * truth.biasFieldT(), fit.out());
        assertEquals(truth.effectiveMagnetisationT(), f.get("effective_magnetisation_T").asDouble(),
                0.10 * truth.effectiveMagnetisationT(), fit.out());
    }
}
