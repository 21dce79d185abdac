package io.spinloop.emulator;

import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.Instrument;
import io.spinloop.emulator.instruments.InstrumentModels;
import io.spinloop.emulator.instruments.InstrumentSetup;
import io.spinloop.emulator.instruments.KepcoBop;
import io.spinloop.emulator.instruments.LakeShoreGaussmeter;
import io.spinloop.emulator.instruments.MagnetEvent;
import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.emulator.instruments.SourceMeter;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.instruments.SpectrumAnalyzer;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.physics.MagneticParameters;
import io.spinloop.emulator.physics.Magnet;
import io.spinloop.emulator.physics.Stno;
import io.spinloop.emulator.server.ConnectionFaults;
import io.spinloop.emulator.server.HislipServer;
import io.spinloop.emulator.server.ServedInstrument;
import io.spinloop.emulator.server.Vxi11Server;
import io.spinloop.emulator.server.PrologixGateway;
import io.spinloop.emulator.server.ScpiServer;
import io.spinloop.emulator.time.Timing;
import io.spinloop.emulator.time.VirtualClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An emulated bench: spin-torque oscillators wired to current sources and spectrum analyzers, each instrument
 * a SCPI server on its own socket that answers like the real model.
 *
 * <pre>{@code
 * try (EmulatedBench bench = EmulatedBench.builder()
 *         .seed(42)
 *         .device("stno1", DeviceParameters.defaults())
 *         .currentSource("smu1", SourceModel.KEITHLEY_2400, 0, "stno1")   // port 0: ephemeral
 *         .analyzer("sa1", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno1")      // sees the devices wired to it
 *         .triggerLink("smu1", "sa1")                                      // source trigger out -> analyzer EXT
 *         .timing(Timing.VIRTUAL)
 *         .start()) {
 *     InetSocketAddress a = bench.address("smu1");
 *     bench.faults("smu1").dropConnections();
 *     bench.faults("smu1").replyLate(Duration.ofMillis(500));
 *     bench.faults("sa1").garbleNextReply();
 *     bench.faults("smu1").pushError(-222, "Data out of range");
 *     bench.faults("smu1").tripCompliance();
 *     bench.device("stno1").stopOscillating();
 *     List<SourceEvent> h = bench.history("smu1");
 * }
 * }</pre>
 *
 * <p>The same seed and the same configuration draw the same devices. For configuration files, every builder
 * input also has a plain-value form ({@link Builder#currentSource(String, String, String, int, String)},
 * {@link Builder#analyzer(String, String, String, int, List)}, {@link DeviceParameters#fromValues(Map)},
 * {@link Builder#faults(String, Map)}), so a YAML mapping can be passed through without this module parsing it.
 */
public final class EmulatedBench implements AutoCloseable {
    /** What the bench serves, for listing: name, kind, model and address of one instrument. */
    public record InstrumentInfo(String name, String kind, String model, InetSocketAddress address, String identity) {
    }

    private final VirtualClock clock;
    private final Map<String, Stno> devices;
    private final Map<String, ScpiServer> servers;
    private final Map<String, FaultControl> faults;
    private PrologixGateway gateway;
    /** Further channels of multi-channel sources (a B2902A's channel 2) by their names, and the unit serving each. */
    private final Map<String, SourceMeter> channels = new LinkedHashMap<>();
    private final Map<String, String> channelUnits = new LinkedHashMap<>();
    private Map<String, java.util.function.DoubleUnaryOperator> gapFields = Map.of();
    private Vxi11Server vxi11;
    private HislipServer hislip;

    private EmulatedBench(VirtualClock clock, Map<String, Stno> devices, Map<String, ScpiServer> servers,
                          Map<String, FaultControl> faults) {
        this.clock = clock;
        this.devices = devices;
        this.servers = servers;
        this.faults = faults;
    }

    /** The address of the Prologix GPIB-ETHERNET gateway ({@link Builder#prologixGateway}). */
    public InetSocketAddress gatewayAddress() {
        if (gateway == null) {
            throw new IllegalArgumentException("this bench serves no Prologix gateway; declare one with prologixGateway");
        }
        return gateway.address();
    }

    /** The Prologix gateway itself, to serve it on a pseudo-terminal too ({@link PrologixGateway#servePseudoTerminal}). */
    public PrologixGateway gateway() {
        gatewayAddress();
        return gateway;
    }

    /** The VXI-11 server ({@link Builder#vxi11}): its portmapper's address. */
    public InetSocketAddress vxi11PortmapperAddress() {
        return vxi11Server().portmapperAddress();
    }

    /** The VXI-11 server's core channel address (what its portmapper's GETPORT answers). */
    public InetSocketAddress vxi11CoreAddress() {
        return vxi11Server().coreAddress();
    }

    /** The HiSLIP server's address ({@link Builder#hislip}). */
    public InetSocketAddress hislipAddress() {
        if (hislip == null) {
            throw new IllegalArgumentException("this bench serves no HiSLIP server; declare one with hislip");
        }
        return hislip.address();
    }

    private Vxi11Server vxi11Server() {
        if (vxi11 == null) {
            throw new IllegalArgumentException("this bench serves no VXI-11 server; declare one with vxi11");
        }
        return vxi11;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The address an instrument listens on. */
    public InetSocketAddress address(String instrument) {
        return server(instrument).address();
    }

    /** Client connections open now to an instrument (to its unit, for a channel). */
    public int openConnections(String instrument) {
        return server(instrument).openConnections();
    }

    /** Fault injection for one instrument. */
    public FaultControl faults(String instrument) {
        server(instrument);
        FaultControl unit = faults.get(channelUnits.getOrDefault(instrument, instrument));
        SourceMeter channel = channels.get(instrument);
        return channel == null ? unit : unit.forChannel(channel);
    }

    /** One emulated oscillator. */
    public DeviceControl device(String device) {
        Stno d = devices.get(device);
        if (d == null) {
            throw new IllegalArgumentException("no device '" + device + "' on this bench; devices: "
                    + devices.keySet());
        }
        return new DeviceControl(d, clock);
    }

    /**
     * The bench's clock, s since it started: in virtual timing it jumps over every list and sweep by the time the real
     * instruments would take (the models' timing), so differences of it are bench time.
     */
    public double benchTimeS() {
        return clock.now();
    }

    /** Everything a current source was told (levels, output states, sweep steps), in order, with bench times. */
    public List<SourceEvent> history(String source) {
        SourceMeter channel = channels.get(source);
        if (channel != null) {
            return channel.history();
        }
        if (!(server(source).instrument() instanceof SourceMeter s)) {
            throw new IllegalArgumentException("instrument '" + source + "' is not a current source");
        }
        return s.history();
    }

    /** Everything a magnet supply was told (levels, output states, trips), in order, with the coil current. */
    public List<MagnetEvent> magnetHistory(String supply) {
        if (!(server(supply).instrument() instanceof KepcoBop s)) {
            throw new IllegalArgumentException("instrument '" + supply + "' is not a magnet supply");
        }
        return s.history();
    }

    /** The field in a magnet's gap now, tesla: the bias plus the electromagnet's (what a perfect probe reads). */
    public double magnetField(String supply) {
        java.util.function.DoubleUnaryOperator gap = gapFields.get(supply);
        if (gap == null) {
            throw new IllegalArgumentException("instrument '" + supply + "' is not a magnet supply");
        }
        return gap.applyAsDouble(clock.now());
    }

    /** The bench clock, seconds since the bench started (virtual time: it jumps over sweeps). */
    public double now() {
        return clock.now();
    }

    public Timing timing() {
        return clock.timing();
    }

    /** The instruments in the order they were declared. */
    public List<InstrumentInfo> instruments() {
        List<InstrumentInfo> list = new ArrayList<>();
        for (Map.Entry<String, ScpiServer> e : servers.entrySet()) {
            Instrument i = e.getValue().instrument();
            String kind = i instanceof SourceMeter ? "current source" : i instanceof KepcoBop ? "magnet supply"
                    : i instanceof LakeShoreGaussmeter ? "gaussmeter" : "spectrum analyzer";
            String model = i instanceof SourceMeter s ? s.model().name() : i instanceof KepcoBop k ? k.model().name()
                    : i instanceof LakeShoreGaussmeter g ? g.model().name() : ((SpectrumAnalyzer) i).model().name();
            list.add(new InstrumentInfo(e.getKey(), kind, model, e.getValue().address(), i.identity()));
        }
        return list;
    }

    private ScpiServer server(String instrument) {
        ScpiServer s = servers.get(channelUnits.getOrDefault(instrument, instrument));
        if (s == null) {
            throw new IllegalArgumentException("no instrument '" + instrument + "' on this bench; instruments: "
                    + servers.keySet());
        }
        return s;
    }

    /** Stops every server and closes every connection. */
    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        if (vxi11 != null) {
            vxi11.close();
        }
        if (hislip != null) {
            hislip.close();
        }
        for (ScpiServer s : servers.values()) {
            s.close();
        }
    }

    /** Declares a bench, then {@link #start()}s it. Names are unique across devices and instruments. */
    public static final class Builder {
        private record SourceSpec(String name, SourceMeter.Model model, String host, int port, String device) {
        }

        private record ChannelSpec(String name, String source, int channel, String device) {
        }

        private record AnalyzerSpec(String name, SpectrumAnalyzer.Model model, String host, int port,
                                    List<String> devices) {
        }

        private record MagnetSpec(String name, KepcoBop.Model model, String host, int port, Magnet.Coil coil,
                                  List<String> devices) {
        }

        private record GaussmeterSpec(String name, LakeShoreGaussmeter.Model model, String host, int port,
                                      String magnet) {
        }

        private final Map<String, MagneticParameters> magneticSpecs = new LinkedHashMap<>();
        private long seed = 1;
        private String defaultHost = "127.0.0.1";
        private Timing timing = Timing.VIRTUAL;
        private boolean enforceLimits = true;
        private final Map<String, DeviceParameters> deviceSpecs = new LinkedHashMap<>();
        private final Map<String, Object> instrumentSpecs = new LinkedHashMap<>();
        private final List<String[]> links = new ArrayList<>();
        private final List<ChannelSpec> channelSpecs = new ArrayList<>();
        private final Map<String, List<Map<String, ?>>> faultSpecs = new LinkedHashMap<>();
        private Map<String, Integer> gpibAddresses;
        private int gatewayPort;
        private Map<String, String> vxi11Devices;
        private int vxi11PortmapperPort;
        private int vxi11CorePort;
        private Map<String, String> hislipDevices;
        private int hislipPort;

        private Builder() {
        }

        /**
         * Also serves a Prologix GPIB-ETHERNET gateway ({@link PrologixGateway}) on {@code port} (0 for an
         * ephemeral one, {@link PrologixGateway#DEFAULT_PORT} as the real one), with the named instruments at the
         * given GPIB addresses; they keep their raw sockets too.
         */
        public Builder prologixGateway(int port, Map<String, Integer> addresses) {
            this.gatewayPort = port;
            this.gpibAddresses = new LinkedHashMap<>(addresses);
            return this;
        }

        /**
         * Also serves a VXI-11 server ({@link Vxi11Server}): a portmapper on {@code portmapperPort}
         * ({@link Vxi11Server#PORTMAPPER_PORT} as on a real host, 0 for an ephemeral one) and a core channel on
         * {@code corePort}, with the named instruments at the given device names ({@code inst0}, ...).
         */
        public Builder vxi11(int portmapperPort, int corePort, Map<String, String> deviceToInstrument) {
            this.vxi11PortmapperPort = portmapperPort;
            this.vxi11CorePort = corePort;
            this.vxi11Devices = new LinkedHashMap<>(deviceToInstrument);
            return this;
        }

        /**
         * Also serves a HiSLIP server ({@link HislipServer}) on {@code port} ({@link HislipServer#DEFAULT_PORT} as a
         * real instrument, 0 for an ephemeral one), with the named instruments at the given sub-addresses
         * ({@code hislip0}, ...).
         */
        public Builder hislip(int port, Map<String, String> subAddressToInstrument) {
            this.hislipPort = port;
            this.hislipDevices = new LinkedHashMap<>(subAddressToInstrument);
            return this;
        }

        /** Seed of every random draw (device spread, drift phases, noise). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Address instruments bind to unless they name their own; 127.0.0.1 by default. */
        public Builder host(String host) {
            this.defaultHost = requireText(host, "host");
            return this;
        }

        public Builder timing(Timing timing) {
            this.timing = java.util.Objects.requireNonNull(timing, "timing");
            return this;
        }

        /**
         * Whether the instruments enforce their real minimum point time, sweep time and widest RBW (default true).
         * Lifting them is for studies: the data are then not measurable with these instruments.
         */
        public Builder enforceInstrumentLimits(boolean enforce) {
            this.enforceLimits = enforce;
            return this;
        }

        /** An oscillator drawn around {@code parameters} with their spread. */
        public Builder device(String name, DeviceParameters parameters) {
            checkNewName(name);
            deviceSpecs.put(name, java.util.Objects.requireNonNull(parameters, "parameters"));
            return this;
        }

        /**
         * A current source on the default host.
         *
         * @param port TCP port, 0 for an ephemeral one
         * @param device the oscillator wired to its output, or null for open terminals
         */
        public Builder currentSource(String name, SourceModel model, int port, String device) {
            return currentSource(name, model, defaultHostMarker(), port, device);
        }

        /** A current source bound to {@code host}. */
        public Builder currentSource(String name, SourceModel model, String host, int port, String device) {
            return currentSource(name, java.util.Objects.requireNonNull(model, "model").spec(), host, port, device);
        }

        /**
         * A current source from plain values ({@code model} as {@link InstrumentModels#sourceMeter}, so any
         * registered model; host may be null).
         */
        public Builder currentSource(String name, String model, String host, int port, String device) {
            return currentSource(name, InstrumentModels.sourceMeter(model),
                    host == null ? defaultHostMarker() : host, port, device);
        }

        private Builder currentSource(String name, SourceMeter.Model model, String host, int port, String device) {
            checkNewName(name);
            checkPort(name, port);
            instrumentSpecs.put(name, new SourceSpec(name, model, host, port, device));
            return this;
        }

        /** A spectrum analyzer on the default host, seeing the outputs of {@code devices} (through a combiner). */
        public Builder analyzer(String name, AnalyzerModel model, int port, String... devices) {
            return analyzer(name, model, defaultHostMarker(), port, List.of(devices));
        }

        /** A spectrum analyzer bound to {@code host}. */
        public Builder analyzer(String name, AnalyzerModel model, String host, int port, List<String> devices) {
            return analyzer(name, java.util.Objects.requireNonNull(model, "model").spec(), host, port, devices);
        }

        /**
         * A spectrum analyzer from plain values ({@code model} as {@link InstrumentModels#analyzer}, so any
         * registered model).
         */
        public Builder analyzer(String name, String model, String host, int port, List<String> devices) {
            return analyzer(name, InstrumentModels.analyzer(model), host == null ? defaultHostMarker() : host, port,
                    devices);
        }

        private Builder analyzer(String name, SpectrumAnalyzer.Model model, String host, int port,
                                 List<String> devices) {
            checkNewName(name);
            checkPort(name, port);
            instrumentSpecs.put(name, new AnalyzerSpec(name, model, host, port, List.copyOf(devices)));
            return this;
        }

        /**
         * Channel {@code channel} (from 2) of the multi-channel current source {@code source} (a B2902A), sourcing into
         * {@code device}. It answers on the source's address, and is named {@code name} for its history, faults and
         * trigger link.
         */
        public Builder sourceChannel(String name, String source, int channel, String device) {
            checkNewName(name);
            channelSpecs.add(new ChannelSpec(name, requireText(source, "source"), channel, device));
            return this;
        }

        /**
         * A magnet supply ({@code model} as {@link InstrumentModels#magnetSupply}; host may be null) driving an
         * electromagnet whose gap holds {@code devices}: from the start they feel its field (docs/field-physics.md).
         */
        public Builder magnet(String name, String model, String host, int port, Magnet.Coil coil,
                              List<String> devices) {
            checkNewName(name);
            checkPort(name, port);
            instrumentSpecs.put(name, new MagnetSpec(name, InstrumentModels.magnetSupply(model),
                    host == null ? defaultHostMarker() : host, port, java.util.Objects.requireNonNull(coil, "coil"),
                    List.copyOf(devices)));
            return this;
        }

        /** A gaussmeter ({@code model} as {@link InstrumentModels#gaussmeter}) whose probe sits in a magnet's gap. */
        public Builder gaussmeter(String name, String model, String host, int port, String magnet) {
            checkNewName(name);
            checkPort(name, port);
            instrumentSpecs.put(name, new GaussmeterSpec(name, InstrumentModels.gaussmeter(model),
                    host == null ? defaultHostMarker() : host, port, requireText(magnet, "magnet")));
            return this;
        }

        /** How a device's free layer answers a field, if it sits in a magnet ({@link MagneticParameters#defaults()}). */
        public Builder magneticParameters(String device, MagneticParameters parameters) {
            magneticSpecs.put(requireText(device, "device"), java.util.Objects.requireNonNull(parameters));
            return this;
        }

        /** Wires a current source's trigger-link output to an analyzer's external trigger input. */
        public Builder triggerLink(String source, String analyzer) {
            links.add(new String[] {source, analyzer});
            return this;
        }

        /**
         * Faults from plain values, applied when the bench starts. Keys (snake_case or camelCase):
         * {@code drop_after_messages} (int), {@code reply_late_ms} (number) with {@code reply_late_count}
         * (int, default 1), {@code garble_replies} (int), {@code push_error} ({@code {code, text}} or
         * {@code "code,text"}), {@code trip_compliance} (boolean), {@code trip_magnet_supply} (boolean) for
         * instruments; {@code stop_oscillating} (boolean) for devices.
         */
        public Builder faults(String name, Map<String, ?> values) {
            faultSpecs.computeIfAbsent(name, k -> new ArrayList<>()).add(Map.copyOf(values));
            return this;
        }

        private static final String DEFAULT_HOST = "\0default";

        private static String defaultHostMarker() {
            return DEFAULT_HOST;
        }

        private void checkNewName(String name) {
            requireText(name, "name");
            if (deviceSpecs.containsKey(name) || instrumentSpecs.containsKey(name)) {
                throw new IllegalArgumentException("name '" + name + "' is used twice on this bench");
            }
        }

        private static void checkPort(String name, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("instrument '" + name + "': port " + port
                        + " is not in 0..65535");
            }
        }

        private static String requireText(String s, String what) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return s;
        }

        private static long mix(long seed, String name) {
            long h = seed * 0x9E3779B97F4A7C15L;
            for (int i = 0; i < name.length(); i++) {
                h = (h ^ name.charAt(i)) * 0xBF58476D1CE4E5B9L;
                h ^= h >>> 31;
            }
            return h;
        }

        /**
         * Creates the devices, starts a server per instrument and applies configured faults.
         *
         * @throws IOException if an address cannot be bound (already started servers are closed again)
         * @throws IllegalArgumentException if the wiring names something that does not exist
         */
        public EmulatedBench start() throws IOException {
            VirtualClock clock = new VirtualClock(timing);
            Map<String, Stno> devices = new LinkedHashMap<>();
            for (Map.Entry<String, DeviceParameters> e : deviceSpecs.entrySet()) {
                devices.put(e.getKey(), new Stno(e.getKey(), e.getValue(), mix(seed, "device:" + e.getKey())));
            }
            Map<String, ScpiServer> servers = new LinkedHashMap<>();
            Map<String, FaultControl> faults = new LinkedHashMap<>();
            Map<String, ConnectionFaults> connectionFaults = new LinkedHashMap<>();
            Map<String, SourceMeter> sources = new LinkedHashMap<>();
            Map<String, SpectrumAnalyzer> analyzers = new LinkedHashMap<>();
            Map<String, Magnet> magnets = new LinkedHashMap<>();
            Map<String, java.util.function.DoubleUnaryOperator> gapFields = new LinkedHashMap<>();
            for (Object spec : instrumentSpecs.values()) {
                if (spec instanceof MagnetSpec m) {
                    Magnet magnet = new Magnet(m.coil());
                    magnets.put(m.name(), magnet);
                    // The gap sits in a bias field (the probe station's permanent magnet) at which the first
                    // device in it is exactly its configured self; the electromagnet adds to it.
                    double bias = 0;
                    if (!m.devices().isEmpty()) {
                        String first = m.devices().get(0);
                        bias = magneticSpecs.getOrDefault(first, MagneticParameters.defaults())
                                .referenceFieldT(lookup(devices, first, m.name()).nominal().frequencyHz());
                    }
                    double biasT = bias;
                    java.util.function.DoubleUnaryOperator gap = t -> biasT + magnet.fieldAt(t);
                    gapFields.put(m.name(), gap);
                    for (String dn : m.devices()) {
                        lookup(devices, dn, m.name()).exposeTo(
                                magneticSpecs.getOrDefault(dn, MagneticParameters.defaults()), gap);
                    }
                }
            }
            int serial = 0;
            EmulatedBench bench = null;
            try {
                for (Object spec : instrumentSpecs.values()) {
                    serial++;
                    Instrument instrument;
                    String host;
                    int port;
                    if (spec instanceof SourceSpec s) {
                        Stno d = s.device() == null ? null : lookup(devices, s.device(), s.name());
                        SourceMeter m = s.model().build(
                                new InstrumentSetup(s.name(), clock, mix(seed, s.name()), serial, enforceLimits), d);
                        sources.put(s.name(), m);
                        instrument = m;
                        host = s.host();
                        port = s.port();
                    } else if (spec instanceof MagnetSpec m) {
                        instrument = m.model().build(
                                new InstrumentSetup(m.name(), clock, mix(seed, m.name()), serial, enforceLimits),
                                magnets.get(m.name()));
                        host = m.host();
                        port = m.port();
                    } else if (spec instanceof GaussmeterSpec g) {
                        Magnet magnet = magnets.get(g.magnet());
                        if (magnet == null) {
                            throw new IllegalArgumentException("gaussmeter '" + g.name() + "' is in the gap of magnet '"
                                    + g.magnet() + "', which is not declared; magnets: " + magnets.keySet());
                        }
                        instrument = g.model().build(
                                new InstrumentSetup(g.name(), clock, mix(seed, g.name()), serial, enforceLimits),
                                gapFields.get(g.magnet()));
                        host = g.host();
                        port = g.port();
                    } else {
                        AnalyzerSpec a = (AnalyzerSpec) spec;
                        List<Stno> seen = new ArrayList<>();
                        for (String dn : a.devices()) {
                            seen.add(lookup(devices, dn, a.name()));
                        }
                        SpectrumAnalyzer sa = a.model().build(
                                new InstrumentSetup(a.name(), clock, mix(seed, a.name()), serial, enforceLimits), seen);
                        analyzers.put(a.name(), sa);
                        instrument = sa;
                        host = a.host();
                        port = a.port();
                    }
                    ConnectionFaults cf = new ConnectionFaults();
                    InetAddress bind = InetAddress.getByName(DEFAULT_HOST.equals(host) ? defaultHost : host);
                    ScpiServer server = new ScpiServer(instrument, bind, port, cf);
                    servers.put(instrument.name(), server);
                    faults.put(instrument.name(), new FaultControl(server, cf));
                    connectionFaults.put(instrument.name(), cf);
                }
                Map<String, SourceMeter> channels = new LinkedHashMap<>();
                for (ChannelSpec c : channelSpecs) {
                    SourceMeter unit = sources.get(c.source());
                    if (unit == null) {
                        throw new IllegalArgumentException("channel '" + c.name() + "' names source '" + c.source()
                                + "', which is not declared; sources: " + sources.keySet());
                    }
                    Stno d = c.device() == null ? null : lookup(devices, c.device(), c.name());
                    SourceMeter channel = unit.addChannel(c.channel(), c.name(), d);
                    channels.put(c.name(), channel);
                    sources.put(c.name(), channel);
                }
                for (String[] link : links) {
                    SourceMeter s = sources.get(link[0]);
                    SpectrumAnalyzer a = analyzers.get(link[1]);
                    if (s == null || a == null) {
                        throw new IllegalArgumentException("trigger link " + link[0] + " -> " + link[1]
                                + " must go from a current source to an analyzer; sources: " + sources.keySet()
                                + ", analyzers: " + analyzers.keySet());
                    }
                    s.linkTrigger(a);
                }
                bench = new EmulatedBench(clock, devices, servers, faults);
                bench.channels.putAll(channels);
                for (ChannelSpec c : channelSpecs) {
                    bench.channelUnits.put(c.name(), c.source());
                }
                bench.gapFields = Map.copyOf(gapFields);
                if (gpibAddresses != null) {
                    Map<Integer, Instrument> bus = new LinkedHashMap<>();
                    Map<Integer, ConnectionFaults> busFaults = new LinkedHashMap<>();
                    for (Map.Entry<String, Integer> e : gpibAddresses.entrySet()) {
                        ScpiServer s = servers.get(e.getKey());
                        if (s == null) {
                            throw new IllegalArgumentException("the Prologix gateway names instrument '" + e.getKey()
                                    + "', which is not declared; instruments: " + servers.keySet());
                        }
                        if (bus.put(e.getValue(), s.instrument()) != null) {
                            throw new IllegalArgumentException("two instruments at GPIB address " + e.getValue());
                        }
                        busFaults.put(e.getValue(), connectionFaults.get(e.getKey()));
                    }
                    bench.gateway = new PrologixGateway(bus, busFaults, InetAddress.getByName(defaultHost), gatewayPort);
                }
                if (vxi11Devices != null) {
                    bench.vxi11 = new Vxi11Server(served(vxi11Devices, servers, faults, "VXI-11 server"),
                            InetAddress.getByName(defaultHost), vxi11PortmapperPort, vxi11CorePort);
                    Vxi11Server v = bench.vxi11;
                    for (String name : vxi11Devices.values()) {
                        Instrument i = servers.get(name).instrument();
                        faults.get(name).alsoDrop(() -> v.dropConnections(i));
                    }
                }
                if (hislipDevices != null) {
                    bench.hislip = new HislipServer(served(hislipDevices, servers, faults, "HiSLIP server"),
                            InetAddress.getByName(defaultHost), hislipPort);
                    HislipServer h = bench.hislip;
                    for (String name : hislipDevices.values()) {
                        Instrument i = servers.get(name).instrument();
                        faults.get(name).alsoDrop(() -> h.dropConnections(i));
                    }
                }
                for (Map.Entry<String, List<Map<String, ?>>> e : faultSpecs.entrySet()) {
                    for (Map<String, ?> values : e.getValue()) {
                        applyFaults(bench, e.getKey(), values);
                    }
                }
                return bench;
            } catch (IOException | RuntimeException e) {
                if (bench != null) {
                    bench.close(); // the gateway, VXI-11 and HiSLIP servers already started too
                } else {
                    for (ScpiServer s : servers.values()) {
                        s.close();
                    }
                }
                throw e;
            }
        }

        /** Device name to instrument (and the faults its raw socket has), for a multi-device server. */
        private static Map<String, ServedInstrument> served(Map<String, String> names, Map<String, ScpiServer> servers,
                                                            Map<String, FaultControl> faults, String what) {
            Map<String, ServedInstrument> m = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : names.entrySet()) {
                ScpiServer s = servers.get(e.getValue());
                if (s == null) {
                    throw new IllegalArgumentException("the " + what + " names instrument '" + e.getValue()
                            + "', which is not declared; instruments: " + servers.keySet());
                }
                if (m.put(e.getKey().toLowerCase(Locale.ROOT),
                        new ServedInstrument(s.instrument(), faults.get(e.getValue()).connectionFaults())) != null) {
                    throw new IllegalArgumentException("the " + what + " has two instruments at '" + e.getKey() + "'");
                }
            }
            return m;
        }

        private static Stno lookup(Map<String, Stno> devices, String device, String instrument) {
            Stno d = devices.get(device);
            if (d == null) {
                throw new IllegalArgumentException("instrument '" + instrument + "' is wired to device '" + device
                        + "', which is not declared; devices: " + devices.keySet());
            }
            return d;
        }

        private static void applyFaults(EmulatedBench bench, String name, Map<String, ?> values) {
            for (Map.Entry<String, ?> e : values.entrySet()) {
                String key = e.getKey().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
                Object v = e.getValue();
                String where = "fault '" + e.getKey() + "' of '" + name + "'";
                switch (key) {
                    case "stoposcillating" -> {
                        if (bool(v, where)) {
                            bench.device(name).stopOscillating();
                        }
                    }
                    case "dropaftermessages" -> bench.faults(name).dropConnectionsAfter((int) number(v, where));
                    case "replylatems" -> {
                        Object count = values.containsKey("reply_late_count") ? values.get("reply_late_count")
                                : values.get("replyLateCount");
                        int n = count == null ? 1 : (int) number(count, where);
                        bench.faults(name).replyLate(Duration.ofNanos((long) (number(v, where) * 1e6)), n);
                    }
                    case "replylatecount" -> { } // read with reply_late_ms
                    case "garblereplies" -> bench.faults(name).garbleReplies((int) number(v, where));
                    case "pusherror" -> pushErrors(bench.faults(name), v, where);
                    case "tripmagnetsupply" -> {
                        if (bool(v, where)) {
                            bench.faults(name).tripMagnetSupply();
                        }
                    }
                    case "tripcompliance" -> {
                        if (bool(v, where)) {
                            bench.faults(name).tripCompliance();
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown " + where + "; known: drop_after_messages,"
                            + " reply_late_ms, reply_late_count, garble_replies, push_error, trip_compliance,"
                            + " trip_magnet_supply, stop_oscillating");
                }
            }
        }

        private static void pushErrors(FaultControl f, Object v, String where) {
            if (v instanceof List<?> list) {
                for (Object item : list) {
                    pushErrors(f, item, where);
                }
            } else if (v instanceof Map<?, ?> m && m.get("code") != null) {
                Object text = m.get("text");
                f.pushError((int) number(m.get("code"), where), text == null ? "Emulated fault" : text.toString());
            } else if (v instanceof String s && s.contains(",")) {
                int comma = s.indexOf(',');
                f.pushError((int) number(s.substring(0, comma).trim(), where),
                        s.substring(comma + 1).trim().replace("\"", ""));
            } else {
                throw new IllegalArgumentException(where + " must be {code, text} or \"code,text\", got " + v);
            }
        }

        private static double number(Object v, String where) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            if (v instanceof String s) {
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            throw new IllegalArgumentException(where + " must be a number, got " + v);
        }

        private static boolean bool(Object v, String where) {
            if (v instanceof Boolean b) {
                return b;
            }
            if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(s);
            }
            throw new IllegalArgumentException(where + " must be true or false, got " + v);
        }
    }
}
