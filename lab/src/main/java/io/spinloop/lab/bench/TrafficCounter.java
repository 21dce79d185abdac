package io.spinloop.lab.bench;

import io.spinloop.drivers.scpi.TrafficEntry;
import io.spinloop.drivers.scpi.TrafficLog;
import io.spinloop.lab.RunProgress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the SCPI messages a run exchanges with a device's instruments, for a live view's traffic rate. Installed only
 * when someone watches ({@link RunProgress#watchesDetails()}); a run nobody watches logs no traffic at all.
 */
public final class TrafficCounter implements TrafficLog {
    private final AtomicLong messages = new AtomicLong();

    private TrafficCounter() {
    }

    /** A counter installed as the traffic log of both instruments of {@code rig}. */
    public static TrafficCounter on(DeviceRig rig) {
        TrafficCounter c = new TrafficCounter();
        rig.source().setTrafficLog(c);
        rig.analyzer().setTrafficLog(c);
        return c;
    }

    @Override
    public void record(TrafficEntry entry) {
        messages.incrementAndGet();
    }

    public long messages() {
        return messages.get();
    }

    /**
     * The panel of {@code rig}'s source as this process last set it (no query: a live view costs the bench nothing).
     *
     * @param lastError the last failure the run met, or null
     */
    public RunProgress.SourcePanel panel(DeviceRig rig, Throwable lastError) {
        double current;
        try {
            current = rig.source().current();
        } catch (RuntimeException closed) {
            current = Double.NaN;
        }
        return new RunProgress.SourcePanel(rig.source().name(), current, rig.source().isOutputOn(), rig.complianceV(),
                messages(), lastError == null ? null : String.valueOf(lastError.getMessage()));
    }
}
