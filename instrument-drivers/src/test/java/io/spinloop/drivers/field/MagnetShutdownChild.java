package io.spinloop.drivers.field;

import io.spinloop.drivers.Timeouts;

/**
 * Runs in a child JVM for {@link MagnetShutdownHookTest}: takes over the magnet supply at {@code args[0]}, drives
 * {@code args[1]} amperes into the coil, says READY and waits to be killed. Only the shutdown hook can bring the
 * magnet back to 0 A: the program never closes it.
 */
public final class MagnetShutdownChild {
    private MagnetShutdownChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        MagnetSupply bop = FieldInstruments.openMagnetSupply("bop1", args[0], "auto", Timeouts.DEFAULT,
                FieldBench.LIMITS);
        bop.outputOn();
        bop.setCurrent(Double.parseDouble(args[1]));
        System.out.println("READY " + bop.current());
        System.out.flush();
        Thread.sleep(60_000);
        System.out.println("NOT KILLED");
    }
}
