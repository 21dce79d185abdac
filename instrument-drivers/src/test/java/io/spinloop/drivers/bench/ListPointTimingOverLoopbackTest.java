package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.ListPointTiming;
import io.spinloop.emulator.EmulatedBench;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both Keithley drivers read the integration time and line frequency a list point's bounds come from. */
class ListPointTimingOverLoopbackTest {
    @ParameterizedTest
    @ValueSource(strings = {"smu1", "smu2"})
    void theBoundsComeFromTheInstrumentsSettings(String name) {
        try (EmulatedBench bench = EmulatorBenches.sourcesAndAnalyzers();
             CurrentSource smu = Instruments.openCurrentSource(name, tcp(bench, name), "auto", TIMEOUTS, LIMITS)) {
            ListPointTiming t = smu.listPointTiming(Duration.ofMillis(2));
            assertEquals(new ListPointTiming(2e-3, 1, 60), t, "the emulated Keithleys power up at 1 NPLC, 60 Hz");
            assertEquals(2e-3 + 1.0 / 60, t.minimumS(), 1e-12);
        }
    }
}
