package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.scpi.ScpiSession;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A serial line or device file is kept across the session's recovery (no device clear, and reopening the port would
 * flush the head of a reply still coming): the resync reads past what is left on the line until the identity.
 */
class KeptLineResyncTest {
    private static final String IDN = "ACME,MODEL 7,SN1,1.0";

    /** The head of a reading whose tail was lost on the line, then the answer to the resync's *IDN?, on one line. */
    @Test
    void theHeadOfACutReplyThenTheIdentityPutsTheSessionInStep() {
        MockLink mock = MockLink.text(m -> switch (m) {
            case "*IDN?" -> IDN + "\n";
            case "SYST:ERR?" -> "+0,\"No error\"\n";
            case ":READ?" -> "+1.000E-03,+0.5"; // cut: no terminator, the rest never comes
            default -> null;
        }, 1024);
        int[] opens = {0};
        FramedTransport t = new FramedTransport("serial:///dev/ttyMock", Terminator.LF, Duration.ofSeconds(1), x -> {
            opens[0]++;
            return mock.link;
        }).keepLineAfterTimeout().open();
        ScpiSession s = new ScpiSession("smu1", t);
        s.identify();
        TransportTimeoutException e = assertThrows(TransportTimeoutException.class, () -> s.query(":READ?"));
        assertTrue(e.getMessage().contains("smu1") && e.getMessage().contains("serial:///dev/ttyMock")
                && e.getMessage().contains(":READ?") && e.getMessage().contains("reconnected, error queue empty"),
                e.getMessage());
        assertEquals(IDN, s.query("*IDN?"));
        assertEquals("+0,\"No error\"", s.query("SYST:ERR?"));
        assertEquals(1, opens[0], "the line was kept, never closed and reopened");
    }
}
