package io.spinloop.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the emulated analyzer measures, through the socket, against the physics it should show: noise floor,
 * averaging, linewidth, line power, zero span on the trigger link. Fixed seeds; tolerances from sample sizes.
 */
class AnalyzerMeasurementTest {
    /** −150 dBm/Hz times the Gaussian filter's noise bandwidth, per hertz of RBW. */
    private static final double FLOOR_PER_HZ_RBW = 1e-18 * Math.sqrt(Math.PI / (4 * Math.log(2)));
    private static final double FLOOR_W = FLOOR_PER_HZ_RBW * 1e6;

    private EmulatedBench bench;
    private ScpiClient smu;
    private ScpiClient sa;

    @BeforeEach
    void start() throws IOException {
        bench = EmulatedBench.builder().seed(3)
                .device("d", DeviceParameters.defaults().withoutVariation())
                .currentSource("smu", SourceModel.KEITHLEY_2400, 0, "d")
                .analyzer("sa", AnalyzerModel.KEYSIGHT_N9020B, 0, "d")
                .triggerLink("smu", "sa")
                .start();
        smu = new ScpiClient(bench.address("smu"));
        sa = new ScpiClient(bench.address("sa"));
        sa.write(":INIT:CONT OFF;:FORM REAL,32;:FORM:BORD SWAP");
    }

    @AfterEach
    void stop() throws IOException {
        smu.close();
        sa.close();
        bench.close();
    }

    private void drive(double amps) throws IOException {
        smu.write("*RST;:SOUR:FUNC CURR;:SENS:VOLT:PROT 10;:SOUR:CURR " + amps + ";:OUTP ON");
        // the two instruments listen on separate connections: wait until the source has done it
        assertEquals("1", smu.query("*OPC?"));
    }

    private float[] sweep() throws IOException {
        assertEquals("1", sa.query(":INIT;*OPC?"));
        sa.write(":TRAC? TRACE1");
        ByteBuffer b = ByteBuffer.wrap(sa.readBlock()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    private static double[] watts(float[] dbm) {
        double[] w = new double[dbm.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1e-3 * Math.pow(10, dbm[i] / 10);
        }
        return w;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double relativeSpread(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1)) / m;
    }

    @Test
    void noiseFloorIsMinus150DbmPerHzTimesTheNoiseBandwidth() throws IOException {
        sa.write(":FREQ:CENT 3GHz;SPAN 500MHz;:BAND 1MHz;:SWE:POIN 4001");
        double[] w = watts(sweep());
        // exponential fluctuations: relative standard error 1/sqrt(N); 5 of them
        assertEquals(FLOOR_W, mean(w), 5 * FLOOR_W / Math.sqrt(w.length));
        sa.write(":BAND 100kHz");
        double[] narrow = watts(sweep());
        assertEquals(FLOOR_W / 10, mean(narrow), 5 * FLOOR_W / 10 / Math.sqrt(narrow.length));
    }

    @Test
    void averagingShrinksTraceNoiseBySqrtN() throws IOException {
        sa.write(":FREQ:CENT 3GHz;SPAN 500MHz;:BAND 1MHz;:SWE:POIN 4001");
        double single = relativeSpread(watts(sweep()));
        sa.write(":AVER:COUN 16;:AVER ON");
        double averaged = relativeSpread(watts(sweep()));
        assertEquals(1.0, single, 0.1);
        // ratio of two sample spreads of 4001 points: a few per cent; allow 12 %
        assertEquals(4.0, single / averaged, 0.12 * 4);
        sa.write(":AVER OFF;:BAND:VID 10kHz");
        double videoFiltered = relativeSpread(watts(sweep()));
        assertEquals(0.1, videoFiltered, 0.012, "VBW = RBW/100 averages about 100 looks");
    }

    @Test
    void lineHasTheCalibratedPowerWidthAndRedShiftedFrequency() throws IOException {
        drive(2e-3);
        double p0 = 1 / 2.5;
        double line = 5e9 - 1e9 * p0;
        sa.write(":FREQ:CENT " + line + ";SPAN 80MHz;:BAND 100kHz;:SWE:POIN 1601;:AVER:COUN 400;:AVER ON");
        float[] trace = sweep();
        sa.write(":CALC:MARK1:MAX");
        double peakFrequency = Double.parseDouble(sa.query(":CALC:MARK1:X?"));
        assertEquals(line, peakFrequency, 1e6);
        // full width at half maximum from the averaged trace
        double[] w = watts(trace);
        int peak = 0;
        for (int i = 0; i < w.length; i++) {
            peak = w[i] > w[peak] ? i : peak;
        }
        double half = mean(java.util.Arrays.copyOfRange(w, peak - 3, peak + 4)) / 2;
        int left = peak;
        while (w[left] > half) {
            left--;
        }
        int right = peak;
        while (w[right] > half) {
            right++;
        }
        double fwhm = (right - left) * 80e6 / 1600;
        assertEquals(10e6, fwhm, 1.5e6);
        // X-series band edges are absolute frequencies
        sa.write(":CALC:MARK1:FUNC BPOW;:CALC:MARK1:FUNC:BAND:LEFT " + (line - 39.9e6)
                + ";:CALC:MARK1:FUNC:BAND:RIGH " + (line + 39.9e6));
        assertEquals(line - 39.9e6, Double.parseDouble(sa.query(":CALC:MARK1:FUNC:BAND:LEFT?")), 1);
        assertEquals(79.8e6, Double.parseDouble(sa.query(":CALC:MARK1:FUNC:BAND:SPAN?")), 1);
        double band = Double.parseDouble(sa.query(":CALC:MARK1:Y?"));
        // a Lorentzian of 10 MHz FWHM holds 2/π·atan(7.98) = 92.1 % of its power within ±39.9 MHz
        assertEquals(-40 + 10 * Math.log10(2 / Math.PI * Math.atan(7.98)), band, 0.3);
        // an edge off screen gives not-a-number, as on the X-series
        sa.write(":CALC:MARK1:FUNC:BAND:SPAN 200MHz");
        assertEquals(9.91e37, Double.parseDouble(sa.query(":CALC:MARK1:Y?")), 1e32);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void zeroSpanOnTheTriggerLinkShowsPowerVersusTimeOverTheList(boolean continuous) throws IOException {
        double line = 5e9 - 1e9 / 2.5; // the line at 2 mA
        sa.write(":FREQ:CENT " + line + ";SPAN 0;:BAND 8MHz;:SWE:POIN 601;:SWE:TIME 6e-3;:TRIG:SOUR EXT");
        sa.write(continuous ? ":INIT:CONT ON" : ":INIT");
        // a query after INIT proves the analyzer is armed before the source starts
        assertEquals("EXT1", sa.query(":TRIG:SOUR?"));
        smu.write("*RST;:SOUR:FUNC CURR;:SENS:VOLT:PROT 10;:SOUR:CURR 0;:OUTP ON;:SOUR:CURR:MODE LIST");
        smu.write(":SOUR:LIST:CURR 0,1e-3,1.5e-3,2e-3,2.5e-3,0;:TRIG:COUN 6;:SOUR:DEL 0.5e-3;:SENS:VOLT:NPLC 0.01;:SYST:AZER OFF");
        smu.write(":TRIG:OUTP SOUR;:INIT");
        assertEquals("1", smu.query("*OPC?"));
        assertEquals("1", sa.query("*OPC?"));
        sa.write(":TRAC? TRACE1");
        ByteBuffer b = ByteBuffer.wrap(sa.readBlock()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        double[] w = new double[601];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1e-3 * Math.pow(10, b.getFloat() / 10);
        }
        double period = 0.5e-3 + 0.01 / 60 + 0.4e-3;
        double[] stepMean = new double[6];
        for (int k = 0; k < 6; k++) {
            int from = (int) Math.ceil((k * period + 0.1e-3) / 1e-5);
            int to = (int) Math.floor(((k + 1) * period - 0.1e-3) / 1e-5);
            stepMean[k] = mean(java.util.Arrays.copyOfRange(w, from, Math.min(to, 600)));
        }
        double floor = FLOOR_W * 8;
        assertEquals(floor, stepMean[0], 0.3 * floor, "no current, floor");
        assertEquals(floor, stepMean[1], 0.3 * floor, "at threshold the line is 200 MHz away from the filter");
        int best = 0;
        for (int k = 0; k < 6; k++) {
            best = stepMean[k] > stepMean[best] ? k : best;
        }
        assertEquals(3, best, "2 mA puts the line in the filter");
        assertTrue(stepMean[3] > 1000 * floor, "the line stands 30 dB above the floor");
        assertEquals(floor, stepMean[5], 0.3 * floor, "back to zero");
    }
}
