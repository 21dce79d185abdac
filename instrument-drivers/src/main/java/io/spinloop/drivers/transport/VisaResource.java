package io.spinloop.drivers.transport;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VISA resource string as lab people copy it from an instrument's front panel or from NI MAX, parsed
 * case-insensitively into its typed form. Parsing says only what the string names; whether spinloop can reach
 * it is {@link ResourceString#parse}'s business (today every form has a transport: SOCKET, ASRL, GPIB through a
 * Prologix controller, VXI-11, HiSLIP and USBTMC).
 *
 * <p>The forms: {@code TCPIP[n]::host::port::SOCKET}, {@code TCPIP[n]::host[::inst0]::INSTR} (VXI-11),
 * {@code TCPIP[n]::host::hislip0[,port]::INSTR} (HiSLIP), {@code ASRL/dev/ttyUSB0::INSTR} and
 * {@code ASRLn::INSTR}, {@code GPIB[n]::addr[::secondary]::INSTR}, {@code USB[n]::vid::pid::serial[::intf]::INSTR}.
 */
public sealed interface VisaResource {

    /** The forms, in the words every refusal uses. */
    String FORMS = "TCPIP[n]::host::port::SOCKET, TCPIP[n]::host[::inst0]::INSTR, TCPIP[n]::host::hislip0[,port]::INSTR,"
            + " ASRL/dev/ttyX::INSTR, ASRLn::INSTR, GPIB[n]::addr[::secondary]::INSTR, USB[n]::vid::pid::serial::INSTR";

    /** HiSLIP's IANA port (IVI-6.1). */
    int HISLIP_PORT = 4880;

    /** The canonical spelling (upper-case keywords, board number written out). */
    String text();

    /** The protocol in words, for messages: "raw socket", "VXI-11", ... */
    String protocol();

    /** A raw SCPI socket. */
    record Socket(int board, String host, int port) implements VisaResource {
        @Override
        public String text() {
            return "TCPIP" + board + "::" + host + "::" + port + "::SOCKET";
        }

        @Override
        public String protocol() {
            return "raw socket";
        }
    }

    /** A VXI-11 device ({@code inst0} unless named). */
    record Vxi11(int board, String host, String device) implements VisaResource {
        @Override
        public String text() {
            return "TCPIP" + board + "::" + host + "::" + device + "::INSTR";
        }

        @Override
        public String protocol() {
            return "VXI-11";
        }
    }

    /** A HiSLIP device ({@code hislip0}), port 4880 unless given. */
    record Hislip(int board, String host, String device, int port) implements VisaResource {
        @Override
        public String text() {
            return "TCPIP" + board + "::" + host + "::" + device + (port == HISLIP_PORT ? "" : "," + port) + "::INSTR";
        }

        @Override
        public String protocol() {
            return "HiSLIP";
        }
    }

    /**
     * A serial port. {@code ASRLn} is the n-th port counted from 1, as VISA counts COM ports; on Linux that is
     * {@code /dev/ttyS(n-1)} (ASRL1 = COM1 = /dev/ttyS0, the mapping NI-VISA and pyvisa-py use). USB adapters
     * ({@code /dev/ttyUSB0}) have no number of their own: name them by path.
     */
    record Asrl(String path) implements VisaResource {
        @Override
        public String text() {
            return "ASRL" + path + "::INSTR";
        }

        @Override
        public String protocol() {
            return "serial";
        }
    }

    /** A GPIB instrument; {@code secondary} is -1 when there is none. */
    record Gpib(int board, int primary, int secondary) implements VisaResource {
        public Gpib {
            if (primary < 0 || primary > 30) {
                throw new IllegalArgumentException("GPIB primary address " + primary + " is out of range 0\u201330");
            }
            if (secondary < -1 || secondary > 30) {
                throw new IllegalArgumentException("GPIB secondary address " + secondary + " is out of range 0\u201330");
            }
        }

        @Override
        public String text() {
            return "GPIB" + board + "::" + primary + (secondary < 0 ? "" : "::" + secondary) + "::INSTR";
        }

        @Override
        public String protocol() {
            return "GPIB";
        }
    }

    /** A USBTMC instrument; {@code intf} is -1 when not given. */
    record Usb(int board, int vendor, int product, String serial, int intf) implements VisaResource {
        @Override
        public String text() {
            return String.format(Locale.ROOT, "USB%d::0x%04X::0x%04X::%s%s::INSTR", board, vendor, product, serial,
                    intf < 0 ? "" : "::" + intf);
        }

        @Override
        public String protocol() {
            return "USBTMC";
        }
    }

    /** True if the text starts like a VISA resource ({@code TCPIP}, {@code ASRL}, {@code GPIB}, {@code USB} + "::"). */
    static boolean looksLikeVisa(String text) {
        return text != null && PREFIX.matcher(text.trim()).lookingAt() && text.contains("::");
    }

    /** Parses a VISA resource string (without any {@code ?option} part). */
    static VisaResource parse(String text) {
        String s = text.trim();
        String[] t = s.split("::", -1);
        String last = t[t.length - 1].toUpperCase(Locale.ROOT);
        if (t.length < 2 || !(last.equals("INSTR") || last.equals("SOCKET"))) {
            throw bad(s, "a VISA resource ends in ::INSTR or ::SOCKET");
        }
        for (String part : t) {
            if (part.isEmpty()) {
                throw bad(s, "an empty part between '::'");
            }
        }
        Matcher m = PREFIX.matcher(t[0]);
        if (!m.matches()) {
            throw bad(s, "unknown interface '" + t[0] + "'");
        }
        String kind = m.group(1).toUpperCase(Locale.ROOT);
        String rest = m.group(2);
        boolean socket = last.equals("SOCKET");
        if (socket && !kind.equals("TCPIP")) {
            throw bad(s, "only TCPIP resources end in ::SOCKET");
        }
        switch (kind) {
            case "TCPIP" -> {
                int board = board(rest, s);
                if (socket) {
                    if (t.length != 4) {
                        throw bad(s, "expected TCPIP[n]::host::port::SOCKET");
                    }
                    return new Socket(board, t[1], port(t[2], s));
                }
                if (t.length == 3) {
                    return new Vxi11(board, t[1], "inst0");
                }
                if (t.length != 4) {
                    throw bad(s, "expected TCPIP[n]::host[::inst0]::INSTR or TCPIP[n]::host::hislip0[,port]::INSTR");
                }
                String device = t[2].toLowerCase(Locale.ROOT);
                if (device.startsWith("hislip")) {
                    int comma = device.indexOf(',');
                    String name = comma < 0 ? device : device.substring(0, comma);
                    if (!name.matches("hislip\\d+")) {
                        throw bad(s, "HiSLIP device '" + t[2] + "' should read hislip0[,port]");
                    }
                    return new Hislip(board, t[1], name, comma < 0 ? HISLIP_PORT : port(device.substring(comma + 1), s));
                }
                return new Vxi11(board, t[1], device);
            }
            case "ASRL" -> {
                if (t.length != 2) {
                    throw bad(s, "expected ASRL/dev/ttyX::INSTR or ASRLn::INSTR");
                }
                if (rest.startsWith("/")) {
                    return new Asrl(rest);
                }
                if (!rest.matches("\\d+") || Integer.parseInt(rest) < 1) {
                    throw bad(s, "ASRL takes a port number from 1 (ASRL1 = /dev/ttyS0) or a device path");
                }
                return new Asrl("/dev/ttyS" + (Integer.parseInt(rest) - 1));
            }
            case "GPIB" -> {
                int board = board(rest, s);
                if (t.length != 3 && t.length != 4) {
                    throw bad(s, "expected GPIB[n]::addr[::secondary]::INSTR");
                }
                try {
                    return new Gpib(board, number(t[1], "GPIB address", s),
                            t.length == 4 ? number(t[2], "GPIB secondary address", s) : -1);
                } catch (IllegalArgumentException e) {
                    throw e.getMessage().startsWith("bad VISA") ? e : bad(s, e.getMessage());
                }
            }
            default -> { // USB
                int board = board(rest, s);
                if (t.length != 5 && t.length != 6) {
                    throw bad(s, "expected USB[n]::vid::pid::serial::INSTR");
                }
                return new Usb(board, hex(t[1], "vendor id", s), hex(t[2], "product id", s), t[3],
                        t.length == 6 ? number(t[4], "USB interface number", s) : -1);
            }
        }
    }

    Pattern PREFIX = Pattern.compile("(?i)(TCPIP|ASRL|GPIB|USB)([^:]*)");

    private static int board(String text, String resource) {
        if (text.isEmpty()) {
            return 0;
        }
        return number(text, "board number", resource);
    }

    private static int number(String text, String what, String resource) {
        if (!text.matches("\\d{1,5}")) {
            throw bad(resource, what + " '" + text + "' is not a number");
        }
        return Integer.parseInt(text);
    }

    private static int port(String text, String resource) {
        int p = number(text.trim(), "port", resource);
        if (p < 1 || p > 65535) {
            throw bad(resource, "port " + text + " is out of range 1\u201365535");
        }
        return p;
    }

    /** USB ids are written 0x0957 or in decimal. */
    private static int hex(String text, String what, String resource) {
        try {
            int v = Integer.decode(text);
            if (v < 0 || v > 0xFFFF) {
                throw bad(resource, what + " " + text + " is out of range 0\u20130xFFFF");
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(resource, what + " '" + text + "' is not a number (write 0x0957 or 2391)");
        }
    }

    private static IllegalArgumentException bad(String resource, String why) {
        return new IllegalArgumentException("bad VISA resource '" + resource + "': " + why + " (forms: " + FORMS + ")");
    }
}
