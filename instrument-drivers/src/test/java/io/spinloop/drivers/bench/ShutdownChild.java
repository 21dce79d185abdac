package io.spinloop.drivers.bench;

import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.SafetyLimits;

/**
 * Runs in a child JVM for {@link ShutdownHookTest}: takes over the source at {@code args[0]}, drives
 * {@code args[1]} amperes through the device, says READY and waits to be killed. Only the shutdown
 * hook can bring the source back to 0 A: the program never closes it.
 */
public final class ShutdownChild {
    private ShutdownChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        SafetyLimits limits = new SafetyLimits(3e-3, 2.0, 0.1, 1e-4);
        CurrentSource source = Instruments.openCurrentSource("smu1", args[0], "auto", Timeouts.DEFAULT, limits);
        source.outputOn();
        source.setCurrent(Double.parseDouble(args[1]));
        System.out.println("READY " + source.current());
        System.out.flush();
        Thread.sleep(60_000);
        System.out.println("NOT KILLED");
    }
}
