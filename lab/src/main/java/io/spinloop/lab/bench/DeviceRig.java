package io.spinloop.lab.bench;

import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.SourceState;
import io.spinloop.lab.RunProgress;

/**
 * The two instruments that serve one device, open: the source that drives it (enforcing the device's safety limits)
 * and the analyzer that reads it, trigger-linked so that a source list sweep starts the analyzer's zero span. The one
 * type for "the instruments of one device" every bench run uses: sweeps, sequence recordings, the chip channel and
 * bench-mode p(I) oscillators. Closing ramps the source to zero, switches its output off and closes both
 * connections, the analyzer even when the source fails to close.
 *
 * @param id the device's id (as in the lab-config)
 */
public record DeviceRig(String id, CurrentSource source, SpectrumAnalyzer analyzer) implements AutoCloseable {

    /** Opens (or reopens, after a dropped connection) the instruments of one device. */
    @FunctionalInterface
    public interface Connector {
        DeviceRig open(String deviceId);
    }

    /** The voltage compliance the device may be driven at: its source's limit. */
    public double complianceV() {
        return source.limits().maxComplianceVoltage();
    }

    /**
     * Ramps the source to zero and switches its output off, at the end of a run. If that fails, the drivers have
     * already tried to make the source safe: what counts is where it ended, so it is read back, and a warning says what
     * was read when current may still flow (or when the source cannot be read at all). Never throws.
     */
    public void stopSafely(RunProgress progress) {
        try {
            source.outputOff();
        } catch (RuntimeException e) {
            String warning = stopWarning(e);
            if (warning != null) {
                progress.warning(source.name() + ": " + warning);
            }
        }
    }

    /** What to say after {@code outputOff} failed with {@code failure}, from the state read back; null if safe. */
    String stopWarning(RuntimeException failure) {
        SourceState end;
        try {
            end = source.readState();
        } catch (RuntimeException unreadable) {
            return "could not confirm output off (" + failure.getMessage() + "), and reading its state failed too ("
                    + unreadable.getMessage() + "); check the instrument";
        }
        if (end.outputOn()) {
            return "output still ON after stopping: read back " + end + " (" + failure.getMessage() + ")";
        }
        return null;
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            analyzer.close();
        }
    }
}
