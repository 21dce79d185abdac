package io.spinloop.drivers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.transport.ResourceString;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim on an instrument: exclusive across processes (a child JVM holds it), naming the holder when refused,
 * freed by the OS when the holder is killed with SIGKILL, and one claim whatever the spelling of the address.
 * Nothing here connects: a claim is taken before any connection, so the addresses need not answer.
 */
class InstrumentClaimTest {
    /** Port 9 (discard): no test serves anything there, so no other test claims it. */
    private static final String LOOPBACK = "tcp://127.0.0.1:9";

    @TempDir
    Path dir;

    private static Process holder(String resource) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-D" + InstrumentClaim.DIRECTORY_PROPERTY + "=" + InstrumentClaim.directory(),
                ClaimHolderChild.class.getName(), resource);
        pb.redirectErrorStream(true);
        return pb.start();
    }

    @Test
    void aClaimHeldByAnotherProcessIsRefusedNamingItAndFreedWhenThatProcessIsKilled() throws Exception {
        Process child = holder(LOOPBACK);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertNotNull(line, "child said nothing");
            assertTrue(line.startsWith("HELD"), "child: " + line);

            // Another spelling of the same address: the same instrument, the same claim.
            InstrumentInUseException e = assertThrows(InstrumentInUseException.class,
                    () -> InstrumentClaim.acquire("smu-a", "tcp://localhost:9"));
            assertTrue(e.getMessage().startsWith("instrument 'smu-a' (tcp://localhost:9) is in use by pid "
                    + child.pid() + " (" + ClaimHolderChild.class.getName() + " " + LOOPBACK + ") since "), e.getMessage());
            assertTrue(e.getMessage().matches(".* since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), e.getMessage());

            child.destroyForcibly(); // SIGKILL: no shutdown hook runs, only the OS can free the lock
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        try (InstrumentClaim mine = InstrumentClaim.acquire("smu-a", LOOPBACK)) {
            String text = Files.readString(mine.file());
            assertTrue(text.contains("pid=" + ProcessHandle.current().pid() + "\n"), text);
            assertTrue(text.contains("resource=" + LOOPBACK + "\n"), text);
        }
    }

    @Test
    void withinOneProcessASecondClaimIsRefusedUntilTheFirstIsClosed() {
        InstrumentClaim first = InstrumentClaim.acquire("smu-a", "tcp://127.0.0.1:9?term=crlf");
        Path file = first.file();
        try {
            InstrumentInUseException e = assertThrows(InstrumentInUseException.class,
                    () -> InstrumentClaim.acquire("smu-b", "tcp://localhost:9"));
            assertTrue(e.getMessage().startsWith("instrument 'smu-b' (tcp://localhost:9) is in use by this process (pid "
                    + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.getMessage().contains("opened as 'smu-a'"), e.getMessage());
        } finally {
            first.close();
        }
        assertFalse(Files.exists(file), "a released claim leaves no file behind");
        first.close(); // twice is harmless
        InstrumentClaim.acquire("smu-b", "tcp://localhost:9").close();
    }

    @Test
    void theClaimFileIsNamedAfterTheResolvedAddress() throws Exception {
        assertEquals("tcp://loopback:5025", InstrumentClaim.keyOf(ResourceString.parse("tcp://localhost:5025")));
        assertEquals("tcp://loopback:5025", InstrumentClaim.keyOf(ResourceString.parse("tcp://127.0.0.1:5025?term=cr")));
        assertEquals("tcp://192.0.2.7:5025", InstrumentClaim.keyOf(ResourceString.parse("tcp://192.0.2.7:5025")));
        assertEquals("tcp-loopback-5025.lock", InstrumentClaim.fileName("tcp://loopback:5025"));
        assertEquals("serial-dev-ttyUSB0.lock", InstrumentClaim.fileName("serial:///dev/ttyUSB0"));
        // A serial port reached through a symbolic link (/dev/serial/by-id/...) is the port it links to.
        Path port = Files.createFile(dir.resolve("ttyS7"));
        Path link = Files.createSymbolicLink(dir.resolve("by-id-instrument"), port);
        assertEquals(InstrumentClaim.keyOf(ResourceString.parse("serial://" + port)),
                InstrumentClaim.keyOf(ResourceString.parse("serial://" + link + "?baud=19200")));
    }

    @Test
    void aMalformedResourceIsRefusedAsTheTransportWouldRefuseIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstrumentClaim.acquire("smu-a", "tcp://127.0.0.1"));
        assertTrue(e.getMessage().contains("missing port"), e.getMessage());
    }
}
