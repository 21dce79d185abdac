package io.spinloop.lab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code channel:} in a lab-config: only where the model has it, each channel of one resource once. */
class SourceChannelsTest {
    private static final Path MIXED = LabConfigLoaderTest.labConfigs().resolve("emulated-mixed-bench.yaml");

    private static LabConfigException refuse(String yaml) {
        return assertThrows(LabConfigException.class, () -> LabConfigLoader.parse(Path.of("mixed.yaml"), yaml));
    }

    @Test
    void theMixedBenchDeclaresBothChannelsOfItsB2902A() throws Exception {
        LabConfig c = LabConfigLoader.load(MIXED).config();
        assertEquals(1, c.instrument("smu-b1").orElseThrow().channel());
        assertEquals(2, c.instrument("smu-b2").orElseThrow().channel());
        assertEquals(1, c.instrument("cs-a").orElseThrow().channel(), "no channel: channel 1");
    }

    @Test
    void aSecondChannelOnAOneChannelModelIsRefusedAtItsLine() throws Exception {
        String yaml = Files.readString(MIXED).replace(
                "    model: keysight-b2902a\n    resource: tcp://127.0.0.1:5133 # the same",
                "    model: keysight-b2901a\n    resource: tcp://127.0.0.1:5133 # the same");
        LabConfigException e = refuse(yaml);
        assertEquals("instruments[3].channel", e.field());
        assertTrue(e.problem().contains("keysight-b2901a has one channel"), e.problem());
        assertTrue(yaml.split("\n")[e.line() - 1].contains("channel: 2"), "line " + e.line());
    }

    @Test
    void oneChannelTwiceOrAnAnalyzerOnASourcesResourceIsRefused() throws Exception {
        String twice = Files.readString(MIXED).replace("    channel: 2\n", "    channel: 1\n");
        LabConfigException e = refuse(twice);
        assertEquals("instruments[3].channel", e.field());
        assertTrue(e.problem().contains("'smu-b1' already"), e.problem());
        String shared = Files.readString(MIXED).replace("resource: tcp://127.0.0.1:5134", "resource: tcp://127.0.0.1:5133");
        LabConfigException s = refuse(shared);
        assertEquals("instruments[4].resource", s.field());
        assertTrue(s.problem().contains("only the channels of one source"), s.problem());
    }

    /** Port 0 (any free port, as tests and `emulator serve` use it) is shared by nobody, and names no unit. */
    @Test
    void portZeroIsNoSharedResourceButCannotNameAUnit() throws Exception {
        String zero = Files.readString(MIXED).replaceAll("tcp://127\\.0\\.0\\.1:\\d+", "tcp://127.0.0.1:0");
        LabConfigException e = refuse(zero);
        assertEquals("instruments[3].resource", e.field());
        assertTrue(e.problem().contains("port 0"), e.problem());
        LabConfigLoader.parse(Path.of("zero.yaml"), Files.readString(LabConfigLoaderTest.labConfigs()
                .resolve("emulated-bench.yaml")).replaceAll("tcp://127\\.0\\.0\\.1:\\d+", "tcp://127.0.0.1:0"));
    }

    @Test
    void anEmulatedSecondChannelAnswersOnItsUnitsRawSocket() throws Exception {
        String hislip = Files.readString(MIXED).replace("tcp://127.0.0.1:5133", "TCPIP0::127.0.0.1::hislip0::INSTR");
        LabConfigException e = refuse(hislip);
        assertEquals("instruments[3].resource", e.field());
        assertTrue(e.problem().contains("raw socket"), e.problem());
    }

    @Test
    void anEmulatedSecondChannelNeedsItsUnit() throws Exception {
        String noUnit = Files.readString(MIXED).replace("    resource: tcp://127.0.0.1:5133\n    channel: 1\n",
                "    resource: tcp://127.0.0.1:5136\n    channel: 1\n");
        LabConfigException e = refuse(noUnit);
        assertEquals("instruments[3].channel", e.field());
        assertTrue(e.problem().contains("no channel 1"), e.problem());
    }
}
