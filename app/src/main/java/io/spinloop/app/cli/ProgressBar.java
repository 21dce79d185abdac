package io.spinloop.app.cli;

import io.spinloop.lab.RunProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long measurement: points done, rate and time left. On a terminal it redraws one line;
 * otherwise (a log file, CI, a pipe) it prints a plain line every tenth of the work or every 10 s,
 * whichever comes first, so logs stay readable. A lab run reports to it as its {@link RunProgress}; warnings go to
 * standard error whether or not the bar is shown.
 */
public final class ProgressBar implements RunProgress, AutoCloseable {
    private static final int WIDTH = 24;
    private static final long PLAIN_EVERY_NANOS = 10_000_000_000L;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastPlainNanos = startNanos;
    private long lastPlainDone;
    private boolean closed;

    public ProgressBar(String label, long total, PrintStream out, boolean terminal) {
        this.label = label;
        this.total = Math.max(total, 1);
        this.out = out;
        this.terminal = terminal;
    }

    /** A bar on standard error, redrawn in place when standard error is a terminal. */
    public static ProgressBar onStderr(String label, long total) {
        return new ProgressBar(label, total, System.err, System.console() != null);
    }

    /** A bar that shows nothing (for {@code --json} runs and tests that want quiet). */
    public static ProgressBar silent(long total) {
        return new ProgressBar("", total, null, false);
    }

    public synchronized void step() {
        advance(1);
    }

    public synchronized void advance(long n) {
        done += n;
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (terminal) {
            out.print("\r" + line(now));
            out.flush();
        } else if (done - lastPlainDone >= Math.max(1, total / 10) || now - lastPlainNanos >= PLAIN_EVERY_NANOS
                || done >= total) {
            out.println(line(now));
            lastPlainNanos = now;
            lastPlainDone = done;
        }
    }

    @Override
    public synchronized void pointsDone(long doneSoFar, long ofTotal) {
        advance(doneSoFar - done);
    }

    @Override
    public void warning(String text) {
        System.err.println("spinloop: warning: " + text);
    }

    public synchronized long done() {
        return done;
    }

    /** Points per second so far. */
    public synchronized double rate() {
        double s = (System.nanoTime() - startNanos) * 1e-9;
        return s > 0 ? done / s : 0;
    }

    String line(long now) {
        double elapsed = (now - startNanos) * 1e-9;
        double rate = elapsed > 0 ? done / elapsed : 0;
        int filled = (int) Math.min(WIDTH, WIDTH * done / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String left = rate > 0 && done < total ? duration((total - done) / rate) : "-";
        return String.format(Locale.ROOT, "%s [%s] %d/%d  %.1f pts/s  elapsed %s  left %s", label, bar, done, total,
                rate, duration(elapsed), left);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        if (closed || out == null) {
            closed = true;
            return;
        }
        closed = true;
        if (terminal) {
            out.println();
        } else if (lastPlainDone != done) {
            out.println(line(System.nanoTime()));
        }
    }
}
