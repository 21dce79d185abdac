package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.InstrumentMismatchException;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.SpectrumTrace;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.InstrumentModels;
import io.spinloop.emulator.instruments.Keithley2400;
import io.spinloop.emulator.instruments.KeysightXSeries;
import io.spinloop.emulator.instruments.ModelIdentity;
import io.spinloop.emulator.instruments.SourceMeter;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Models the emulator gained by registration alone reach the drivers like built-in ones, and their {@code *IDN?}
 * decides what {@code model: auto} does: an older X-series analyzer is driven, a source model spinloop has no
 * driver for is refused by name.
 */
class NewEmulatedModelTest {
    private static final io.spinloop.emulator.instruments.SpectrumAnalyzer.Model N9010A =
            new io.spinloop.emulator.instruments.SpectrumAnalyzer.Model("AGILENT_N9010A",
                    new ModelIdentity("Agilent Technologies", "N9010A", "A.14.16"), KeysightXSeries::new);
    private static final SourceMeter.Model K2401 = new SourceMeter.Model("KEITHLEY_2401",
            new ModelIdentity("KEITHLEY INSTRUMENTS INC.", "MODEL 2401", "C32"), Keithley2400::new);

    private static EmulatedBench bench;

    @BeforeAll
    static void startBench() throws IOException {
        InstrumentModels.register(N9010A);
        InstrumentModels.register(K2401);
        bench = EmulatedBench.builder().seed(42)
                .device("stno1", DeviceParameters.defaults())
                .currentSource("smu", "keithley-2401", null, 0, "stno1")
                .analyzer("sa", "agilent-n9010a", null, 0, List.of("stno1"))
                .timing(Timing.VIRTUAL)
                .start();
    }

    @AfterAll
    static void stopBench() {
        bench.close();
    }

    @Test
    void autoIdentifiesAndDrivesAnAnalyzerKnownByItsIdentity() {
        try (SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa", tcp(bench, "sa"), "auto", TIMEOUTS)) {
            assertEquals("N9010A", sa.identity().model());
            sa.setCenterSpan(5e9, 100e6);
            sa.setPoints(401);
            SpectrumTrace trace = sa.sweep();
            assertEquals(401, trace.points());
            assertEquals(4.95e9, trace.frequencyHz()[0], 1);
        }
    }

    @Test
    void autoRefusesASourceModelWithoutADriverNamingItsIdentity() {
        InstrumentMismatchException e = assertThrows(InstrumentMismatchException.class,
                () -> Instruments.open("smu", tcp(bench, "smu"), "auto", TIMEOUTS, LIMITS, null).close());
        assertTrue(e.getMessage().contains("KEITHLEY INSTRUMENTS INC.,MODEL 2401,EMU-0001,C32"), e.getMessage());
        assertTrue(e.getMessage().contains("no driver"), e.getMessage());
    }
}
