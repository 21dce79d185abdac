package io.spinloop.app.live;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The names a browser reaches a live server by, from the address it is bound to, as a Host header writes them
 * (an IPv6 address in brackets, without its zone): the address itself; for a wildcard (0.0.0.0, ::) every address of
 * this machine's interfaces that are up, other machines' first; {@code localhost} beside a loopback address.
 */
final class LiveAddresses {
    /** A host name as {@code --live-host} takes it: DNS labels, no port, no path. */
    private static final Pattern HOST_NAME = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
            + "(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private LiveAddresses() {
    }

    static List<String> of(String bind) {
        InetAddress bound;
        try {
            bound = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            return List.of(bind);
        }
        List<InetAddress> addresses = new ArrayList<>();
        if (bound.isAnyLocalAddress()) {
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (nic.isUp()) {
                        addresses.addAll(Collections.list(nic.getInetAddresses()));
                    }
                }
            } catch (SocketException e) {
                addresses.add(InetAddress.getLoopbackAddress()); // no interfaces listed: this machine only
            }
            // reachable from other machines first (what to print first), IPv4 before IPv6
            addresses.sort((a, b) -> Boolean.compare(a.isLoopbackAddress(), b.isLoopbackAddress()) != 0
                    ? Boolean.compare(a.isLoopbackAddress(), b.isLoopbackAddress())
                    : Boolean.compare(a instanceof Inet6Address, b instanceof Inet6Address));
        } else {
            addresses.add(bound);
        }
        List<String> names = new ArrayList<>();
        boolean loopback = false;
        for (InetAddress a : addresses) {
            String h = a.getHostAddress();
            int zone = h.indexOf('%');
            h = zone >= 0 ? h.substring(0, zone) : h;
            names.add(a instanceof Inet6Address ? "[" + compressed(h) + "]" : h);
            loopback |= a.isLoopbackAddress();
        }
        if (loopback) {
            names.add("localhost");
        }
        return names;
    }

    /** An IPv6 address as a browser writes it: its longest run of zero groups as "::" (Java writes them all). */
    static String compressed(String v6) {
        String[] g = v6.split(":");
        if (g.length != 8) {
            return v6;
        }
        int best = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j].replaceFirst("^0+(?=.)", "").equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                out.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            out.append(g[i].replaceFirst("^0+(?=.)", "")).append(i < 7 ? ":" : "");
        }
        return out.toString();
    }

    /** Why {@code name} is no host name for {@code --live-host}, or null when it is one. */
    static String refusal(String name) {
        return name.length() <= 253 && HOST_NAME.matcher(name).matches() ? null
                : "a host name (letters, digits, '-' and '.'; no port, no scheme)";
    }
}
