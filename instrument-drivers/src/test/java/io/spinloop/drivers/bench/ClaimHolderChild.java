package io.spinloop.drivers.bench;

/**
 * Runs in a child JVM for {@link InstrumentClaimTest}: claims the instrument at {@code args[0]} (in the claims
 * directory the test passes as a system property), says HELD and waits to be killed.
 */
public final class ClaimHolderChild {
    private ClaimHolderChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        InstrumentClaim claim = InstrumentClaim.acquire("smu-held", args[0]);
        System.out.println("HELD " + claim.file());
        System.out.flush();
        Thread.sleep(60_000);
        System.out.println("NOT KILLED");
    }
}
