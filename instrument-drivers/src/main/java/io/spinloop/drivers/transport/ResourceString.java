package io.spinloop.drivers.transport;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where an instrument is: {@code tcp://host:port} for a LAN instrument (raw SCPI socket, usually port 5025)
 * or {@code serial:///dev/ttyUSB0?baud=9600&parity=none&data=8&stop=1&flow=none&term=lf} for RS-232.
 * Every option has a default (9600 8N1, no flow control, LF); unknown options are refused so that a
 * typo in a lab config is never silently ignored.
 */
public sealed interface ResourceString permits ResourceString.Tcp, ResourceString.Serial, ResourceString.Gpib,
        ResourceString.Usbtmc, ResourceString.Vxi11, ResourceString.Hislip {

    /** The terminator of both written and read messages. */
    Terminator terminator();

    /** The canonical text of this resource, as used in every error message. */
    String text();

    /** A LAN instrument reached over a raw TCP socket. */
    record Tcp(String host, int port, Terminator terminator) implements ResourceString {
        public Tcp {
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("tcp resource needs a host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(portOutOfRange(Integer.toString(port)));
            }
        }

        @Override
        public String text() {
            String base = "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
            return terminator == Terminator.LF ? base : base + "?term=" + terminator.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A GPIB instrument behind a Prologix GPIB-ETHERNET controller in controller mode, written
     * {@code GPIB0::24::INSTR?via=host[:1234]} (or {@code via=tcp://host:port}): VISA strings name no controller,
     * so the option says which one. GPIB messages end with EOI, so the terminator is always LF (the instruments'
     * own reply terminator) and {@code term} other than lf is refused. Behind a Prologix GPIB-USB (a serial port)
     * the controller is a serial resource, {@code via=serial:///dev/ttyUSB0} or {@code via=ASRL/dev/ttyUSB0::INSTR},
     * given last: everything after {@code via=} is the controller's resource, with its own options. A lab-config
     * adds {@code controller=NAME} before {@code via}, so messages name the controller as the config does.
     */
    record Gpib(VisaResource.Gpib address, ResourceString controller, String controllerName) implements ResourceString {
        public Gpib(VisaResource.Gpib address, ResourceString controller) {
            this(address, controller, null);
        }

        public Gpib {
            if (!(controller instanceof Tcp || controller instanceof Serial)) {
                throw new IllegalArgumentException("a Prologix controller is reached over TCP or a serial port, not "
                        + controller.text());
            }
        }

        @Override
        public Terminator terminator() {
            return Terminator.LF;
        }

        @Override
        public String text() {
            return address.text() + "?via=" + controller.text();
        }

        /**
         * How messages name the way to the instrument: {@code GPIB0::24::INSTR via prologix-1 at tcp://host:1234}
         * when a lab-config named the controller ({@code controller=NAME}), else by its kind and address.
         */
        String label(Object controllerLink) {
            return address.text() + " via " + (controllerName == null ? controllerLink
                    : controllerName + " at " + controller.text());
        }
    }

    /**
     * A VXI-11 device, {@code TCPIP[n]::host[::inst0]::INSTR}; its core channel's port comes from the host's
     * portmapper, on port 111 unless {@code ?portmapper=PORT} says otherwise (an emulator that cannot bind 111).
     */
    record Vxi11(VisaResource.Vxi11 address, int portmapperPort) implements ResourceString {
        @Override
        public Terminator terminator() {
            return Terminator.LF;
        }

        @Override
        public String text() {
            return address.text() + (portmapperPort == PORTMAPPER_PORT ? "" : "?portmapper=" + portmapperPort);
        }
    }

    /** A HiSLIP device, {@code TCPIP[n]::host::hislip0[,port]::INSTR} (port 4880 unless given). */
    record Hislip(VisaResource.Hislip address) implements ResourceString {
        @Override
        public Terminator terminator() {
            return Terminator.LF;
        }

        @Override
        public String text() {
            return address.text();
        }
    }

    /** The ONC RPC portmapper's port, where VXI-11 clients ask for the core channel. */
    int PORTMAPPER_PORT = 111;

    /**
     * A USBTMC instrument through the Linux usbtmc kernel driver: its device file named directly
     * ({@code usbtmc:///dev/usbtmc0}; {@code id} is null), or a {@code USB0::0x0957::0x0B0B::MY123::INSTR} resource
     * ({@code devicePath} is null) whose device file is found in sysfs when it is opened ({@link UsbtmcDevices}).
     * USBTMC messages end with EOM; replies end with LF as the instruments send them.
     */
    record Usbtmc(String devicePath, VisaResource.Usb id) implements ResourceString {
        public Usbtmc {
            if ((devicePath == null) == (id == null)) {
                throw new IllegalArgumentException("a usbtmc resource is a device file or a USB::vid::pid::serial"
                        + " resource, exactly one of them");
            }
            if (devicePath != null && !devicePath.startsWith("/")) {
                throw new IllegalArgumentException("usbtmc device file must be an absolute path, e.g."
                        + " usbtmc:///dev/usbtmc0, got '" + devicePath + "'");
            }
        }

        @Override
        public Terminator terminator() {
            return Terminator.LF;
        }

        @Override
        public String text() {
            return devicePath != null ? "usbtmc://" + devicePath : id.text();
        }
    }

    /** Line settings of an RS-232 port. */
    enum Parity { NONE, EVEN, ODD, MARK, SPACE }

    /** Stop bits of an RS-232 frame. */
    enum StopBits { ONE, ONE_POINT_FIVE, TWO }

    /** RS-232 flow control. */
    enum FlowControl { NONE, RTS_CTS, XON_XOFF }

    /**
     * The library that drives a serial port: jSerialComm unless the resource says {@code backend=jssc}. Both
     * speak termios on Linux; jssc is there for a bench where jSerialComm's native part misbehaves.
     */
    enum SerialBackend { JSERIALCOMM, JSSC }

    /** An instrument on a serial port (or a pseudo-terminal standing in for one). */
    record Serial(String path, int baud, int dataBits, Parity parity, StopBits stopBits,
                  FlowControl flow, Terminator terminator, SerialBackend backend) implements ResourceString {
        /** A port driven by jSerialComm, the default backend. */
        public Serial(String path, int baud, int dataBits, Parity parity, StopBits stopBits, FlowControl flow,
                      Terminator terminator) {
            this(path, baud, dataBits, parity, stopBits, flow, terminator, SerialBackend.JSERIALCOMM);
        }

        public Serial {
            if (backend == null) {
                throw new IllegalArgumentException("serial backend is missing (jserialcomm or jssc)");
            }
            if (path == null || path.isEmpty()) {
                throw new IllegalArgumentException("serial resource needs a port path, e.g. serial:///dev/ttyUSB0");
            }
            if (baud <= 0) {
                throw new IllegalArgumentException("baud must be positive, got " + baud);
            }
            if (dataBits < 5 || dataBits > 8) {
                throw new IllegalArgumentException("data bits must be 5..8, got " + dataBits);
            }
        }

        @Override
        public String text() {
            return "serial://" + path + "?baud=" + baud + "&data=" + dataBits
                    + "&parity=" + parity.name().toLowerCase(Locale.ROOT)
                    + "&stop=" + (stopBits == StopBits.ONE ? "1" : stopBits == StopBits.TWO ? "2" : "1.5")
                    + "&flow=" + flow.name().toLowerCase(Locale.ROOT).replace("_", "")
                    + "&term=" + terminator.name().toLowerCase(Locale.ROOT)
                    + (backend == SerialBackend.JSSC ? "&backend=jssc" : "");
        }
    }

    /**
     * Parses a resource string.
     *
     * @throws IllegalArgumentException naming the resource and the part at fault
     */
    static ResourceString parse(String resource) {
        if (resource == null) {
            throw new IllegalArgumentException("resource string is missing");
        }
        String s = resource.trim();
        if (VisaResource.looksLikeVisa(s)) {
            return fromVisa(resource, s);
        }
        try {
            if (s.regionMatches(true, 0, "tcp://", 0, 6)) {
                return parseTcp(s.substring(6));
            }
            if (s.regionMatches(true, 0, "serial://", 0, 9)) {
                return parseSerial(s.substring(9));
            }
            if (s.regionMatches(true, 0, "usbtmc://", 0, 9)) {
                if (s.indexOf('?') >= 0) {
                    throw new IllegalArgumentException("usbtmc takes no options");
                }
                return new Usbtmc(s.substring(9), null);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad resource '" + resource + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("bad resource '" + resource + "': expected " + SUPPORTED
                + " (VISA keywords in any case)");
    }

    /** Every form spinloop can open today, as each refusal lists them. */
    String SUPPORTED = "tcp://host:port, serial:///dev/ttyX?baud=9600&parity=none&data=8&stop=1&flow=none&term=lf,"
            + " TCPIP[n]::host::port::SOCKET, ASRL/dev/ttyX::INSTR, ASRLn::INSTR (= /dev/ttyS(n-1)),"
            + " GPIB[n]::addr[::secondary]::INSTR?via=host[:1234] (through a Prologix GPIB-ETHERNET)"
            + " or ?via=serial:///dev/ttyUSB0 (through a Prologix GPIB-USB),"
            + " TCPIP[n]::host[::inst0]::INSTR[?portmapper=111] (VXI-11), TCPIP[n]::host::hislip0[,4880]::INSTR (HiSLIP),"
            + " USB[n]::vid::pid::serial[::intf]::INSTR or usbtmc:///dev/usbtmcN (Linux usbtmc driver)";

    /**
     * A VISA resource, mapped onto the transports that exist: a SOCKET onto {@link Tcp}, an ASRL port onto
     * {@link Serial}. Options after {@code ?} are those of the mapped form ({@code term}; the serial line settings,
     * which VISA sets as attributes rather than in the string). GPIB through the Prologix controller its {@code via} option names; VXI-11
     * onto {@link Vxi11} ({@code portmapper} option), HiSLIP onto {@link Hislip}; USBTMC is refused by name.
     */
    private static ResourceString fromVisa(String resource, String s) {
        int q = s.indexOf('?');
        String query = q < 0 ? "" : s.substring(q);
        VisaResource visa = VisaResource.parse(q < 0 ? s : s.substring(0, q));
        try {
            if (visa instanceof VisaResource.Socket socket) {
                String host = socket.host().indexOf(':') >= 0 ? "[" + socket.host() + "]" : socket.host();
                return parseTcp(host + ":" + socket.port() + query);
            }
            if (visa instanceof VisaResource.Asrl asrl) {
                return parseSerial(asrl.path() + query);
            }
            if (visa instanceof VisaResource.Gpib gpib) {
                return parseGpib(gpib, query.isEmpty() ? "" : query.substring(1));
            }
            if (visa instanceof VisaResource.Usb usb) {
                if (!query.isEmpty()) {
                    throw new IllegalArgumentException("USBTMC takes no options");
                }
                return new Usbtmc(null, usb);
            }
            if (visa instanceof VisaResource.Vxi11 vxi11) {
                return parseVxi11(vxi11, query.isEmpty() ? "" : query.substring(1));
            }
            if (visa instanceof VisaResource.Hislip hislip) {
                if (!query.isEmpty()) {
                    throw new IllegalArgumentException("HiSLIP takes no options (its messages end with DataEnd; the"
                            + " port is written hislip0,PORT), got '" + query + "'");
                }
                return new Hislip(hislip);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad resource '" + resource + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(visa.protocol() + " resource '" + resource
                + "' cannot be opened yet: its transport does not exist; supported forms: " + SUPPORTED);
    }

    private static Gpib parseGpib(VisaResource.Gpib address, String query) {
        ResourceString controller = null;
        String controllerName = null;
        // A serial controller's resource has options of its own: it takes the rest of the string.
        int via = indexOfSerialVia(query);
        if (via >= 0) {
            String serial = query.substring(via + 4);
            controller = serial.regionMatches(true, 0, "serial://", 0, 9) ? parseSerial(serial.substring(9))
                    : fromVisa(serial, serial);
            if (!(controller instanceof Serial)) {
                throw new IllegalArgumentException("via=" + serial + " is not a serial port");
            }
            query = via == 0 ? "" : query.substring(0, via - 1);
        }
        for (Map.Entry<String, String> e : parseQuery(query).entrySet()) {
            switch (e.getKey()) {
                case "via" -> {
                    if (controller != null) {
                        throw new IllegalArgumentException("option 'via' given twice");
                    }
                    String v = e.getValue();
                    if (v.regionMatches(true, 0, "tcp://", 0, 6)) {
                        v = v.substring(6);
                    }
                    boolean hasPort = v.startsWith("[") ? v.contains("]:") : v.indexOf(':') >= 0;
                    controller = parseTcp(hasPort ? v : v + ":" + PROLOGIX_PORT);
                }
                case "controller" -> controllerName = e.getValue();
                case "term" -> {
                    if (Terminator.parse(e.getValue(), "term") != Terminator.LF) {
                        throw new IllegalArgumentException("GPIB messages end with EOI; term=" + e.getValue()
                                + " does not apply (leave the terminator at lf)");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + e.getKey() + "' (GPIB knows: controller, via, term)");
            }
        }
        if (controller == null) {
            throw new IllegalArgumentException("a GPIB instrument is reached through a Prologix GPIB-ETHERNET"
                    + " controller; name it: " + address.text() + "?via=host[:" + PROLOGIX_PORT + "]"
                    + " (or a GPIB-USB: ?via=serial:///dev/ttyUSB0)");
        }
        return new Gpib(address, controller, controllerName);
    }

    /** Where {@code via=serial://...} or {@code via=ASRL...} starts in a GPIB resource's options, or -1. */
    private static int indexOfSerialVia(String query) {
        String lower = query.toLowerCase(Locale.ROOT);
        for (String start : new String[] {"via=serial://", "via=asrl"}) {
            int at = lower.indexOf(start);
            while (at > 0 && lower.charAt(at - 1) != '&') {
                at = lower.indexOf(start, at + 1);
            }
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }

    private static Vxi11 parseVxi11(VisaResource.Vxi11 address, String query) {
        int portmapper = PORTMAPPER_PORT;
        for (Map.Entry<String, String> e : parseQuery(query).entrySet()) {
            switch (e.getKey()) {
                case "portmapper" -> portmapper = parsePort(e.getValue());
                case "term" -> {
                    if (Terminator.parse(e.getValue(), "term") != Terminator.LF) {
                        throw new IllegalArgumentException("VXI-11 messages end with END; term=" + e.getValue()
                                + " does not apply (leave the terminator at lf)");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + e.getKey()
                        + "' (VXI-11 knows: portmapper, term)");
            }
        }
        return new Vxi11(address, portmapper);
    }

    /** The Prologix GPIB-ETHERNET controller's TCP port. */
    int PROLOGIX_PORT = 1234;

    private static Tcp parseTcp(String rest) {
        int q = rest.indexOf('?');
        Map<String, String> options = parseQuery(q < 0 ? "" : rest.substring(q + 1));
        String hostPort = q < 0 ? rest : rest.substring(0, q);
        if (hostPort.endsWith("/")) {
            hostPort = hostPort.substring(0, hostPort.length() - 1);
        }
        String host;
        String portText;
        if (hostPort.startsWith("[")) { // IPv6 literal
            int close = hostPort.indexOf(']');
            if (close < 0 || close + 1 >= hostPort.length() || hostPort.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("IPv6 host must be written [addr]:port");
            }
            host = hostPort.substring(1, close);
            portText = hostPort.substring(close + 2);
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("missing port (raw SCPI sockets are usually on 5025)");
            }
            host = hostPort.substring(0, colon);
            portText = hostPort.substring(colon + 1);
        }
        int port = parsePort(portText);
        Terminator term = Terminator.LF;
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equals("term")) {
                term = Terminator.parse(e.getValue(), "term");
            } else {
                throw new IllegalArgumentException("unknown option '" + e.getKey() + "' (tcp knows: term)");
            }
        }
        return new Tcp(host, port, term);
    }

    private static Serial parseSerial(String rest) {
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> options = parseQuery(q < 0 ? "" : rest.substring(q + 1));
        int baud = 9600;
        int data = 8;
        Parity parity = Parity.NONE;
        StopBits stop = StopBits.ONE;
        FlowControl flow = FlowControl.NONE;
        Terminator term = Terminator.LF;
        SerialBackend backend = SerialBackend.JSERIALCOMM;
        for (Map.Entry<String, String> e : options.entrySet()) {
            String v = e.getValue().toLowerCase(Locale.ROOT);
            switch (e.getKey()) {
                case "baud": baud = parseInt(v, "baud"); break;
                case "data": data = parseInt(v, "data"); break;
                case "parity":
                    switch (v) {
                        case "none": case "n": parity = Parity.NONE; break;
                        case "even": case "e": parity = Parity.EVEN; break;
                        case "odd": case "o": parity = Parity.ODD; break;
                        case "mark": case "m": parity = Parity.MARK; break;
                        case "space": case "s": parity = Parity.SPACE; break;
                        default: throw new IllegalArgumentException("parity=" + v + ": use none, even, odd, mark or space");
                    }
                    break;
                case "stop":
                    switch (v) {
                        case "1": stop = StopBits.ONE; break;
                        case "1.5": stop = StopBits.ONE_POINT_FIVE; break;
                        case "2": stop = StopBits.TWO; break;
                        default: throw new IllegalArgumentException("stop=" + v + ": use 1, 1.5 or 2");
                    }
                    break;
                case "flow":
                    switch (v) {
                        case "none": flow = FlowControl.NONE; break;
                        case "rtscts": case "rts_cts": case "hardware": flow = FlowControl.RTS_CTS; break;
                        case "xonxoff": case "xon_xoff": case "software": flow = FlowControl.XON_XOFF; break;
                        default: throw new IllegalArgumentException("flow=" + v + ": use none, rtscts or xonxoff");
                    }
                    break;
                case "term": term = Terminator.parse(v, "term"); break;
                case "backend":
                    switch (v) {
                        case "jserialcomm": backend = SerialBackend.JSERIALCOMM; break;
                        case "jssc": backend = SerialBackend.JSSC; break;
                        default: throw new IllegalArgumentException("backend=" + v + ": use jserialcomm (the default) or jssc");
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown option '" + e.getKey()
                            + "' (serial knows: baud, data, parity, stop, flow, term, backend)");
            }
        }
        return new Serial(path, baud, data, parity, stop, flow, term, backend);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("option '" + pair + "' must be name=value");
            }
            String key = pair.substring(0, eq).toLowerCase(Locale.ROOT);
            if (options.put(key, pair.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("option '" + key + "' given twice");
            }
        }
        return options;
    }

    /** A TCP port: digits in 1..65535 (a number outside is out of range, whatever its size, not "not a number"). */
    private static int parsePort(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("missing port after ':' (raw SCPI sockets are usually on 5025)");
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("port '" + text + "' is not a number");
        }
        String digits = text.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 5 || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
            throw new IllegalArgumentException(portOutOfRange(text));
        }
        return Integer.parseInt(digits);
    }

    private static String portOutOfRange(String port) {
        return "port " + port + " is out of range 1\u201365535";
    }

    private static int parseInt(String text, String field) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + "=" + text + " is not an integer");
        }
    }
}
