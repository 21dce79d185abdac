package io.spinloop.emulator.scpi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The headers an instrument understands, written as in its manual, and the resolution of a parsed header path
 * to one of them. Resolutions are cached by their upper-case spelling, because clients repeat the same few
 * headers over and over. Built once, then shared read-only by every connection of the instrument.
 */
public final class CommandTree {
    /** A registered header. */
    record Entry(HeaderPattern pattern, int minArgs, int maxArgs, Command command) {
    }

    /** A resolved header: the entry and the numeric suffixes given, or one of the two failures. */
    record Resolved(Entry entry, int[] suffixes, int errorCode) {
    }

    private static final Resolved UNDEFINED = new Resolved(null, null, ScpiError.UNDEFINED_HEADER.code());
    private static final Resolved SUFFIX_OUT_OF_RANGE =
            new Resolved(null, null, ScpiError.HEADER_SUFFIX_OUT_OF_RANGE.code());
    private static final int CACHE_LIMIT = 4096;

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> common = new HashMap<>();
    private final ConcurrentHashMap<String, Resolved> cache = new ConcurrentHashMap<>();

    /**
     * Registers a header.
     *
     * @param pattern the header as in the manual, e.g. {@code [:SENSe]:FREQuency:CENTer?} or {@code *IDN?}
     * @param minArgs fewest parameters (fewer gives -109)
     * @param maxArgs most parameters (more gives -108)
     */
    public CommandTree add(String pattern, int minArgs, int maxArgs, Command command) {
        String p = pattern.trim();
        if (p.startsWith("*")) {
            common.put(p.substring(1).toUpperCase(Locale.ROOT), new Entry(null, minArgs, maxArgs, command));
        } else {
            entries.add(new Entry(new HeaderPattern(p), minArgs, maxArgs, command));
        }
        cache.clear();
        return this;
    }

    /** Registers a header with no parameters. */
    public CommandTree add(String pattern, Command command) {
        return add(pattern, 0, 0, command);
    }

    Resolved resolveCommon(String mnemonic, boolean query) {
        Entry e = common.get(query ? mnemonic + "?" : mnemonic);
        return e == null ? UNDEFINED : new Resolved(e, new int[0], 0);
    }

    Resolved resolve(List<String> path, boolean query) {
        StringBuilder key = new StringBuilder(48);
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) {
                key.append(':');
            }
            key.append(path.get(i));
        }
        if (query) {
            key.append('?');
        }
        String k = key.toString();
        Resolved r = cache.get(k);
        if (r == null) {
            r = lookup(path, query);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear(); // only hostile clients get here; correctness does not depend on the cache
            }
            cache.put(k, r);
        }
        return r;
    }

    private Resolved lookup(List<String> path, boolean query) {
        Resolved outOfRange = null;
        for (Entry e : entries) {
            if (e.pattern().isQuery() != query) {
                continue;
            }
            HeaderPattern.Match m = e.pattern().match(path);
            if (m != null) {
                if (!m.suffixOutOfRange) {
                    return new Resolved(e, m.suffixes, 0);
                }
                outOfRange = SUFFIX_OUT_OF_RANGE;
            }
        }
        return outOfRange != null ? outOfRange : UNDEFINED;
    }
}
