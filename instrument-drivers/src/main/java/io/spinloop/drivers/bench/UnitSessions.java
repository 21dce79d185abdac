package io.spinloop.drivers.bench;

import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.drivers.transport.ResourceString;
import java.util.HashMap;
import java.util.Map;

/**
 * The open sessions of multi-channel units in this process, by resource: a B2902A's second channel is driven over
 * the session its first already holds ({@link ScpiSession#share}), not over a second connection. The unit has one
 * error queue for both channels; over one session a command and the error check after it are one exchange under
 * the session's lock, so one channel's check never reads (and is never blamed for) the other's errors.
 */
final class UnitSessions {
    private static final Map<String, ScpiSession> OPEN = new HashMap<>();

    private UnitSessions() {
    }

    private static String key(String resource) {
        return ResourceString.parse(resource).text();
    }

    /** The unit's open session at {@code resource}, shared with the caller (who closes it once), or null. */
    static synchronized ScpiSession share(String resource) {
        String key = key(resource);
        ScpiSession s = OPEN.get(key);
        if (s == null) {
            return null;
        }
        if (!s.share()) {
            OPEN.remove(key); // closed since: the next channel opens a new one
            return null;
        }
        return s;
    }

    /** Remembers {@code session} as the unit's at {@code resource}, for its other channels to share. */
    static synchronized void remember(String resource, ScpiSession session) {
        OPEN.put(key(resource), session);
    }
}
