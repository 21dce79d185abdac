package io.spinloop.app.benchmark;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.server.PseudoTerminalPair;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The ways {@code benchmark scpi --transport} reaches the emulated source and analyzer, one entry each: how the
 * instruments are wired to the emulator (plain sockets, pseudo-terminals made by socat, the Prologix gateway, the
 * VXI-11 and HiSLIP servers, which serve the source at inst0/hislip0 and the analyzer at inst1/hislip1) and the
 * resource strings the drivers open. A new transport is one more entry.
 */
enum ScpiTransport {
    TCP("tcp", "raw SCPI socket (tcp://)", (bench, dir, closing) -> new String[] {
        tcp(bench.address("smu1")), tcp(bench.address("sa1"))}),
    SERIAL("serial", "pseudo-terminal bridged to the socket, jSerialComm (serial://)", (bench, dir, closing) -> new String[] {
        "serial://" + bridge(bench, "smu1", dir, closing) + "?baud=115200",
        "serial://" + bridge(bench, "sa1", dir, closing) + "?baud=115200"}),
    SERIAL_JSSC("serial-jssc", "pseudo-terminal bridged to the socket, jssc (serial://...&backend=jssc)",
        (bench, dir, closing) -> new String[] {
            "serial://" + bridge(bench, "smu1", dir, closing) + "?baud=115200&backend=jssc",
            "serial://" + bridge(bench, "sa1", dir, closing) + "?baud=115200&backend=jssc"}),
    GPIB_TCP("gpib-tcp", "GPIB through the emulated Prologix GPIB-ETHERNET (GPIB0::n::INSTR?via=host:port)",
        (bench, dir, closing) -> {
            String via = "?via=127.0.0.1:" + bench.gatewayAddress().getPort();
            return new String[] {"GPIB0::" + ScpiTransport.SOURCE_ADDRESS + "::INSTR" + via,
                "GPIB0::" + ScpiTransport.ANALYZER_ADDRESS + "::INSTR" + via};
        }),
    GPIB_SERIAL("gpib-serial", "GPIB through the emulated Prologix GPIB-USB on a pseudo-terminal pair (via=serial://)",
        (bench, dir, closing) -> {
            PseudoTerminalPair pair = PseudoTerminalPair.open(dir.resolve("ttyPrologixUsb"), dir.resolve("ttyGateway"));
            closing.add(pair);
            bench.gateway().servePseudoTerminal(pair.server());
            String via = "?via=serial://" + pair.client() + "?baud=115200";
            return new String[] {"GPIB0::" + ScpiTransport.SOURCE_ADDRESS + "::INSTR" + via,
                "GPIB0::" + ScpiTransport.ANALYZER_ADDRESS + "::INSTR" + via};
        }),
    USBTMC("usbtmc", "device file (usbtmc://), a pseudo-terminal bridged to the socket standing in for /dev/usbtmcN",
        (bench, dir, closing) -> new String[] {
            "usbtmc://" + bridge(bench, "smu1", dir, closing), "usbtmc://" + bridge(bench, "sa1", dir, closing)}),
    VXI11("vxi11", "VXI-11 through the emulated portmapper and core channel (TCPIP0::host::instN::INSTR)",
        (bench, dir, closing) -> {
            String portmapper = "::INSTR?portmapper=" + bench.vxi11PortmapperAddress().getPort();
            return new String[] {"TCPIP0::127.0.0.1::inst0" + portmapper, "TCPIP0::127.0.0.1::inst1" + portmapper};
        }),
    HISLIP("hislip", "HiSLIP through the emulated server (TCPIP0::host::hislipN,port::INSTR)",
        (bench, dir, closing) -> {
            int port = bench.hislipAddress().getPort();
            return new String[] {"TCPIP0::127.0.0.1::hislip0," + port + "::INSTR",
                "TCPIP0::127.0.0.1::hislip1," + port + "::INSTR"};
        });

    /** GPIB addresses of the source and the analyzer on the emulated Prologix bus. */
    static final int SOURCE_ADDRESS = 24;
    static final int ANALYZER_ADDRESS = 18;

    /** Wires the bench's smu1 and sa1 for this transport; returns their resources. */
    interface Wiring {
        String[] wire(EmulatedBench bench, Path scratch, List<AutoCloseable> closing) throws IOException;
    }

    private final String option;
    private final String description;
    private final Wiring wiring;

    ScpiTransport(String option, String description, Wiring wiring) {
        this.option = option;
        this.description = description;
        this.wiring = wiring;
    }

    String option() {
        return option;
    }

    String description() {
        return description;
    }

    /** Resources of the source and the analyzer, wired now; what must be closed afterwards goes to {@code closing}. */
    String[] wire(EmulatedBench bench, Path scratch, List<AutoCloseable> closing) throws IOException {
        return wiring.wire(bench, scratch, closing);
    }

    /** The entry an option names, or an IllegalArgumentException listing the entries. */
    static ScpiTransport byOption(String option) {
        for (ScpiTransport t : values()) {
            if (t.option.equals(option.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + option + "'; expected one of " + options());
    }

    static String options() {
        List<String> names = new ArrayList<>();
        Arrays.stream(values()).forEach(t -> names.add(t.option));
        return String.join(", ", names);
    }

    /** Whether this transport needs socat (pseudo-terminals). */
    boolean needsSocat() {
        return this == SERIAL || this == SERIAL_JSSC || this == GPIB_SERIAL || this == USBTMC;
    }

    private static String tcp(InetSocketAddress a) {
        return "tcp://" + a.getHostString() + ":" + a.getPort();
    }

    private static Path bridge(EmulatedBench bench, String instrument, Path dir, List<AutoCloseable> closing)
            throws IOException {
        PseudoTerminalPair tty = PseudoTerminalPair.bridgedToTcp(dir.resolve("tty-" + instrument), bench.address(instrument));
        closing.add(tty);
        return tty.client();
    }
}
