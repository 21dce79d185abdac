package io.spinloop.lab.bench;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.FaultControl;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.physics.MagneticParameters;
import io.spinloop.emulator.physics.Magnet;
import io.spinloop.emulator.time.Timing;
import io.spinloop.drivers.transport.ResourceString;
import io.spinloop.drivers.transport.VisaResource;
import io.spinloop.lab.config.ControllerConfig;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.EmulatedDeviceParameters;
import io.spinloop.lab.config.EmulatedMagnet;
import io.spinloop.lab.config.EmulatedMagnetic;
import io.spinloop.lab.config.EmulatorConfig;
import io.spinloop.lab.config.FaultConfig;
import io.spinloop.lab.config.InstrumentConfig;
import io.spinloop.lab.config.InstrumentRole;
import io.spinloop.lab.config.LabConfig;
import io.spinloop.lab.config.LoadedLabConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Maps a lab-config's {@code emulator:} block onto the emulator (which does not read YAML): one emulated
 * device per configured device, its source and analyzer on loopback ports wired by a trigger link.
 */
public final class EmulatedBenchLauncher {
    private EmulatedBenchLauncher() {
    }

    /**
     * A running emulated bench and where each instrument answers.
     *
     * @param bench     the emulator (tests read its history and inject faults through it)
     * @param resources instrument name to {@code tcp://127.0.0.1:port}, or for one behind the config's controller
     *                  to {@code GPIB0::n::INSTR?via=tcp://127.0.0.1:port} (the emulated Prologix gateway)
     * @param models    instrument name to the emulated model's display name
     */
    public record Running(EmulatedBench bench, Map<String, String> resources, Map<String, String> models)
            implements AutoCloseable {
        /** The emulated Prologix GPIB-ETHERNET gateway's address, when the config puts instruments behind one. */
        public java.util.Optional<java.net.InetSocketAddress> gateway() {
            boolean any = resources.values().stream().anyMatch(r -> r.toUpperCase(Locale.ROOT).startsWith("GPIB"));
            return any ? java.util.Optional.of(bench.gatewayAddress()) : java.util.Optional.empty();
        }

        /** The emulated HiSLIP server's address, when the config puts instruments on HiSLIP. */
        public java.util.Optional<java.net.InetSocketAddress> hislip() {
            boolean any = resources.values().stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).contains("::hislip"));
            return any ? java.util.Optional.of(bench.hislipAddress()) : java.util.Optional.empty();
        }

        /** The emulated VXI-11 portmapper's address, when the config puts instruments on VXI-11. */
        public java.util.Optional<java.net.InetSocketAddress> vxi11Portmapper() {
            boolean any = resources.values().stream().anyMatch(r -> r.toUpperCase(Locale.ROOT).startsWith("TCPIP")
                    && !r.toLowerCase(Locale.ROOT).contains("::hislip"));
            return any ? java.util.Optional.of(bench.vxi11PortmapperAddress()) : java.util.Optional.empty();
        }

        @Override
        public void close() {
            bench.close();
        }
    }

    /**
     * Starts the bench. With {@code ephemeral} every instrument gets a free port (in-process use);
     * otherwise the ports of the config's resources (for {@code emulator serve}).
     */
    public static Running start(LoadedLabConfig loaded, boolean ephemeral) {
        EmulatorConfig e = loaded.config().emulator();
        if (e == null) {
            throw loaded.error("emulator", "this bench has no emulator block; it is a real bench");
        }
        EmulatedBench.Builder b = EmulatedBench.builder()
                .seed(e.seed())
                .timing(e.timing().toLowerCase(Locale.ROOT).equals("realtime") ? Timing.REAL_TIME : Timing.VIRTUAL)
                .enforceInstrumentLimits(e.realisticLimits());
        Map<String, String> models = new LinkedHashMap<>();
        Map<String, Integer> gpib = new LinkedHashMap<>();
        for (DeviceConfig d : loaded.config().devices()) {
            b.device(d.id(), parametersOf(e, d.id()));
            InstrumentConfig src = loaded.config().instrument(d.source()).orElseThrow();
            InstrumentConfig sa = loaded.config().instrument(d.analyzer()).orElseThrow();
            SourceModel sm = SourceModel.fromName(emulatedModel(e, src));
            AnalyzerModel am = AnalyzerModel.fromName(emulatedModel(e, sa));
            if (src.channel() != 1) {
                // a further channel of a multi-channel source: it answers on its unit's (channel 1's) socket
                b.sourceChannel(src.name(), unitOf(loaded, src).name(), src.channel(), d.id());
            } else {
                b.currentSource(src.name(), sm, ephemeral ? 0 : port(src), d.id());
            }
            b.analyzer(sa.name(), am, ephemeral ? 0 : port(sa), d.id());
            gpibAddress(src).ifPresent(a -> gpib.put(src.name(), a));
            gpibAddress(sa).ifPresent(a -> gpib.put(sa.name(), a));
            b.triggerLink(src.name(), sa.name());
            models.put(src.name(), sm.maker() + " " + sm.model());
            models.put(sa.name(), am.maker() + " " + am.model());
        }
        for (InstrumentConfig in : loaded.config().instruments()) {
            // the unit of a channel used by a device, when no device uses channel 1: served into open terminals
            if (in.channel() != 1 && models.containsKey(in.name()) && !models.containsKey(unitOf(loaded, in).name())) {
                InstrumentConfig unit = unitOf(loaded, in);
                SourceModel sm = SourceModel.fromName(emulatedModel(e, unit));
                b.currentSource(unit.name(), sm, ephemeral ? 0 : port(unit), null);
                models.put(unit.name(), sm.maker() + " " + sm.model());
            }
        }
        addFieldInstruments(loaded, e, b, models, ephemeral);
        Map<String, String> hislip = new LinkedHashMap<>();
        Map<String, String> vxi11 = new LinkedHashMap<>();
        int hislipPort = 0;
        int portmapperPort = 0;
        for (String name : models.keySet()) {
            ResourceString r = lanProtocol(loaded.config().instrument(name).orElseThrow());
            if (r instanceof ResourceString.Hislip h) {
                hislip.put(h.address().device(), name);
                hislipPort = h.address().port();
            } else if (r instanceof ResourceString.Vxi11 v) {
                vxi11.put(v.address().device(), name);
                portmapperPort = v.portmapperPort();
            }
        }
        if (!hislip.isEmpty()) { // the validator allows one HiSLIP server and one VXI-11 server on an emulated bench
            b.hislip(ephemeral ? 0 : hislipPort, hislip);
        }
        if (!vxi11.isEmpty()) {
            b.vxi11(ephemeral ? 0 : portmapperPort, 0, vxi11);
        }
        if (!gpib.isEmpty()) {
            // The validator allows one controller on an emulated bench: the gateway is that controller.
            ControllerConfig k = loaded.config().controllers().get(0);
            b.prologixGateway(ephemeral ? 0 : URI.create(k.resource()).getPort(), gpib);
        }
        EmulatedBench bench;
        try {
            bench = b.start();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot start the emulated bench of " + loaded.file() + ": " + ex.getMessage()
                    + (ephemeral ? "" : " (is another `spinloop emulator serve` using these ports?)"), ex);
        }
        try {
            injectFaults(loaded, bench);
        } catch (RuntimeException ex) {
            bench.close();
            throw ex;
        }
        Map<String, String> resources = new LinkedHashMap<>();
        for (String name : models.keySet()) {
            InstrumentConfig in = loaded.config().instrument(name).orElseThrow();
            ResourceString lan = lanProtocol(in);
            if (lan instanceof ResourceString.Hislip h) {
                resources.put(name, "TCPIP0::127.0.0.1::" + h.address().device() + ","
                        + bench.hislipAddress().getPort() + "::INSTR");
                continue;
            }
            if (lan instanceof ResourceString.Vxi11 v) {
                int pm = bench.vxi11PortmapperAddress().getPort();
                resources.put(name, "TCPIP0::127.0.0.1::" + v.address().device() + "::INSTR"
                        + (pm == ResourceString.PORTMAPPER_PORT ? "" : "?portmapper=" + pm));
                continue;
            }
            resources.put(name, in.behindController()
                    ? LabConfig.driverResource(in, "tcp://127.0.0.1:" + bench.gatewayAddress().getPort())
                    : "tcp://127.0.0.1:" + bench.address(name).getPort());
        }
        return new Running(bench, resources, models);
    }

    /**
     * Serves the emulated bench of {@code loaded} on its config's ports until the JVM is asked to stop (Ctrl-C,
     * SIGTERM), for any SCPI client: what {@code spinloop emulator serve} runs. {@code serving} is told where each
     * instrument answers once the bench is up; the bench is closed before the JVM exits.
     */
    public static void serveUntilShutdown(LoadedLabConfig loaded, Consumer<Running> serving)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        try (Running running = start(loaded, false)) {
            Thread hook = new Thread(() -> {
                running.close();
                stopped.countDown();
            }, "spinloop-emulator-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            serving.accept(running);
            try {
                stopped.await();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // The hook is what woke us: nothing to remove.
                }
            }
        }
    }

    /**
     * Each magnet supply with the electromagnet it drives (its gap holding the devices whose field block names it),
     * and each gaussmeter with its probe in the gap of the magnet of the device that names it.
     */
    private static void addFieldInstruments(LoadedLabConfig loaded, EmulatorConfig e, EmulatedBench.Builder b,
                                            Map<String, String> models, boolean ephemeral) {
        for (InstrumentConfig in : loaded.config().instruments()) {
            if (in.role() == InstrumentRole.MAGNET) {
                List<String> inGap = loaded.config().devices().stream()
                        .filter(d -> d.field() != null && in.name().equals(d.field().magnet()))
                        .map(DeviceConfig::id).toList();
                for (String id : inGap) {
                    b.magneticParameters(id, magneticOf(e));
                }
                String model = e.models().getOrDefault(in.name(), "kepco-bop-20-10");
                b.magnet(in.name(), emulatedFieldModel(model, "kepco-bop-20-10"), null, ephemeral ? 0 : port(in),
                        coilOf(e.magnets().get(in.name())), inGap);
                models.put(in.name(), "KEPCO BOP 20-10");
            } else if (in.role() == InstrumentRole.GAUSSMETER) {
                String magnet = loaded.config().devices().stream()
                        .filter(d -> d.field() != null && in.name().equals(d.field().gaussmeter()))
                        .map(d -> d.field().magnet()).findFirst().orElseThrow();
                String model = e.models().getOrDefault(in.name(), in.autoModel() ? "lakeshore-475" : in.model());
                String emulated = emulatedFieldModel(model, "lakeshore-475");
                b.gaussmeter(in.name(), emulated, null, ephemeral ? 0 : port(in), magnet);
                models.put(in.name(), emulated.contains("425") ? "Lake Shore 425" : "Lake Shore 475");
            }
        }
    }

    /** The emulated unit of a configured field model: the 425 or the 475 by name; the BOP 20-10 for any BOP. */
    private static String emulatedFieldModel(String configured, String fallback) {
        String k = configured.toLowerCase(Locale.ROOT);
        if (k.contains("425")) {
            return "lakeshore-425";
        }
        if (k.contains("475")) {
            return "lakeshore-475";
        }
        return fallback;
    }

    /** The free layer of the config's {@code emulator.magnetic}, the emulator's defaults where absent. */
    public static MagneticParameters magneticOf(EmulatorConfig e) {
        MagneticParameters d = MagneticParameters.defaults();
        EmulatedMagnetic m = e.magnetic();
        return new MagneticParameters(
                m.effectiveMagnetisationT() != null ? m.effectiveMagnetisationT() : d.effectiveMagnetisationT(),
                m.biasFieldT() != null ? m.biasFieldT() : d.biasFieldT(),
                m.gilbertDamping() != null ? m.gilbertDamping() : d.gilbertDamping());
    }

    private static Magnet.Coil coilOf(EmulatedMagnet m) {
        Magnet.Coil d = Magnet.Coil.defaults();
        if (m == null) {
            return d;
        }
        return new Magnet.Coil(m.teslaPerA() != null ? m.teslaPerA() : d.teslaPerAmp(),
                m.timeConstantS() != null ? m.timeConstantS() : d.timeConstantS(),
                m.remanenceT() != null ? m.remanenceT() : d.remanenceT(),
                m.playA() != null ? m.playA() : d.playWidthA());
    }

    /** The config's faults, switched on at start. */
    private static void injectFaults(LoadedLabConfig loaded, EmulatedBench bench) {
        for (FaultConfig f : loaded.config().emulator().faults()) {
            FaultControl c = bench.faults(f.instrument());
            switch (f.kind()) {
                case "drop-connection" -> c.dropConnectionsAfter(f.afterCommands());
                case "late-reply" -> c.replyLate(Duration.ofSeconds(60));
                case "garbled-reply" -> c.garbleNextReply();
                case "instrument-error" -> c.pushError(-222, "Data out of range");
                case "compliance-trip" -> c.tripCompliance();
                case "magnet-trip" -> c.tripMagnetSupply();
                case "stop-oscillating" -> loaded.config().devices().stream()
                        .filter(d -> d.source().equals(f.instrument()) || d.analyzer().equals(f.instrument()))
                        .forEach(d -> bench.device(d.id()).stopOscillating());
                default -> throw new IllegalStateException("fault kind checked by the validator: " + f.kind());
            }
        }
    }

    /** The emulator's parameters of one device: its defaults overlaid with the config's values. */
    static DeviceParameters parametersOf(EmulatorConfig e, String deviceId) {
        EmulatedDeviceParameters c = e.parametersOf(deviceId);
        DeviceParameters p = DeviceParameters.defaults();
        if (c.f0Hz() != null) {
            p = p.withFrequencyHz(c.f0Hz());
        }
        if (c.frequencyShiftHz() != null) {
            p = p.withFrequencyShiftHz(c.frequencyShiftHz());
        }
        if (c.relaxationS() != null) {
            p = p.withRelaxationTimeS(c.relaxationS());
        }
        if (c.thresholdA() != null) {
            p = p.withThresholdCurrentA(c.thresholdA());
        }
        if (c.q() != null) {
            p = p.withNonlinearDamping(c.q());
        }
        if (c.resistanceOhm() != null) {
            p = p.withResistanceOhm(c.resistanceOhm());
        }
        if (c.magnetoresistance() != null) {
            p = p.withMagnetoresistance(c.magnetoresistance());
        }
        if (c.powerAt2IthDbm() != null) {
            p = p.withPowerAtTwiceThresholdDbm(c.powerAt2IthDbm());
        }
        if (c.linewidthAt2IthHz() != null) {
            p = p.withLinewidthAtTwiceThresholdHz(c.linewidthAt2IthHz());
        }
        if (c.damageA() != null) {
            p = p.withDamageCurrentA(c.damageA());
        }
        return p.withThresholdSpread(e.spread().threshold()).withFrequencySpread(e.spread().f0())
                .withDampingSpread(e.spread().q()).withDrift(e.drift());
    }

    /** Channel 1 on the resource of a further channel (the validator made sure there is one). */
    private static InstrumentConfig unitOf(LoadedLabConfig loaded, InstrumentConfig channel) {
        return loaded.config().instruments().stream()
                .filter(i -> i.channel() == 1 && channel.resource().equals(i.resource())).findFirst().orElseThrow();
    }

    private static String emulatedModel(EmulatorConfig e, InstrumentConfig in) {
        String m = e.models().get(in.name());
        if (m != null) {
            return m;
        }
        if (!in.autoModel()) {
            return in.model();
        }
        return in.role() == InstrumentRole.SOURCE ? "keithley-2400" : "keysight-n9030b";
    }

    /**
     * An instrument behind a controller, or on VXI-11 or HiSLIP, keeps a raw socket too, on a free port: the config
     * names none.
     */
    private static int port(InstrumentConfig in) {
        return in.behindController() || lanProtocol(in) != null ? 0 : URI.create(in.resource()).getPort();
    }

    /** The VXI-11 or HiSLIP resource of an instrument, or null when it is reached otherwise. */
    private static ResourceString lanProtocol(InstrumentConfig in) {
        if (in.behindController() || !VisaResource.looksLikeVisa(in.resource())) {
            return null;
        }
        ResourceString r = ResourceString.parse(in.resource());
        return r instanceof ResourceString.Vxi11 || r instanceof ResourceString.Hislip ? r : null;
    }

    /** The primary GPIB address of an instrument behind the controller, by gpib_address or its GPIB resource. */
    private static java.util.Optional<Integer> gpibAddress(InstrumentConfig in) {
        if (!in.behindController()) {
            return java.util.Optional.empty();
        }
        if (in.gpibAddress() != null) {
            return java.util.Optional.of(in.gpibAddress());
        }
        return java.util.Optional.of(Integer.parseInt(in.resource().split("::")[1].trim()));
    }
}
