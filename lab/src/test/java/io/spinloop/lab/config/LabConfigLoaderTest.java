package io.spinloop.lab.config;

import static io.spinloop.lab.config.LabConfigTexts.BENCH_AND_SOURCE;
import static io.spinloop.lab.config.LabConfigTexts.DEVICE_D1;
import static io.spinloop.lab.config.LabConfigTexts.FILE;
import static io.spinloop.lab.config.LabConfigTexts.analyzerSa;
import static io.spinloop.lab.config.LabConfigTexts.refuse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.lab.TestLabConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabConfigLoaderTest {
    /** The repository's lab-configs folder. */
    static Path labConfigs() {
        return TestLabConfigs.repoRoot().resolve("lab-configs");
    }

    private static final String GOOD = BENCH_AND_SOURCE + analyzerSa("    model: keysight-n9030b\n") + DEVICE_D1 + """
            presets:
              sweep:
                from_A: 0.0
                to_A: 2.5e-3
                step_A: 5.0e-5
            """;

    @ParameterizedTest
    @ValueSource(strings = {"emulated-bench.yaml", "emulated-gpib-bench.yaml", "keithley2400-keysight-lan.yaml",
            "keithley2400-rs232-fsv.yaml", "keithley2400-gpib-usb-fsv.yaml", "emulated-mixed-bench.yaml"})
    void shippedConfigsLoad(String name) {
        LoadedLabConfig c = LabConfigLoader.load(labConfigs().resolve(name));
        assertFalse(c.config().devices().isEmpty());
        assertEquals(name.startsWith("emulated-"), c.config().emulated());
    }

    @Test
    void defaultBenchHasDesignDefaultDeviceAndServesOnTheIssuePorts() {
        LabConfig c = LabConfigLoader.load(labConfigs().resolve("emulated-bench.yaml")).config();
        assertEquals(3, c.devices().size());
        assertEquals("tcp://127.0.0.1:5025", c.instrument(c.devices().get(0).source()).orElseThrow().resource());
        assertEquals("tcp://127.0.0.1:5026", c.instrument(c.devices().get(0).analyzer()).orElseThrow().resource());
        EmulatedDeviceParameters p = c.emulator().parametersOf("stno-a");
        assertEquals(5.0e9, p.f0Hz());
        assertEquals(1.0e-3, p.thresholdA());
        assertEquals(0.5, p.q());
        assertEquals(1.3e-3, c.emulator().parametersOf("stno-c").thresholdA());
        assertEquals(5.0e9, c.emulator().parametersOf("stno-c").f0Hz());
    }

    @Test
    void goodConfigBindsWithDefaults() {
        LabConfig c = LabConfigLoader.parse(FILE, GOOD).config();
        assertTrue(c.instrument("smu").orElseThrow().autoModel());
        assertEquals(5.0, c.instrument("smu").orElseThrow().timeouts().readS());
        assertEquals("lf", c.instrument("sa").orElseThrow().terminator());
        assertEquals(1001, c.presets().sweep().analyzer().points());
        assertFalse(c.emulated());
    }

    @Test
    void unknownFieldIsRefusedWithLineAndKnownFields() {
        LabConfigException e = refuse(GOOD.replace("    role: analyzer\n", "    role: analyzer\n    baudrate: 9600\n"));
        assertEquals(8, e.line());
        assertEquals("instruments[1].baudrate", e.field());
        assertTrue(e.problem().contains("unknown field 'baudrate'"), e.getMessage());
        assertTrue(e.problem().contains("resource"), e.getMessage());
        assertTrue(e.getMessage().startsWith("bench.yaml:8: instruments[1].baudrate: "), e.getMessage());
    }

    @Test
    void wrongTypeIsRefused() {
        LabConfigException e = refuse(GOOD.replace("compliance_V: 2.0", "compliance_V: two volts"));
        assertEquals("devices[0].limits.compliance_V", e.field());
        assertEquals(16, e.line());
        assertTrue(e.problem().startsWith("expected a number"), e.getMessage());
        LabConfigException q = refuse(GOOD.replace("compliance_V: 2.0", "compliance_V: \"2.0\""));
        assertEquals("devices[0].limits.compliance_V", q.field());
        LabConfigException role = refuse(GOOD.replace("role: source", "role: voltmeter"));
        assertEquals("instruments[0].role", role.field());
        assertTrue(role.problem().contains("source, analyzer"), role.getMessage());
        LabConfigException list = refuse(GOOD.replace("    from_A: 0.0\n", "    from_A: [0.0]\n"));
        assertEquals("presets.sweep.from_A", list.field());
    }

    @Test
    void exponentWithoutDotIsANumber() {
        LabConfig c = LabConfigLoader.parse(FILE, GOOD.replace("to_A: 2.5e-3", "to_A: 2e-3")).config();
        assertEquals(2e-3, c.presets().sweep().toA());
    }

    @Test
    void duplicateKeyIsRefused() {
        LabConfigException e = refuse(GOOD.replace("      compliance_V: 2.0\n",
                "      compliance_V: 2.0\n      compliance_V: 3.0\n"));
        assertEquals(17, e.line());
        assertTrue(e.problem().contains("compliance_V"), e.getMessage());
    }

    @Test
    void missingInstrumentReferenceIsRefused() {
        LabConfigException e = refuse(GOOD.replace("analyzer: sa\n", "analyzer: fsv\n"));
        assertEquals("devices[0].analyzer", e.field());
        assertEquals(13, e.line());
        assertTrue(e.problem().contains("no instrument named 'fsv'"), e.getMessage());
        LabConfigException wrongRole = refuse(GOOD.replace("analyzer: sa\n", "analyzer: smu\n"));
        assertTrue(wrongRole.problem().contains("expected a spectrum analyzer"), wrongRole.getMessage());
    }

    @Test
    void sweepBeyondLargestCurrentIsRefused() {
        LabConfigException e = refuse(GOOD.replace("to_A: 2.5e-3", "to_A: 3.5e-3"));
        assertEquals("presets.sweep.to_A", e.field());
        assertEquals(22, e.line());
        assertTrue(e.problem().contains("3.5 mA") && e.problem().contains("3 mA"), e.getMessage());
    }

    @Test
    void complianceBeyondInstrumentRangeIsRefused() {
        LabConfigException e = refuse(GOOD.replace("model: keysight-n9030b", "model: keysight-n9030b")
                .replace("compliance_V: 2.0", "compliance_V: 250.0"));
        assertEquals("devices[0].limits.compliance_V", e.field());
        assertTrue(e.problem().contains("210"), e.getMessage());
    }

    @Test
    void contradictoryLimitsAreRefused() {
        LabConfigException step = refuse(GOOD.replace("ramp_step_A: 1.0e-4", "ramp_step_A: 5.0e-3"));
        assertEquals("devices[0].limits.ramp_step_A", step.field());
        LabConfigException seq = refuse(GOOD + "  sequences: {min_A: 2.0e-3, max_A: 1.0e-3}\n");
        assertEquals("presets.sequences.min_A", seq.field());
        LabConfigException len = refuse(GOOD.replace("    role: source\n", "    role: source\n    model: keithley-2400\n")
                + "  sequences: {length: 3000}\n");
        assertTrue(len.problem().contains("at most 2,500 points"), len.getMessage());
        LabConfigException rbw = refuse(GOOD + "    analyzer: {rbw_Hz: 20.0e6}\n");
        assertEquals("presets.sweep.analyzer.rbw_Hz", rbw.field());
    }

    @Test
    void missingFieldsAndBadResourcesAreRefused() {
        LabConfigException limits = refuse(GOOD.replace("      max_current_A: 3.0e-3\n", ""));
        assertEquals("devices[0].limits.max_current_A", limits.field());
        assertEquals(14, limits.line(), "reported at the block that lacks it");
        LabConfigException res = refuse(GOOD.replace("tcp://127.0.0.1:5026", "gpib://0::18"));
        assertEquals("instruments[1].resource", res.field());
        LabConfigException serial = refuse(GOOD.replace("tcp://127.0.0.1:5026", "serial:///dev/ttyUSB0?speed=9600"));
        assertTrue(serial.problem().contains("unknown serial setting 'speed'"), serial.getMessage());
        LabConfigException model = refuse(GOOD.replace("keysight-n9030b", "keithley-2450"));
        assertTrue(model.problem().contains("is a current source"), model.getMessage());
    }

    @Test
    void visaResourcesAreAcceptedAndTheUnreachableOnesRefusedWithFileLineAndField() {
        LoadedLabConfig ok = LabConfigLoader.parse(FILE, GOOD.replace("tcp://127.0.0.1:5026", "TCPIP0::127.0.0.1::5026::SOCKET")
                .replace("tcp://127.0.0.1:5025", "asrl1::instr"));
        assertEquals("asrl1::instr", ok.config().instrument("smu").orElseThrow().resource());
        LabConfigLoader.parse(FILE, GOOD.replace("tcp://127.0.0.1:5026", "TCPIP0::10.0.0.7::INSTR")
                .replace("tcp://127.0.0.1:5025", "TCPIP0::10.0.0.8::hislip0::INSTR"));
        LabConfigException vxi = refuse(GOOD.replace("tcp://127.0.0.1:5026", "TCPIP0::10.0.0.7::INSTR?portmapper=x"));
        assertEquals("instruments[1].resource", vxi.field());
        assertEquals(9, vxi.line());
        assertTrue(vxi.getMessage().contains("bench.yaml"), vxi.getMessage());
        assertTrue(vxi.problem().contains("'TCPIP0::10.0.0.7::INSTR?portmapper=x'"), vxi.getMessage());
        LabConfigException gpib = refuse(GOOD.replace("tcp://127.0.0.1:5026", "GPIB0::40::INSTR"));
        assertTrue(gpib.problem().contains("primary address 40 is out of range"), gpib.getMessage());
    }

    @Test
    void emulatedHislipAndVxi11InstrumentsAreOnLoopbackOneServerEachAndADeviceNameEach() throws Exception {
        String gpib = Files.readString(labConfigs().resolve("emulated-gpib-bench.yaml"));
        LabConfigException host = refuse(gpib.replace("TCPIP0::127.0.0.1::hislip1::INSTR", "TCPIP0::10.0.0.5::hislip1::INSTR"));
        assertEquals("instruments[5].resource", host.field());
        assertTrue(host.problem().contains("expected host 127.0.0.1"), host.getMessage());
        LabConfigException port = refuse(gpib.replace("hislip1::INSTR", "hislip1,4999::INSTR"));
        assertTrue(port.problem().contains("serves one HiSLIP server (one port)")
                && port.problem().contains("hislip port 4999") && port.problem().contains("hislip port 4880"),
                port.getMessage());
        LabConfigException twice = refuse(gpib.replace("hislip1::INSTR", "hislip0::INSTR"));
        assertTrue(twice.problem().contains("device 'hislip0' is already instrument 'sa-a's"), twice.getMessage());
    }

    @Test
    void gpibInstrumentsNameTheirPrologixAndEachHasItsOwnAddress() {
        LabConfigLoader.parse(FILE, GOOD.replace("tcp://127.0.0.1:5025", "GPIB0::24::INSTR?via=10.0.0.9")
                .replace("tcp://127.0.0.1:5026", "gpib0::18::instr?via=tcp://10.0.0.9:1234"));
        LabConfigException noVia = refuse(GOOD.replace("tcp://127.0.0.1:5026", "GPIB0::18::INSTR"));
        assertTrue(noVia.problem().contains("GPIB0::18::INSTR?via=host[:1234]"), noVia.getMessage());
        LabConfigException twice = refuse(GOOD.replace("tcp://127.0.0.1:5025", "GPIB0::24::INSTR?via=10.0.0.9")
                .replace("tcp://127.0.0.1:5026", "GPIB0::24::INSTR?via=tcp://10.0.0.9:1234"));
        assertEquals("instruments[1].resource", twice.field());
        assertEquals(9, twice.line());
        assertTrue(twice.problem().contains("GPIB address 24 behind the Prologix at tcp://10.0.0.9:1234 is already"
                + " instrument 'smu'"), twice.getMessage());
    }

    /** GOOD with a Prologix controller and its source behind it at {@code source} (lines of fields: see below). */
    private static String behindController(String source) {
        return GOOD.replace("bench: test-bench\n", """
                bench: test-bench
                controllers:
                  - name: prologix-1
                    kind: prologix-ethernet
                    resource: tcp://10.0.0.9:1234
                """).replace("    resource: tcp://127.0.0.1:5025\n", source);
    }

    @Test
    void anInstrumentBehindAControllerIsOpenedThroughIt() {
        LabConfig byAddress = LabConfigLoader.parse(FILE, behindController("""
                    controller: prologix-1
                    gpib_address: 24
                """)).config();
        InstrumentConfig smu = byAddress.instrument("smu").orElseThrow();
        assertEquals("GPIB0::24::INSTR?controller=prologix-1&via=tcp://10.0.0.9:1234", LabConfig.driverResource(smu,
                byAddress.controller("prologix-1").orElseThrow().resource()));
        LabConfig byResource = LabConfigLoader.parse(FILE, behindController("""
                    controller: prologix-1
                    resource: GPIB0::7::INSTR
                """)).config();
        assertEquals("GPIB0::7::INSTR?controller=prologix-1&via=tcp://10.0.0.9:1234",
                LabConfig.driverResource(byResource.instrument("smu").orElseThrow(), "tcp://10.0.0.9:1234"));
    }

    @Test
    void controllersAndGpibAddressesAreCheckedNamingFileLineAndField() {
        LabConfigException unknown = refuse(behindController("""
                    controller: prologix-2
                    gpib_address: 24
                """));
        assertEquals("instruments[0].controller", unknown.field());
        assertEquals(9, unknown.line());
        assertTrue(unknown.getMessage().contains("bench.yaml"), unknown.getMessage());
        assertTrue(unknown.problem().contains("no controller named 'prologix-2'; controllers: prologix-1"),
                unknown.getMessage());

        LabConfigException range = refuse(behindController("""
                    controller: prologix-1
                    gpib_address: 31
                """));
        assertEquals("instruments[0].gpib_address", range.field());
        assertEquals(10, range.line());
        assertTrue(range.problem().contains("GPIB address 31 is out of range; expected 0 to 30"), range.getMessage());

        LabConfigException twice = refuse(behindController("""
                    controller: prologix-1
                    gpib_address: 18
                """).replace("    resource: tcp://127.0.0.1:5026\n", """
                    controller: prologix-1
                    resource: GPIB0::18::INSTR
                """));
        assertEquals("instruments[1].resource", twice.field());
        assertEquals(15, twice.line());
        assertTrue(twice.problem().contains("GPIB address 18 on controller 'prologix-1' is already instrument 'smu'"),
                twice.getMessage());

        LabConfigException noController = refuse(behindController("""
                    resource: GPIB0::24::INSTR
                """));
        assertEquals("instruments[0].resource", noController.field());
        assertTrue(noController.problem().contains("has no controller; name one of controllers (prologix-1)"),
                noController.getMessage());
        LabConfigException addressAlone = refuse(behindController("""
                    gpib_address: 24
                """));
        assertEquals("instruments[0].controller", addressAlone.field());

        LabConfigException kind = refuse(behindController("""
                    controller: prologix-1
                    gpib_address: 24
                """).replace("kind: prologix-ethernet", "kind: prologix-gpib-lan"));
        assertEquals("controllers[0].kind", kind.field());
        assertEquals(4, kind.line());
        assertTrue(kind.problem().contains("prologix-ethernet") && kind.problem().contains("prologix-usb"),
                kind.getMessage());
    }

    /** A Prologix GPIB-USB is a serial port, written either way; its instruments are opened through it. */
    @Test
    void aPrologixGpibUsbIsASerialController() {
        String usb = behindController("""
                    controller: prologix-1
                    gpib_address: 24
                """).replace("kind: prologix-ethernet", "kind: prologix-usb");
        LabConfig config = LabConfigLoader.parse(FILE, usb.replace("tcp://10.0.0.9:1234",
                "serial:///dev/ttyUSB0?backend=jssc")).config();
        assertEquals("GPIB0::24::INSTR?controller=prologix-1&via=serial:///dev/ttyUSB0?backend=jssc", LabConfig.driverResource(
                config.instrument("smu").orElseThrow(), config.controller("prologix-1").orElseThrow().resource()));
        LabConfigLoader.parse(FILE, usb.replace("tcp://10.0.0.9:1234", "ASRL/dev/ttyACM0::INSTR"));

        LabConfigException overTcp = refuse(usb);
        assertEquals("controllers[0].resource", overTcp.field());
        assertEquals(5, overTcp.line());
        assertTrue(overTcp.getMessage().contains("bench.yaml"), overTcp.getMessage());
        assertTrue(overTcp.problem().contains("a prologix-usb is a serial port")
                && overTcp.problem().contains("tcp://10.0.0.9:1234"), overTcp.getMessage());
        LabConfigException emulated = refuse(usb.replace("tcp://10.0.0.9:1234", "serial:///dev/ttyUSB0")
                .replace("bench: test-bench\n", "bench: test-bench\nemulator: {}\n"));
        assertEquals("controllers[0].kind", emulated.field());
        assertTrue(emulated.problem().contains("serves its Prologix gateway over TCP"), emulated.getMessage());
        LabConfigException badOption = refuse(usb.replace("tcp://10.0.0.9:1234", "serial:///dev/ttyUSB0?backend=rxtx"));
        assertEquals("controllers[0].resource", badOption.field());
        assertTrue(badOption.problem().contains("backend=rxtx"), badOption.getMessage());
    }

    @Test
    void aPortOutOfRangeIsCalledThatNamingTheResource() {
        LabConfigException e = refuse(GOOD.replace("tcp://127.0.0.1:5026", "tcp://127.0.0.1:99999"));
        assertEquals("instruments[1].resource", e.field());
        assertTrue(e.problem().contains("'tcp://127.0.0.1:99999'")
                && e.problem().contains("port 99999 is out of range 1\u201365535"), e.getMessage());
        LabConfigException huge = refuse(GOOD.replace("tcp://127.0.0.1:5026", "tcp://127.0.0.1:99999999999"));
        assertTrue(huge.problem().contains("port 99999999999 is out of range"), huge.getMessage());
    }

    @Test
    void emulatorBlockIsChecked() {
        String emulated = GOOD + "emulator:\n  seed: 3\n  devices:\n    d9: {threshold_A: 1.0e-3}\n";
        LabConfigException e = refuse(emulated);
        assertEquals("emulator.devices.d9", e.field());
        assertEquals(27, e.line());
        LabConfigException fault = refuse(GOOD + "emulator:\n  faults:\n    - {instrument: smu, kind: explode}\n");
        assertTrue(fault.problem().contains("unknown fault 'explode'"), fault.getMessage());
        LabConfigException serial = refuse(GOOD.replace("tcp://127.0.0.1:5026", "serial:///dev/ttyUSB0")
                + "emulator: {seed: 1}\n");
        assertTrue(serial.problem().contains("loopback"), serial.getMessage());
    }

    @Test
    void yamlSyntaxErrorHasALine() {
        LabConfigException e = refuse(GOOD.replace("    role: source\n", "    role: [source\n"));
        assertTrue(e.line() > 0, e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        LabConfigException e = assertThrows(LabConfigException.class,
                () -> LabConfigLoader.load(Path.of("no/such/bench.yaml")));
        assertTrue(e.getMessage().contains("no/such/bench.yaml"));
    }
}
