package io.spinloop.drivers.analyzer;

import io.spinloop.drivers.Identity;
import io.spinloop.drivers.Instrument;
import io.spinloop.drivers.scpi.TrafficLog;
import java.time.Duration;

/**
 * A swept spectrum analyzer as a physicist uses it to watch a nano-oscillator's line. Frequencies in Hz,
 * times in s, levels in dBm. Methods are thread-safe (one command in flight per instrument).
 */
public interface SpectrumAnalyzer extends Instrument {

    /** The configured name, e.g. {@code sa1}. */
    String name();

    Identity identity();

    /** Switches this instrument's traffic log on (every message, timestamped) or off ({@code null}). */
    void setTrafficLog(TrafficLog log);

    void setCenterSpan(double centerHz, double spanHz);

    void setStartStop(double startHz, double stopHz);

    /** Resolution bandwidth, in Hz. */
    void setResolutionBandwidth(double hz);

    /** Video bandwidth, in Hz. */
    void setVideoBandwidth(double hz);

    void setPoints(int points);

    /** Reference level (top of the screen), in dBm. */
    void setReferenceLevel(double dBm);

    /** Averages {@code count} sweeps per trace; 1 switches averaging off. */
    void setAveraging(int count);

    /** How traces travel on the wire (default little-endian REAL,32). */
    void setTraceFormat(TraceFormat format);

    /** The sweep as the analyzer reports it now. */
    SweepSettings settings();

    /** Runs one sweep (all averages) and waits until it has completed. */
    void singleSweep();

    /** Reads the trace of the last sweep, in dBm, in the configured format. */
    float[] readTrace();

    /** The frequency of each trace point, in Hz. */
    double[] frequencyAxis();

    /** Single sweep, then the trace with its frequency axis. */
    SpectrumTrace sweep();

    /** Puts marker 1 on the highest point of the last sweep and reads it. */
    Marker peak();

    /**
     * The highest point of the last sweep, refused if it does not stand {@code minimumProminenceDb} above the
     * trace's median (the noise floor). Without averaging, the highest of ~1000 points of pure noise stands about
     * 10 dB above the median, so ask for 15-20 dB (or average) to tell a line from noise.
     *
     * @throws NoSignalException naming the peak and floor levels when there is no line
     */
    Marker peakAboveNoise(double minimumProminenceDb);

    /** Power integrated between two frequencies of the last sweep, in dBm. */
    double bandPower(double fromHz, double toHz);

    /**
     * Arms a zero-span sweep at {@code centerHz} that starts on the external trigger (the source's trigger-link
     * pulse). Returns at once; collect the trace with {@link #awaitZeroSpan}.
     */
    void armZeroSpan(double centerHz, double resolutionBandwidthHz, double sweepTimeS, int points);

    /** Waits (at most {@code timeout}) for the armed zero-span sweep to finish and reads it. */
    PowerVersusTime awaitZeroSpan(Duration timeout);

    /** Closes the connection; the analyzer keeps its settings. */
    @Override
    void close();
}
