package io.spinloop.lab.config;

import io.spinloop.drivers.source.SourceTiming;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks what binding cannot: required fields, references between sections, and limits that
 * contradict each other or the instruments' ranges. The first problem found is thrown as a
 * {@link LabConfigException} at its line.
 */
final class LabConfigValidator {
    private static final Set<String> FAULT_KINDS = Set.of("drop-connection", "late-reply", "garbled-reply",
            "instrument-error", "stop-oscillating", "compliance-trip", "magnet-trip");
    private static final Set<String> SERIAL_KEYS = Set.of("baud", "data", "parity", "stop", "flow", "term", "backend");

    private final LoadedLabConfig loaded;
    private final LabConfig c;

    LabConfigValidator(LoadedLabConfig loaded) {
        this.loaded = loaded;
        this.c = loaded.config();
    }

    void validate() {
        if (c.bench() == null || c.bench().isBlank()) {
            throw fail("bench", "missing; expected the bench's name (bench: my-bench)");
        }
        checkControllers();
        checkInstruments();
        checkChannels();
        checkDevices();
        checkSweepPreset();
        checkSequencePreset();
        if (c.emulated()) {
            checkEmulator();
        }
    }

    private void checkInstruments() {
        if (c.instruments().isEmpty()) {
            throw fail("instruments", "missing; expected a list with at least one source and one analyzer");
        }
        Set<String> names = new HashSet<>();
        Map<String, String> gpibAddresses = new HashMap<>();
        for (int i = 0; i < c.instruments().size(); i++) {
            InstrumentConfig in = c.instruments().get(i);
            String at = "instruments[" + i + "]";
            if (in == null) {
                throw fail(at, "empty entry; expected name, role, resource");
            }
            required(in.name(), at + ".name", "the instrument's name");
            if (!names.add(in.name())) {
                throw fail(at + ".name", "'" + in.name() + "' is used by two instruments; names must be unique");
            }
            if (in.role() == null) {
                throw fail(at + ".role", "missing; expected source or analyzer");
            }
            if (isFieldRole(in.role())) {
                checkFieldModel(in.model(), in.role(), at + ".model");
            } else if (!in.autoModel()) {
                ModelCapabilities m = ModelCapabilities.byConfigName(in.model()).orElseThrow(() -> fail(at + ".model",
                        "unknown model '" + in.model() + "'; expected auto or one of " + ModelCapabilities.allNames()));
                if (m.role() != in.role()) {
                    throw fail(at + ".model", in.model() + " is a " + role(m.role()) + ", but the instrument's role is "
                            + role(in.role()));
                }
            }
            if (in.behindController() || in.gpibAddress() != null) {
                checkBehindController(in, at, gpibAddresses);
            } else {
                required(in.resource(), at + ".resource",
                        "tcp://host:port, serial:///dev/ttyUSB0?baud=9600 or a VISA resource");
                refuseGpibWithoutController(in.resource(), at);
                checkResource(in.resource(), at + ".resource");
                checkGpibAddressFree(in, at + ".resource", gpibAddresses);
            }
            positive(in.timeouts().connectS(), at + ".timeouts.connect_s");
            positive(in.timeouts().readS(), at + ".timeouts.read_s");
            if (!Set.of("lf", "cr", "crlf").contains(in.terminator().toLowerCase(Locale.ROOT))) {
                throw fail(at + ".terminator", "unknown terminator '" + in.terminator() + "'; expected lf, cr or crlf");
            }
            if (in.timing() != null) {
                checkTiming(in, at + ".timing");
            }
        }
    }

    /** A source's {@code timing:} block: the Keithleys' ranges, and what a 2450 does not have. */
    private void checkTiming(InstrumentConfig in, String at) {
        SourceTimingConfig t = in.timing();
        if (in.role() != InstrumentRole.SOURCE) {
            throw fail(at, "only a source has timing settings (NPLC, auto zero, trigger delay, source-only lists)");
        }
        if (t.nplc() != null && !(t.nplc() >= SourceTiming.MIN_NPLC && t.nplc() <= SourceTiming.MAX_NPLC)) {
            throw fail(at + ".nplc", t.nplc() + " power-line cycles is outside " + SourceTiming.MIN_NPLC + ".."
                    + SourceTiming.MAX_NPLC);
        }
        if (t.autoZeroSetting() == null) {
            throw fail(at + ".auto_zero", "unknown setting '" + t.autoZero() + "'; expected on, off or once");
        }
        if (t.triggerDelayS() != null && !(t.triggerDelayS() >= 0
                && t.triggerDelayS() <= SourceTiming.MAX_TRIGGER_DELAY_S)) {
            throw fail(at + ".trigger_delay_s", t.triggerDelayS() + " s is outside 0.."
                    + SourceTiming.MAX_TRIGGER_DELAY_S + " s");
        }
        if ("keithley-2450".equalsIgnoreCase(in.model()) && Boolean.FALSE.equals(t.measureInLists())) {
            throw fail(at + ".measure_in_lists", "a Keithley 2450's list sweep always measures (a source-only list"
                    + " would see no compliance trip); source-only lists are a 2400 and B2900 setting");
        }
        if ("keithley-6221".equalsIgnoreCase(in.model())) {
            throw fail(at, "spinloop has no timing settings for the Keithley 6221 (it measures nothing); remove the"
                    + " block");
        }
        boolean b2900 = "keysight-b2901a".equalsIgnoreCase(in.model()) || "keysight-b2902a".equalsIgnoreCase(in.model());
        if (b2900 && t.autoZero() == null) {
            throw fail(at + ".auto_zero", "a Keysight B2900 has no auto zero, and the block's default is the"
                    + " Keithleys' auto zero on; write auto_zero: off (or once)");
        }
        if (b2900 && t.autoZeroSetting() == SourceTiming.AutoZero.ON) {
            throw fail(at + ".auto_zero", "a Keysight B2900 has no auto zero; use off (or once: nothing to refresh)");
        }
    }

    /**
     * A channel other than 1 only on a source whose model has it; instruments that share a resource are channels of
     * one source, each channel once; on an emulated bench, a further channel needs its unit (channel 1) declared.
     */
    private void checkChannels() {
        Map<String, Map<Integer, String>> byResource = new HashMap<>();
        for (int i = 0; i < c.instruments().size(); i++) {
            InstrumentConfig in = c.instruments().get(i);
            String at = "instruments[" + i + "]";
            if (in.channel() < 1) {
                throw fail(at + ".channel", "expected 1 or 2, got " + in.channel());
            }
            if (in.channel() != 1 && in.role() != InstrumentRole.SOURCE) {
                throw fail(at + ".channel", "only a current source has channels; '" + in.name() + "' is a "
                        + role(in.role()));
            }
            int most = in.role() != InstrumentRole.SOURCE ? 1
                    : modelsOf(in.name()).stream().mapToInt(ModelCapabilities::channels).max().orElse(1);
            if (in.channel() > most) {
                throw fail(at + ".channel", "channel " + in.channel() + " of '" + in.name() + "', but "
                        + (in.autoModel() ? "no source model" : in.model())
                        + " has " + (most == 1 ? "one channel" : "channels 1 to " + most)
                        + " (keysight-b2902a has two)");
            }
            if (in.behindController() || in.resource() == null || ephemeral(in.resource())) {
                if (in.channel() != 1 && in.resource() != null && ephemeral(in.resource())) {
                    throw fail(at + ".resource", "channel " + in.channel() + " answers on its unit's port; port 0 "
                            + "(any free port) cannot name the unit");
                }
                continue;
            }
            Map<Integer, String> channels = byResource.computeIfAbsent(in.resource(), k -> new HashMap<>());
            String other = channels.isEmpty() ? null : channels.values().iterator().next();
            if (other != null && (in.role() != InstrumentRole.SOURCE
                    || c.instrument(other).orElseThrow().role() != InstrumentRole.SOURCE)) {
                throw fail(at + ".resource", "'" + in.name() + "' and '" + other + "' share " + in.resource()
                        + "; only the channels of one source may share a resource");
            }
            String same = channels.put(in.channel(), in.name());
            if (same != null) {
                throw fail(at + ".channel", "channel " + in.channel() + " of " + in.resource() + " is '" + same
                        + "' already; give each instrument on one resource its own channel");
            }
        }
        if (c.emulated()) {
            for (int i = 0; i < c.instruments().size(); i++) {
                InstrumentConfig in = c.instruments().get(i);
                if (in.channel() != 1 && (in.behindController() || in.resource() == null
                        || !in.resource().toLowerCase(Locale.ROOT).startsWith("tcp://"))) {
                    throw fail("instruments[" + i + "].resource", "on an emulated bench a further channel answers on its"
                            + " unit's raw socket; expected tcp://127.0.0.1:<port>, got '" + in.resource() + "'");
                }
                if (in.channel() != 1 && in.resource() != null
                        && !byResource.getOrDefault(in.resource(), Map.of()).containsKey(1)) {
                    throw fail("instruments[" + i + "].channel", "channel " + in.channel() + " of " + in.resource()
                            + " has no channel 1 declared on that resource; the emulator serves the unit as its"
                            + " channel 1");
                }
            }
        }
    }

    /** Port 0: a free port chosen when served, so no two instruments share it. */
    private static boolean ephemeral(String resource) {
        return resource.toLowerCase(Locale.ROOT).startsWith("tcp://") && resource.endsWith(":0");
    }

    private void checkControllers() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < c.controllers().size(); i++) {
            ControllerConfig k = c.controllers().get(i);
            String at = "controllers[" + i + "]";
            if (k == null) {
                throw fail(at, "empty entry; expected name, kind, resource");
            }
            required(k.name(), at + ".name", "the controller's name");
            if (!names.add(k.name())) {
                throw fail(at + ".name", "'" + k.name() + "' is used by two controllers; names must be unique");
            }
            required(k.kind(), at + ".kind", ControllerConfig.PROLOGIX_ETHERNET + " or " + ControllerConfig.PROLOGIX_USB);
            if (!k.kind().equals(ControllerConfig.PROLOGIX_ETHERNET) && !k.kind().equals(ControllerConfig.PROLOGIX_USB)) {
                throw fail(at + ".kind", "unknown controller kind '" + k.kind() + "'; expected "
                        + ControllerConfig.PROLOGIX_ETHERNET + " (a Prologix GPIB-ETHERNET) or "
                        + ControllerConfig.PROLOGIX_USB + " (a Prologix GPIB-USB)");
            }
            if (k.kind().equals(ControllerConfig.PROLOGIX_USB)) {
                checkSerialController(k, at);
                continue;
            }
            required(k.resource(), at + ".resource", "tcp://host:1234");
            if (!k.resource().toLowerCase(Locale.ROOT).startsWith("tcp://")) {
                throw fail(at + ".resource", "a " + ControllerConfig.PROLOGIX_ETHERNET + " answers over TCP; expected "
                        + "tcp://host:1234, got '" + k.resource() + "'");
            }
            checkResource(k.resource(), at + ".resource");
        }
    }

    /** A Prologix GPIB-USB is a serial port: {@code serial:///dev/ttyUSB0} or {@code ASRL/dev/ttyUSB0::INSTR}. */
    private void checkSerialController(ControllerConfig k, String at) {
        required(k.resource(), at + ".resource", "serial:///dev/ttyUSB0 or ASRL/dev/ttyUSB0::INSTR");
        io.spinloop.drivers.transport.ResourceString parsed;
        try {
            parsed = io.spinloop.drivers.transport.ResourceString.parse(k.resource());
        } catch (IllegalArgumentException e) {
            throw fail(at + ".resource", e.getMessage());
        }
        if (!(parsed instanceof io.spinloop.drivers.transport.ResourceString.Serial)) {
            throw fail(at + ".resource", "a " + ControllerConfig.PROLOGIX_USB + " is a serial port; expected "
                    + "serial:///dev/ttyUSB0 or ASRL/dev/ttyUSB0::INSTR, got '" + k.resource() + "'");
        }
    }

    /** A GPIB resource names no controller: the lab-config must say which one the instrument hangs behind. */
    private void refuseGpibWithoutController(String resource, String at) {
        if (io.spinloop.drivers.transport.VisaResource.looksLikeVisa(resource) && !resource.contains("?")
                && resource.toUpperCase(Locale.ROOT).startsWith("GPIB")) {
            try {
                io.spinloop.drivers.transport.VisaResource.parse(resource); // an address out of range says so first
            } catch (IllegalArgumentException e) {
                throw fail(at + ".resource", e.getMessage());
            }
            throw fail(at + ".resource", "the GPIB instrument at '" + resource + "' has no controller; name one of "
                    + "controllers (" + controllerNames() + ") with controller: <name>, or write "
                    + resource + "?via=host[:1234]");
        }
    }

    /**
     * An instrument behind a controller: the controller exists, and the instrument has one GPIB address (by
     * {@code gpib_address} or a {@code GPIB0::n::INSTR} resource) in 0..30 that no other instrument on the same
     * controller has.
     */
    private void checkBehindController(InstrumentConfig in, String at, Map<String, String> taken) {
        if (in.controller() == null) {
            throw fail(at + ".controller", "missing; gpib_address " + in.gpibAddress() + " needs the controller the "
                    + "instrument hangs behind (controllers: " + controllerNames() + ")");
        }
        ControllerConfig k = c.controller(in.controller()).orElseThrow(() -> fail(at + ".controller",
                "no controller named '" + in.controller() + "'; controllers: " + controllerNames()));
        String address;
        String field;
        if (in.gpibAddress() != null) {
            field = at + ".gpib_address";
            if (in.resource() != null) {
                throw fail(at + ".resource", "give either gpib_address or a GPIB0::n::INSTR resource, not both");
            }
            if (in.gpibAddress() < 0 || in.gpibAddress() > 30) {
                throw fail(field, "GPIB address " + in.gpibAddress() + " is out of range; expected 0 to 30");
            }
            address = String.valueOf(in.gpibAddress());
        } else {
            field = at + ".resource";
            required(in.resource(), field, "a GPIB0::n::INSTR resource, or gpib_address: n");
            io.spinloop.drivers.transport.VisaResource visa;
            try {
                visa = io.spinloop.drivers.transport.VisaResource.parse(in.resource());
            } catch (IllegalArgumentException e) {
                throw fail(field, e.getMessage());
            }
            if (!(visa instanceof io.spinloop.drivers.transport.VisaResource.Gpib gpib) || in.resource().contains("?")) {
                throw fail(field, "an instrument behind controller '" + k.name() + "' is addressed as GPIB0::n::INSTR "
                        + "(or gpib_address: n), got '" + in.resource() + "'");
            }
            address = gpib.primary() + (gpib.secondary() < 0 ? "" : "::" + gpib.secondary());
        }
        io.spinloop.drivers.transport.ResourceString parsed;
        try {
            // Port 0 (any free port) is for `emulator serve` only and the drivers refuse to dial it: the address
            // is checked as if the controller were on its usual port.
            String at0 = k.resource().endsWith(":0") ? k.resource().substring(0, k.resource().length() - 1)
                    + io.spinloop.drivers.transport.ResourceString.PROLOGIX_PORT : k.resource();
            parsed = io.spinloop.drivers.transport.ResourceString.parse(LabConfig.driverResource(in, at0));
        } catch (IllegalArgumentException e) {
            throw fail(field, e.getMessage());
        }
        // Keyed like checkGpibAddressFree, so an instrument written GPIB0::n::INSTR?via=... on the same controller
        // collides too.
        var controllerAt = ((io.spinloop.drivers.transport.ResourceString.Gpib) parsed).controller().text();
        String key = ("GPIB address " + address + " behind the Prologix at " + controllerAt).toLowerCase(Locale.ROOT);
        String other = taken.putIfAbsent(key, in.name());
        if (other != null) {
            throw fail(field, "GPIB address " + address + " on controller '" + k.name() + "' is already instrument '"
                    + other + "'s; give each instrument on one controller its own address");
        }
    }

    private String controllerNames() {
        return c.controllers().isEmpty() ? "none declared"
                : String.join(", ", c.controllers().stream().map(ControllerConfig::name).toList());
    }

    /** Two instruments behind one Prologix controller need different GPIB addresses: both would answer at once. */
    private void checkGpibAddressFree(InstrumentConfig in, String at, Map<String, String> taken) {
        if (!io.spinloop.drivers.transport.VisaResource.looksLikeVisa(in.resource())) {
            return;
        }
        if (io.spinloop.drivers.transport.ResourceString.parse(in.resource())
                instanceof io.spinloop.drivers.transport.ResourceString.Gpib gpib) {
            String where = "GPIB address " + gpib.address().primary()
                    + (gpib.address().secondary() < 0 ? "" : "::" + gpib.address().secondary())
                    + " behind the Prologix at " + gpib.controller().text();
            String other = taken.putIfAbsent(where.toLowerCase(Locale.ROOT), in.name());
            if (other != null) {
                throw fail(at, where + " is already instrument '" + other + "'s; give each instrument its own address");
            }
        }
    }

    private void checkResource(String resource, String at) {
        if (io.spinloop.drivers.transport.VisaResource.looksLikeVisa(resource)) {
            // VISA strings (TCPIP0::host::5025::SOCKET, ASRL1::INSTR, ...) are no URIs; the drivers' parser says
            // what is wrong, and refuses by name the forms whose transport does not exist yet.
            try {
                io.spinloop.drivers.transport.ResourceString.parse(resource);
            } catch (IllegalArgumentException e) {
                throw fail(at, e.getMessage());
            }
            return;
        }
        URI uri;
        try {
            uri = new URI(resource);
        } catch (URISyntaxException e) {
            throw fail(at, "'" + resource + "' is not a resource; expected tcp://host:port or serial:///dev/port?baud=9600");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "tcp" -> {
                if (uri.getHost() == null || uri.getPort() < 0 || uri.getPort() > 65535) {
                    // The drivers' parser says what is wrong (a port out of range, no port) where it can tell.
                    try {
                        io.spinloop.drivers.transport.ResourceString.parse(resource);
                    } catch (IllegalArgumentException e) {
                        throw fail(at, e.getMessage());
                    }
                    throw fail(at, "'" + resource + "' lacks a host or port; expected tcp://host:port");
                }
            }
            case "serial" -> {
                if (uri.getPath() == null || uri.getPath().isEmpty()) {
                    throw fail(at, "'" + resource + "' lacks a port path; expected serial:///dev/ttyUSB0?baud=9600");
                }
                if (uri.getQuery() != null) {
                    for (String kv : uri.getQuery().split("&")) {
                        String key = kv.split("=", 2)[0].toLowerCase(Locale.ROOT);
                        if (!SERIAL_KEYS.contains(key)) {
                            throw fail(at, "unknown serial setting '" + key + "'; expected baud, data, parity, stop, flow, term,"
                                    + " backend");
                        }
                    }
                }
            }
            case "usbtmc" -> {
                // a Linux usbtmc device file, usbtmc:///dev/usbtmc0: the drivers' parser checks it below
            }
            default -> throw fail(at, "unknown scheme in '" + resource + "'; expected tcp://host:port, serial:///dev/port?baud=9600"
                    + " or usbtmc:///dev/usbtmc0");
        }
        if (uri.getPort() != 0) { // port 0 (any free port) is for `emulator serve` only; the drivers never dial it
            try {
                io.spinloop.drivers.transport.ResourceString.parse(resource);
            } catch (IllegalArgumentException e) {
                throw fail(at, e.getMessage());
            }
        }
    }

    private void checkDevices() {
        if (c.devices().isEmpty()) {
            throw fail("devices", "missing; expected a list of devices (id, source, analyzer, limits)");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < c.devices().size(); i++) {
            DeviceConfig d = c.devices().get(i);
            String at = "devices[" + i + "]";
            if (d == null) {
                throw fail(at, "empty entry; expected id, source, analyzer, limits");
            }
            required(d.id(), at + ".id", "the device's id");
            if (!ids.add(d.id())) {
                throw fail(at + ".id", "'" + d.id() + "' is used by two devices; ids must be unique");
            }
            reference(d.source(), InstrumentRole.SOURCE, at + ".source");
            reference(d.analyzer(), InstrumentRole.ANALYZER, at + ".analyzer");
            SafetyLimits l = d.limits();
            if (l == null) {
                throw fail(at + ".limits", "missing; expected max_current_A, compliance_V, ramp_rate_A_per_s, ramp_step_A");
            }
            positive(l.maxCurrentA(), at + ".limits.max_current_A");
            positive(l.complianceV(), at + ".limits.compliance_V");
            positive(l.rampRateAPerS(), at + ".limits.ramp_rate_A_per_s");
            positive(l.rampStepA(), at + ".limits.ramp_step_A");
            if (l.rampStepA() > l.maxCurrentA()) {
                throw fail(at + ".limits.ramp_step_A", "a ramp step of " + amps(l.rampStepA())
                        + " is larger than the largest current " + amps(l.maxCurrentA()));
            }
            if (d.field() != null) {
                checkField(d.field(), at + ".field");
            }
            List<ModelCapabilities> models = modelsOf(d.source());
            double maxI = models.stream().mapToDouble(ModelCapabilities::maxCurrentA).max().orElse(Double.MAX_VALUE);
            double maxV = models.stream().mapToDouble(ModelCapabilities::maxComplianceV).max().orElse(Double.MAX_VALUE);
            if (l.maxCurrentA() > maxI) {
                throw fail(at + ".limits.max_current_A", amps(l.maxCurrentA()) + " is beyond the range of source '"
                        + d.source() + "' (" + amps(maxI) + ")");
            }
            if (l.complianceV() > maxV) {
                throw fail(at + ".limits.compliance_V", l.complianceV() + " V is beyond the compliance range of source '"
                        + d.source() + "' (" + maxV + " V)");
            }
        }
    }

    private void checkSweepPreset() {
        SweepPreset s = c.presets().sweep();
        String at = "presets.sweep";
        if (!(s.stepA() > 0) || s.stepA().isInfinite()) {
            throw fail(at + ".step_A", "expected a positive step, got " + s.stepA());
        }
        if (!(s.settleS() >= 0) || s.settleS().isInfinite()) {
            throw fail(at + ".settle_s", "expected zero or a positive time, got " + s.settleS());
        }
        finite(s.fromA(), at + ".from_A");
        finite(s.toA(), at + ".to_A");
        double reach = Math.max(Math.abs(s.fromA()), Math.abs(s.toA()));
        for (int i = 0; i < c.devices().size(); i++) {
            DeviceConfig d = c.devices().get(i);
            if (reach > d.limits().maxCurrentA()) {
                String field = Math.abs(s.toA()) >= Math.abs(s.fromA()) ? ".to_A" : ".from_A";
                throw fail(at + field, "the sweep reaches " + amps(reach) + ", beyond device '" + d.id()
                        + "' whose max_current_A is " + amps(d.limits().maxCurrentA()));
            }
        }
        checkSpectrum(s.analyzer(), at + ".analyzer");
        for (DeviceConfig d : c.devices()) {
            // The same budget `measure sweep` holds its options to.
            String tooMuch = Limits.sweepPlan(s.fromA(), s.toA(), s.stepA(), s.settleS(), s.analyzer(), d.limits())
                    .problem();
            if (tooMuch != null) {
                throw fail(at + ".step_A", "a step of " + amps(s.stepA()) + " from " + amps(s.fromA()) + " to "
                        + amps(s.toA()) + " " + tooMuch);
            }
        }
    }

    /** Checks spectrum settings against every analyzer that serves a device. */
    private void checkSpectrum(SpectrumSettings a, String at) {
        positive(a.centerHz(), at + ".center_Hz");
        if (!(a.spanHz() >= 0) || a.spanHz().isInfinite()) {
            throw fail(at + ".span_Hz", "expected zero (zero span) or a positive span, got " + a.spanHz());
        }
        if (a.spanHz() / 2 >= a.centerHz()) {
            throw fail(at + ".span_Hz", "a span of " + a.spanHz() + " Hz around " + a.centerHz()
                    + " Hz reaches below 0 Hz");
        }
        positive(a.rbwHz(), at + ".rbw_Hz");
        if (a.vbwHz() != null) {
            positive(a.vbwHz(), at + ".vbw_Hz");
        }
        if (a.averages() == null) {
            throw fail(at + ".averages", "expected 1 or more, got null");
        }
        problem(Limits.averages(a.averages()), a.averages(), at + ".averages");
        for (DeviceConfig d : c.devices()) {
            List<ModelCapabilities> models = modelsOf(d.analyzer());
            double maxRbw = models.stream().mapToDouble(ModelCapabilities::maxRbwHz).max().orElse(Double.MAX_VALUE);
            if (a.rbwHz() > maxRbw) {
                throw fail(at + ".rbw_Hz", a.rbwHz() + " Hz is wider than analyzer '" + d.analyzer()
                        + "' can do (" + maxRbw + " Hz)");
            }
            String points = Limits.tracePoints(a.points(), c, d);
            if (points != null) {
                throw fail(at + ".points", a.points() + " points is " + points);
            }
        }
    }

    private void checkSequencePreset() {
        SequencePreset s = c.presets().sequences();
        String at = "presets.sequences";
        atLeastOne(s.count(), at + ".count");
        atLeastOne(s.repeats(), at + ".repeats");
        if (s.length() < 2) {
            throw fail(at + ".length", "expected 2 or more currents per sequence, got " + s.length());
        }
        positive(s.dwellS(), at + ".dwell_s");
        finite(s.minA(), at + ".min_A");
        finite(s.maxA(), at + ".max_A");
        String tooLong = new Limits.SequencePlan(s.count(), s.repeats(), s.length(), s.dwellS()).problem();
        if (tooLong != null) {
            throw fail(at + ".count", tooLong);
        }
        positive(s.rbwHz(), at + ".rbw_Hz");
        if (s.centerHz() != null) {
            positive(s.centerHz(), at + ".center_Hz");
        }
        if (s.minA() >= s.maxA()) {
            throw fail(at + ".min_A", "min_A " + amps(s.minA()) + " is not below max_A " + amps(s.maxA()));
        }
        for (DeviceConfig d : c.devices()) {
            double reach = Math.max(Math.abs(s.minA()), Math.abs(s.maxA()));
            if (reach > d.limits().maxCurrentA()) {
                throw fail(at + ".max_A", "the sequences reach " + amps(reach) + ", beyond device '" + d.id()
                        + "' whose max_current_A is " + amps(d.limits().maxCurrentA()));
            }
            String length = Limits.sequenceLength(s.length(), c, d);
            if (length != null) {
                throw fail(at + ".length", length);
            }
            double maxRbw = modelsOf(d.analyzer()).stream().mapToDouble(ModelCapabilities::maxRbwHz).max()
                    .orElse(Double.MAX_VALUE);
            if (s.rbwHz() > maxRbw) {
                throw fail(at + ".rbw_Hz", s.rbwHz() + " Hz is wider than analyzer '" + d.analyzer()
                        + "' can do (" + maxRbw + " Hz)");
            }
        }
    }

    /**
     * A VXI-11 or HiSLIP instrument on an emulated bench: on loopback, behind the bench's one VXI-11 server (one
     * portmapper port) or one HiSLIP server (one port), at a device name of its own. False for other resources.
     */
    private boolean checkEmulatedLanProtocol(InstrumentConfig in, String at, Map<String, String> taken) {
        if (!io.spinloop.drivers.transport.VisaResource.looksLikeVisa(in.resource())) {
            return false;
        }
        var parsed = io.spinloop.drivers.transport.ResourceString.parse(in.resource());
        String host;
        String server;
        String device;
        if (parsed instanceof io.spinloop.drivers.transport.ResourceString.Vxi11 v) {
            host = v.address().host();
            server = "vxi11 portmapper " + v.portmapperPort();
            device = v.address().device();
        } else if (parsed instanceof io.spinloop.drivers.transport.ResourceString.Hislip h) {
            host = h.address().host();
            server = "hislip port " + h.address().port();
            device = h.address().device();
        } else {
            return false;
        }
        if (!host.equals("127.0.0.1") && !host.equalsIgnoreCase("localhost")) {
            throw fail(at, "an emulated bench answers on loopback; expected host 127.0.0.1, got '" + in.resource() + "'");
        }
        String kind = server.substring(0, server.indexOf(' '));
        String other = taken.putIfAbsent(kind, server);
        if (other != null && !other.equals(server)) {
            throw fail(at, "an emulated bench serves one " + (kind.equals("vxi11") ? "VXI-11 server (one portmapper"
                    + " port)" : "HiSLIP server (one port)") + "; '" + in.resource() + "' names " + server
                    + " where another instrument names " + other);
        }
        String name = taken.putIfAbsent(kind + "/" + device.toLowerCase(Locale.ROOT), in.name());
        if (name != null) {
            throw fail(at, "device '" + device + "' is already instrument '" + name + "'s on the emulated "
                    + (kind.equals("vxi11") ? "VXI-11" : "HiSLIP") + " server; give each instrument its own");
        }
        return true;
    }

    private void checkEmulator() {
        EmulatorConfig e = c.emulator();
        String at = "emulator";
        String timing = e.timing().toLowerCase(Locale.ROOT);
        if (!timing.equals("virtual") && !timing.equals("realtime")) {
            throw fail(at + ".timing", "unknown timing '" + e.timing() + "'; expected virtual or realtime");
        }
        Map<String, String> lanServers = new java.util.HashMap<>();
        for (int i = 0; i < c.instruments().size(); i++) {
            InstrumentConfig in = c.instruments().get(i);
            if (in.behindController()) {
                if (in.resource() != null && in.resource().split("::").length > 3) {
                    throw fail("instruments[" + i + "].resource", "the emulated Prologix gateway serves primary "
                            + "addresses only; expected GPIB0::n::INSTR, got '" + in.resource() + "'");
                }
                continue;
            }
            if (checkEmulatedLanProtocol(in, "instruments[" + i + "].resource", lanServers)) {
                continue;
            }
            if (!in.resource().toLowerCase(Locale.ROOT).startsWith("tcp://")) {
                throw fail("instruments[" + i + "].resource", "an emulated bench answers on loopback sockets; expected "
                        + "tcp://127.0.0.1:<port>, got '" + in.resource() + "'");
            }
        }
        for (int i = 0; i < c.instruments().size(); i++) {
            String name = c.instruments().get(i).name();
            long served = c.devices().stream().filter(d -> name.equals(d.source()) || name.equals(d.analyzer())).count();
            if (served > 1) {
                throw fail("instruments[" + i + "].name", "'" + name + "' serves " + served + " devices; on an emulated "
                        + "bench each device has its own source and analyzer (no switch matrix is emulated)");
            }
        }
        if (c.controllers().size() > 1) {
            throw fail("controllers[1]", "an emulated bench serves one Prologix gateway; put its GPIB instruments "
                    + "behind one controller");
        }
        if (!c.controllers().isEmpty() && ControllerConfig.PROLOGIX_USB.equals(c.controllers().get(0).kind())) {
            throw fail("controllers[0].kind", "an emulated bench serves its Prologix gateway over TCP; declare it "
                    + ControllerConfig.PROLOGIX_ETHERNET + " (the GPIB-USB on a pseudo-terminal is served by the"
                    + " drivers' tests)");
        }
        for (var m : e.models().entrySet()) {
            InstrumentConfig in = c.instrument(m.getKey()).orElseThrow(() -> fail(at + ".models." + m.getKey(),
                    "no instrument named '" + m.getKey() + "'; instruments: " + instrumentNames()));
            if (isFieldRole(in.role())) {
                checkFieldModel(m.getValue(), in.role(), at + ".models." + m.getKey());
                continue;
            }
            ModelCapabilities model = ModelCapabilities.byConfigName(m.getValue()).orElseThrow(() ->
                    fail(at + ".models." + m.getKey(), "unknown model '" + m.getValue() + "'; expected one of "
                            + ModelCapabilities.allNames()));
            if (model.role() != in.role()) {
                throw fail(at + ".models." + m.getKey(), m.getValue() + " is a " + role(model.role())
                        + ", but '" + in.name() + "' is a " + role(in.role()));
            }
        }
        for (var m : e.magnets().entrySet()) {
            String mat = at + ".magnets." + m.getKey();
            InstrumentConfig in = c.instrument(m.getKey()).orElseThrow(() -> fail(mat,
                    "no instrument named '" + m.getKey() + "'; instruments: " + instrumentNames()));
            if (in.role() != InstrumentRole.MAGNET) {
                throw fail(mat, "'" + m.getKey() + "' is a " + role(in.role()) + "; expected a magnet supply");
            }
            EmulatedMagnet em = m.getValue();
            if (em == null) {
                throw fail(mat, "empty; expected tesla_per_A, time_constant_s, remanence_T, play_A");
            }
            positiveIfSet(em.teslaPerA(), mat + ".tesla_per_A");
            positiveIfSet(em.timeConstantS(), mat + ".time_constant_s");
            if (em.remanenceT() != null) {
                nonNegative(em.remanenceT(), mat + ".remanence_T");
            }
            positiveIfSet(em.playA(), mat + ".play_A");
        }
        positiveIfSet(e.magnetic().effectiveMagnetisationT(), at + ".magnetic.effective_magnetisation_T");
        finite(e.magnetic().biasFieldT(), at + ".magnetic.bias_field_T");
        Double alpha = e.magnetic().gilbertDamping();
        if (alpha != null && !(alpha > 0 && alpha < 1)) {
            throw fail(at + ".magnetic.gilbert_damping", "expected a number between 0 and 1, got " + alpha);
        }
        for (int i = 0; i < c.instruments().size(); i++) {
            InstrumentConfig in = c.instruments().get(i);
            if (in.role() == InstrumentRole.GAUSSMETER && c.devices().stream()
                    .noneMatch(d -> d.field() != null && in.name().equals(d.field().gaussmeter()))) {
                throw fail("instruments[" + i + "].name", "gaussmeter '" + in.name() + "' is at no device; on an "
                        + "emulated bench its probe sits in the gap of a device's magnet (name it in a device's field)");
            }
        }
        checkDeviceParameters(e.device(), at + ".device");
        for (var d : e.devices().entrySet()) {
            if (c.device(d.getKey()).isEmpty()) {
                throw fail(at + ".devices." + d.getKey(), "no device '" + d.getKey() + "' in devices");
            }
            checkDeviceParameters(d.getValue(), at + ".devices." + d.getKey());
        }
        nonNegative(e.spread().threshold(), at + ".spread.threshold");
        nonNegative(e.spread().f0(), at + ".spread.f0");
        nonNegative(e.spread().q(), at + ".spread.Q");
        nonNegative(e.drift(), at + ".drift");
        for (int i = 0; i < e.faults().size(); i++) {
            FaultConfig f = e.faults().get(i);
            String fat = at + ".faults[" + i + "]";
            required(f.instrument(), fat + ".instrument", "the instrument that misbehaves");
            if (c.instrument(f.instrument()).isEmpty()) {
                throw fail(fat + ".instrument", "no instrument named '" + f.instrument() + "'; instruments: "
                        + instrumentNames());
            }
            required(f.kind(), fat + ".kind", "one of " + String.join(", ", FAULT_KINDS));
            if (!FAULT_KINDS.contains(f.kind())) {
                throw fail(fat + ".kind", "unknown fault '" + f.kind() + "'; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(FAULT_KINDS)));
            }
            if (f.afterCommands() < 0) {
                throw fail(fat + ".after_commands", "expected 0 or more, got " + f.afterCommands());
            }
        }
    }

    private void checkDeviceParameters(EmulatedDeviceParameters p, String at) {
        if (p == null) {
            throw fail(at, "empty; expected device parameters such as threshold_A: 1.0e-3");
        }
        positiveIfSet(p.f0Hz(), at + ".f0_Hz");
        positiveIfSet(p.relaxationS(), at + ".relaxation_s");
        positiveIfSet(p.thresholdA(), at + ".threshold_A");
        positiveIfSet(p.q(), at + ".Q");
        if (p.magnetoresistance() != null && !(p.magnetoresistance() > -1)) {
            throw fail(at + ".magnetoresistance", "expected a number above -1, got " + p.magnetoresistance());
        }
        positiveIfSet(p.resistanceOhm(), at + ".resistance_ohm");
        positiveIfSet(p.linewidthAt2IthHz(), at + ".linewidth_at_2Ith_Hz");
        positiveIfSet(p.damageA(), at + ".damage_A");
        if (p.thresholdA() != null && p.damageA() != null && p.damageA() <= p.thresholdA()) {
            throw fail(at + ".damage_A", "the damage current " + amps(p.damageA())
                    + " is not above the threshold " + amps(p.thresholdA()));
        }
    }

    private static boolean isFieldRole(InstrumentRole r) {
        return r == InstrumentRole.MAGNET || r == InstrumentRole.GAUSSMETER;
    }

    /** A field instrument's model: auto, or one the field drivers know, of the instrument's role. */
    private void checkFieldModel(String model, InstrumentRole role, String at) {
        if (model == null || model.equalsIgnoreCase(InstrumentConfig.AUTO)) {
            return;
        }
        io.spinloop.drivers.field.FieldModel m;
        try {
            m = io.spinloop.drivers.field.FieldModel.parse(model);
        } catch (IllegalArgumentException e) {
            throw fail(at, e.getMessage());
        }
        if (m.isMagnetSupply() != (role == InstrumentRole.MAGNET)) {
            throw fail(at, model + " is a " + (m.isMagnetSupply() ? "magnet supply" : "gaussmeter")
                    + ", but the instrument's role is " + role(role));
        }
    }

    /** A device's field block: its instruments by role, a usable calibration and magnet limits. */
    private void checkField(FieldConfig f, String at) {
        reference(f.magnet(), InstrumentRole.MAGNET, at + ".magnet");
        reference(f.gaussmeter(), InstrumentRole.GAUSSMETER, at + ".gaussmeter");
        if (f.teslaPerA() == null) {
            throw fail(at + ".tesla_per_A", "missing; expected the magnet's calibration slope in T/A, e.g. 0.05");
        }
        if (!Double.isFinite(f.teslaPerA()) || f.teslaPerA() == 0) {
            throw fail(at + ".tesla_per_A", "expected a finite non-zero slope in T/A, got " + f.teslaPerA());
        }
        finite(f.offsetT(), at + ".offset_T");
        positive(f.toleranceT(), at + ".tolerance_T");
        nonNegative(f.settleS(), at + ".settle_s");
        FieldConfig.MagnetLimitsConfig l = f.limits();
        if (l == null) {
            throw fail(at + ".limits", "missing; expected max_current_A, max_voltage_V, ramp_rate_A_per_s, ramp_step_A");
        }
        positive(l.maxCurrentA(), at + ".limits.max_current_A");
        positive(l.maxVoltageV(), at + ".limits.max_voltage_V");
        positive(l.rampRateAPerS(), at + ".limits.ramp_rate_A_per_s");
        positive(l.rampStepA(), at + ".limits.ramp_step_A");
        if (l.rampStepA() > l.maxCurrentA()) {
            throw fail(at + ".limits.ramp_step_A", "a ramp step of " + amps(l.rampStepA())
                    + " is larger than the largest current " + amps(l.maxCurrentA()));
        }
        checkCoilVoltage(f.coil(), l, at);
    }

    /**
     * With the coil given, the supply's voltage limit must cover L·dI/dt + R·I at the ramp rate and the current limit:
     * below it the supply sits in its voltage limit, the coil current lags the programmed ramp, and the rate limit
     * no longer says where the current is.
     */
    /** Four significant digits, no trailing zeros: {@code 17}, {@code 0.5}, {@code 20}; exponent form far from 1. */
    private static String g4(double v) {
        java.math.BigDecimal d = new java.math.BigDecimal(v, new java.math.MathContext(4)).stripTrailingZeros();
        return v == 0 || (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e6) ? d.toPlainString() : d.toString();
    }

    private void checkCoilVoltage(FieldConfig.CoilConfig coil, FieldConfig.MagnetLimitsConfig l, String at) {
        if (coil == null) {
            return;
        }
        positive(coil.inductanceH(), at + ".coil.inductance_H");
        nonNegative(coil.resistanceOhm(), at + ".coil.resistance_ohm");
        double inductive = coil.inductanceH() * l.rampRateAPerS();
        double resistive = coil.resistanceOhm() * l.maxCurrentA();
        double needed = inductive + resistive;
        if (l.maxVoltageV() < needed * (1 - 1e-9)) {
            throw fail(at + ".limits.max_voltage_V", g4(l.maxVoltageV()) + " V is below what the coil needs at the"
                    + " limits, L·dI/dt + R·I = " + g4(coil.inductanceH()) + " H × " + g4(l.rampRateAPerS()) + " A/s + "
                    + g4(coil.resistanceOhm()) + " ohm × " + g4(l.maxCurrentA()) + " A = " + g4(needed) + " V ("
                    + g4(inductive) + " V + " + g4(resistive) + " V): the supply would sit in its voltage limit and the"
                    + " current lag the ramp; raise max_voltage_V to at least " + g4(needed) + " V, or lower"
                    + " ramp_rate_A_per_s or max_current_A");
        }
    }

    private void reference(String name, InstrumentRole role, String at) {
        if (name == null || name.isBlank()) {
            throw fail(at, "missing; expected the name of a " + role(role) + " among the instruments ("
                    + instrumentNames() + ")");
        }
        InstrumentConfig in = c.instrument(name).orElseThrow(() -> fail(at, "no instrument named '" + name
                + "'; instruments: " + instrumentNames()));
        if (in.role() != role) {
            throw fail(at, "'" + name + "' is a " + role(in.role()) + "; expected a " + role(role));
        }
    }

    /** The models an instrument may be: the configured one, the emulated one, or any of its role for auto. */
    private List<ModelCapabilities> modelsOf(String instrumentName) {
        return Limits.modelsOf(c, instrumentName);
    }

    private String instrumentNames() {
        return String.join(", ", c.instruments().stream().map(InstrumentConfig::name).toList());
    }

    private void required(String value, String at, String expected) {
        if (value == null || value.isBlank()) {
            throw fail(at, "missing; expected " + expected);
        }
    }

    private void positive(Double value, String at) {
        if (value == null) {
            throw fail(at, "missing; expected a positive number");
        }
        problem(Limits.positive(value), value, at);
    }

    private void positiveIfSet(Double value, String at) {
        if (value != null) {
            positive(value, at);
        }
    }

    private void nonNegative(Double value, String at) {
        if (value == null) {
            throw fail(at, "expected zero or a positive number, got null");
        }
        problem(Limits.nonNegative(value), value, at);
    }

    private void finite(Double value, String at) {
        if (value != null) {
            problem(Limits.finite(value), value, at);
        }
    }

    /** A problem {@link Limits} found with a value, reported at its field. */
    private void problem(String problem, Object value, String at) {
        if (problem != null) {
            throw fail(at, problem + ", got " + value);
        }
    }

    private void atLeastOne(Integer value, String at) {
        if (value == null) {
            throw fail(at, "expected 1 or more, got null");
        }
        problem(Limits.atLeast(value, 1), value, at);
    }

    private static String role(InstrumentRole r) {
        if (r == InstrumentRole.MAGNET) {
            return "magnet supply";
        }
        if (r == InstrumentRole.GAUSSMETER) {
            return "gaussmeter";
        }
        return r == InstrumentRole.SOURCE ? "current source" : "spectrum analyzer";
    }

    static String amps(double a) {
        return Limits.amps(a);
    }

    private LabConfigException fail(String field, String problem) {
        return loaded.error(field, problem);
    }
}
