package io.spinloop.app.live;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may use the live server: a request that carries the token printed with the URL, addressed to this server by
 * the name it was given (no DNS rebinding), and sent from the page's own origin (no other site's page can read the
 * run or press Stop).
 */
final class LiveAccess {
    private final String token;
    /** The Host values this server answers to ({@code name:port}), in the order its addresses are printed. */
    private final Set<String> hosts;

    private LiveAccess(String token, Set<String> hosts) {
        this.token = token;
        this.hosts = hosts;
    }

    /** A fresh random token for a server reached as {@code bind:port} (and localhost:port when bound to loopback). */
    static LiveAccess forServer(String bind, int port) {
        return forServer(bind, port, List.of());
    }

    /**
     * A fresh random token for a server bound to {@code bind:port}. The Host names it answers to: those the
     * bound address is reached by (the address itself; for a wildcard address every address of this machine's
     * interfaces; localhost when loopback is among them) and the {@code names} given ({@code --live-host}, e.g. the
     * lab PC's DNS name). No other name: a page of another site whose name resolves here (DNS rebinding) is refused.
     */
    static LiveAccess forServer(String bind, int port, List<String> names) {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        Set<String> hosts = new LinkedHashSet<>();
        for (String n : names) {
            hosts.add(n.toLowerCase(Locale.ROOT) + ":" + port);
        }
        for (String a : LiveAddresses.of(bind)) {
            hosts.add(a.toLowerCase(Locale.ROOT) + ":" + port);
        }
        return new LiveAccess(HexFormat.of().formatHex(b), hosts);
    }

    String token() {
        return token;
    }

    /** The Host values ({@code name:port}) this server answers to, the usable ones first. */
    List<String> hosts() {
        return List.copyOf(hosts);
    }

    /** Why {@code ex} is refused, or null when it may go on. */
    String refusal(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return "unknown Host " + host;
        }
        String origin = ex.getRequestHeaders().getFirst("Origin");
        // the page's own origin is the address it was loaded from: the same Host
        if (origin != null && !origin.equals("null") && !stripScheme(origin).equals(host.toLowerCase(Locale.ROOT))) {
            return "another origin: " + origin;
        }
        if (origin != null && origin.equals("null")) {
            return "an opaque origin";
        }
        String site = ex.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "a request from " + site + " site";
        }
        String given = ex.getRequestHeaders().getFirst("X-Spinloop-Token");
        if (given == null) {
            given = queryToken(ex.getRequestURI());
        }
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return "no valid token";
        }
        return null;
    }

    private static String stripScheme(String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        return o.startsWith("http://") ? o.substring("http://".length()) : "\u0000" + o;
    }

    static String queryToken(URI uri) {
        return queryParameter(uri, "token");
    }

    static String queryParameter(URI uri, String name) {
        String q = uri.getRawQuery();
        if (q == null) {
            return null;
        }
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(name)) {
                return URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
