package io.spinloop.lab.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

/**
 * The parts of the small lab-config the config tests start from: a source {@code smu} and an analyzer {@code sa} on
 * loopback ports, and device {@code d1} between them with its limits. A test puts its own lines between the parts
 * (a model, more instruments, a field block, presets), so the line numbers its refusals name are those of its text.
 */
final class LabConfigTexts {
    /** The name every text is parsed under, as a refusal names it. */
    static final Path FILE = Path.of("bench.yaml");

    /** Lines 1-5: the bench and its source {@code smu}; the instruments list goes on after it. */
    static final String BENCH_AND_SOURCE = """
            bench: test-bench
            instruments:
              - name: smu
                role: source
                resource: tcp://127.0.0.1:5025
            """;

    /** The device {@code d1}, the first of the devices list, with the limits every run needs. */
    static final String DEVICE_D1 = """
            devices:
              - id: d1
                source: smu
                analyzer: sa
                limits:
                  max_current_A: 3.0e-3
                  compliance_V: 2.0
                  ramp_rate_A_per_s: 0.1
                  ramp_step_A: 1.0e-4
            """;

    private LabConfigTexts() {
    }

    /** The analyzer {@code sa} at port 5026, with {@code fields} (whole indented lines) before its resource. */
    static String analyzerSa(String... fields) {
        return "  - name: sa\n    role: analyzer\n" + String.join("", fields) + "    resource: tcp://127.0.0.1:5026\n";
    }

    /** Asserts that {@code yaml} is refused, returning the refusal for the test to check its file, line and field. */
    static LabConfigException refuse(String yaml) {
        return assertThrows(LabConfigException.class, () -> LabConfigLoader.parse(FILE, yaml));
    }
}
