package io.spinloop.drivers.analyzer;

import io.spinloop.drivers.Identity;
import io.spinloop.drivers.InstrumentException;
import io.spinloop.drivers.scpi.ReplyFormatException;
import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.drivers.scpi.TrafficLog;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;

/**
 * What the Keysight X-series and the R&amp;S FSV share: both accept the SCPI-99 forms of the frequency,
 * bandwidth, sweep, trace, format and marker commands. Subclasses add what differs (band power).
 * Every method holds the session lock for its whole sequence, so another thread's command cannot land
 * between a sweep and the trace read.
 */
abstract class ScpiSpectrumAnalyzer implements SpectrumAnalyzer {
    protected final ScpiSession session;
    private TraceFormat format;
    private int averages = 1;
    private SweepSettings cached;
    private int cachedConnection = -1;

    ScpiSpectrumAnalyzer(ScpiSession session) {
        this.session = session;
    }

    /** Connection number the driver's own settings (sweep mode, trigger, format) were applied on. */
    private int configuredOn = -1;

    /** Puts the analyzer in single-sweep mode with immediate trigger and binary little-endian traces. */
    void configure() {
        session.exclusive(() -> {
            applyDriverSettings(TraceFormat.REAL32_LITTLE_ENDIAN);
        });
    }

    private void applyDriverSettings(TraceFormat traceFormat) {
        configuredOn = session.connectionNumber();
        cached = null;
        session.writeChecked(":INIT:CONT OFF");
        session.writeChecked(":TRIG:SOUR IMM");
        setTraceFormat(traceFormat);
    }

    /**
     * Runs a sequence under the session lock, first reconnecting if the link was lost. After a reconnect the
     * instrument may have been power-cycled, so the driver re-applies its own settings (single sweep, immediate
     * trigger, trace format) and forgets cached sweep settings.
     */
    <T> T exclusive(java.util.function.Supplier<T> work) {
        return session.exclusive(() -> {
            if (session.needsReconnect()) {
                session.reconnect();
            }
            if (configuredOn != session.connectionNumber() && configuredOn >= 0) {
                applyDriverSettings(format);
            }
            return work.get();
        });
    }

    void exclusive(Runnable work) {
        exclusive(() -> {
            work.run();
            return null;
        });
    }

    abstract AnalyzerModel model();

    @Override
    public String name() {
        return session.name();
    }

    @Override
    public Identity identity() {
        return session.identity();
    }

    @Override
    public void setTrafficLog(TrafficLog log) {
        session.setTrafficLog(log);
    }

    static String hz(double v) {
        return Double.toString(v);
    }

    private void set(String command) {
        exclusive(() -> {
            cached = null;
            session.writeChecked(command);
        });
    }

    @Override
    public void setCenterSpan(double centerHz, double spanHz) {
        positive(centerHz, "center frequency");
        if (!(spanHz >= 0)) {
            throw new IllegalArgumentException(name() + ": span must be >= 0 Hz, got " + spanHz);
        }
        exclusive(() -> {
            set(":FREQ:CENT " + hz(centerHz));
            set(":FREQ:SPAN " + hz(spanHz));
        });
    }

    @Override
    public void setStartStop(double startHz, double stopHz) {
        if (!(startHz >= 0) || !(stopHz > startHz)) {
            throw new IllegalArgumentException(name() + ": need 0 <= start < stop, got start " + startHz
                    + " Hz, stop " + stopHz + " Hz");
        }
        exclusive(() -> {
            set(":FREQ:STAR " + hz(startHz));
            set(":FREQ:STOP " + hz(stopHz));
        });
    }

    @Override
    public void setResolutionBandwidth(double hz) {
        positive(hz, "resolution bandwidth");
        set(":BAND " + hz(hz));
    }

    @Override
    public void setVideoBandwidth(double hz) {
        positive(hz, "video bandwidth");
        set(":BAND:VID " + hz(hz));
    }

    @Override
    public void setPoints(int points) {
        if (points < 1) {
            throw new IllegalArgumentException(name() + ": sweep points must be >= 1, got " + points);
        }
        set(":SWE:POIN " + points);
    }

    @Override
    public void setReferenceLevel(double dBm) {
        if (!Double.isFinite(dBm)) {
            throw new IllegalArgumentException(name() + ": reference level must be finite, got " + dBm);
        }
        set(":DISP:WIND:TRAC:Y:RLEV " + dBm);
    }

    @Override
    public void setAveraging(int count) {
        if (count < 1) {
            throw new IllegalArgumentException(name() + ": average count must be >= 1 (1 = off), got " + count);
        }
        exclusive(() -> {
            if (count > 1) {
                session.writeChecked(":AVER:COUN " + count);
                session.writeChecked(":AVER ON");
            } else {
                session.writeChecked(":AVER OFF");
            }
            averages = count;
        });
    }

    @Override
    public void setTraceFormat(TraceFormat newFormat) {
        exclusive(() -> {
            switch (newFormat) {
                case ASCII -> session.writeChecked(":FORM ASC");
                case REAL32_BIG_ENDIAN -> {
                    session.writeChecked(":FORM REAL,32");
                    session.writeChecked(":FORM:BORD NORM");
                }
                case REAL32_LITTLE_ENDIAN -> {
                    session.writeChecked(":FORM REAL,32");
                    session.writeChecked(":FORM:BORD SWAP");
                }
            }
            format = newFormat;
        });
    }

    @Override
    public SweepSettings settings() {
        return exclusive(() -> {
            if (cached != null && cachedConnection == session.connectionNumber()) {
                return cached;
            }
            double start = session.queryDouble(":FREQ:STAR?");
            double stop = session.queryDouble(":FREQ:STOP?");
            double rbw = session.queryDouble(":BAND?");
            double vbw = session.queryDouble(":BAND:VID?");
            int points = session.queryInt(":SWE:POIN?");
            double time = session.queryDouble(":SWE:TIME?");
            cached = new SweepSettings(start, stop, rbw, vbw, points, time);
            cachedConnection = session.connectionNumber();
            return cached;
        });
    }

    /** Time to allow for a sweep: all averages at the reported sweep time, with margin, plus the I/O timeout. */
    Duration sweepTimeout(double sweepTimeS, int sweeps) {
        return session.timeout().plusNanos((long) (sweepTimeS * Math.max(1, sweeps) * 2e9));
    }

    @Override
    public void singleSweep() {
        exclusive(() -> {
            Duration timeout = sweepTimeout(settings().sweepTimeS(), averages);
            session.write(":INIT:IMM");
            session.waitComplete("sweep", timeout);
        });
    }

    @Override
    public float[] readTrace() {
        return exclusive(() -> switch (format) {
            case ASCII -> toFloats(session.queryDoubles(":TRAC? TRACE1"));
            case REAL32_LITTLE_ENDIAN -> decode(session.queryBlock(":TRAC? TRACE1"), ByteOrder.LITTLE_ENDIAN);
            case REAL32_BIG_ENDIAN -> decode(session.queryBlock(":TRAC? TRACE1"), ByteOrder.BIG_ENDIAN);
        });
    }

    private float[] decode(byte[] block, ByteOrder order) {
        if (block.length % 4 != 0) {
            throw new ReplyFormatException(session.label() + ": REAL,32 trace block of " + block.length
                    + " bytes is not a whole number of floats");
        }
        float[] values = new float[block.length / 4];
        ByteBuffer.wrap(block).order(order).asFloatBuffer().get(values);
        return values;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Override
    public double[] frequencyAxis() {
        return settings().frequencyAxis();
    }

    @Override
    public SpectrumTrace sweep() {
        return exclusive(() -> {
            singleSweep();
            float[] power = readTrace();
            double[] f = frequencyAxis();
            if (f.length != power.length) {
                throw new ReplyFormatException(session.label() + ": trace has " + power.length
                        + " points but the analyzer reports " + f.length + " sweep points");
            }
            return new SpectrumTrace(f, power);
        });
    }

    /** Prepares marker 1 for a plain position reading (turns a marker function off if one is on). */
    void markerToNormal() {
    }

    @Override
    public Marker peak() {
        return exclusive(() -> {
            markerToNormal();
            session.writeChecked(":CALC:MARK1:MAX");
            return new Marker(session.queryDouble(":CALC:MARK1:X?"), session.queryDouble(":CALC:MARK1:Y?"));
        });
    }

    @Override
    public Marker peakAboveNoise(double minimumProminenceDb) {
        return exclusive(() -> {
            float[] p = readTrace();
            double[] f = frequencyAxis();
            if (p.length == 0 || p.length != f.length) {
                throw new ReplyFormatException(session.label() + ": trace of " + p.length
                        + " points does not match " + f.length + " sweep points");
            }
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                if (p[i] > p[best]) {
                    best = i;
                }
            }
            float[] sorted = p.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            if (p[best] - median < minimumProminenceDb) {
                throw new NoSignalException(String.format(java.util.Locale.ROOT,
                        "%s: no line in %.6g-%.6g Hz: the highest point (%.1f dBm at %.6g Hz) is only %.1f dB above"
                                + " the noise floor (%.1f dBm), %.1f dB needed. Is the oscillator biased above threshold?",
                        session.label(), f[0], f[f.length - 1], p[best], f[best], p[best] - median, median,
                        minimumProminenceDb));
            }
            return new Marker(f[best], p[best]);
        });
    }

    @Override
    public void armZeroSpan(double centerHz, double resolutionBandwidthHz, double sweepTimeS, int points) {
        positive(centerHz, "center frequency");
        positive(resolutionBandwidthHz, "resolution bandwidth");
        positive(sweepTimeS, "sweep time");
        exclusive(() -> {
            cached = null;
            session.writeChecked(":FREQ:CENT " + hz(centerHz));
            session.writeChecked(":FREQ:SPAN 0");
            session.writeChecked(":BAND " + hz(resolutionBandwidthHz));
            session.writeChecked(":SWE:TIME " + sweepTimeS);
            session.writeChecked(":SWE:POIN " + points);
            session.writeChecked(":TRIG:SOUR EXT");
            session.writeChecked(":INIT:IMM");
        });
    }

    @Override
    public PowerVersusTime awaitZeroSpan(Duration timeout) {
        return exclusive(() -> {
            RuntimeException failure = null;
            try {
                session.waitComplete("zero-span sweep (waiting for the external trigger)", timeout);
                float[] p = readTrace();
                double t = settings().sweepTimeS();
                double[] time = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    time[i] = p.length > 1 ? t * i / (p.length - 1) : 0;
                }
                return new PowerVersusTime(time, p);
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                try {
                    session.writeChecked(":TRIG:SOUR IMM");
                    // The zero span's sweep time was set by hand (as long as the list); left so, the next swept
                    // spectrum (the line tracking before every list) would take as long as the list did.
                    cached = null;
                    session.writeChecked(":SWE:TIME:AUTO ON");
                } catch (RuntimeException restore) {
                    if (failure == null) {
                        throw restore;
                    }
                    failure.addSuppressed(restore);
                }
            }
        });
    }

    /** SCPI's not-a-number is 9.91E37: an instrument's way of saying a result could not be computed. */
    double requireNumber(double dBm, double fromHz, double toHz) {
        if (Math.abs(dBm) >= 9.9e37 || Double.isNaN(dBm)) {
            throw new InstrumentException(String.format(java.util.Locale.ROOT,
                    "%s: no band power between %.6g and %.6g Hz (the analyzer answered not-a-number; is the band"
                            + " inside the sweep and wider than one trace point?)", session.label(), fromHz, toHz));
        }
        return dBm;
    }

    private void positive(double v, String what) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name() + ": " + what + " must be positive, got " + v);
        }
    }

    void invalidateSettings() {
        cached = null;
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return session.label() + " " + identity();
    }
}
