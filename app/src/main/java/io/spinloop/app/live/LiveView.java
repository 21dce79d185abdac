package io.spinloop.app.live;

import io.spinloop.lab.RunProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One command's live view: its server, its events and its Stop. A command without {@code --live} gets the view
 * that is off ({@link #off()}), which passes everything to the terminal and serves nothing.
 */
public final class LiveView implements AutoCloseable {
    private final EventHub hub;
    private final LiveServer server;
    private final StopButton stop = new StopButton();
    private final RunProgress progressOf;

    private LiveView(EventHub hub, LiveServer server) {
        this.hub = hub;
        this.server = server;
        this.progressOf = hub == null ? RunProgress.silent() : new LiveRun(RunProgress.silent(), hub, stop).counting("steps");
    }

    /** The view of a command run without {@code --live}. */
    public static LiveView off() {
        return new LiveView(null, null);
    }

    /** Serves the view of the run called {@code title} on {@code bind:port} (0: a free port) and says where. */
    static LiveView serve(String bind, int port, String title, PrintStream say) throws IOException {
        return serve(bind, port, java.util.List.of(), title, say);
    }

    /**
     * As {@link #serve(String, int, String, PrintStream)}, also answering to the host {@code names} given; says every
     * address the page can be opened at.
     */
    static LiveView serve(String bind, int port, java.util.List<String> names, String title, PrintStream say)
            throws IOException {
        EventHub hub = new EventHub();
        LiveView[] view = new LiveView[1];
        LiveServer server = LiveServer.forRun(bind, port, names, hub, () -> view[0].stop.press());
        view[0] = new LiveView(hub, server);
        hub.publish("run", "", Map.of("title", title));
        say.println("spinloop: live view at " + server.url());
        for (String also : server.urls().subList(1, server.urls().size())) {
            say.println("spinloop: live view also at " + also);
        }
        return view[0];
    }

    public boolean on() {
        return hub != null;
    }

    /** The page's address with its token (null when off). */
    public String url() {
        return server == null ? null : server.url();
    }

    /** {@code terminal}, also showing on the page when the view is on. */
    public RunProgress watch(RunProgress terminal) {
        return on() ? new LiveRun(terminal, hub, stop) : terminal;
    }

    /** Connects the page's Stop to a run's safe stop (for runs that do not report through {@link RunProgress}). */
    public void stoppable(Runnable requestStop) {
        stop.connect(requestStop);
    }

    /** Whether the page's Stop was pressed. */
    public boolean stopPressed() {
        return stop.pressed();
    }

    /**
     * One epoch of a training curve ({@code curve}: "twin", "chip", "train" ...): loss, and accuracy where the task
     * has one (NaN where not).
     */
    public void epoch(String curve, int epoch, double loss, double accuracy) {
        epoch(curve, epoch, loss, "accuracy", accuracy);
    }

    /** As {@link #epoch(String, int, double, double)}, with a test figure other than accuracy ("test MSE"). */
    public void epoch(String curve, int epoch, double loss, String figure, double value) {
        if (!on()) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("curve", curve);
        e.put("epoch", epoch);
        e.put("loss", Double.isFinite(loss) ? loss : null);
        e.put("figure", figure);
        e.put("value", Double.isFinite(value) ? value : null);
        hub.publish("epoch", null, e);
    }

    /**
     * A stage's test figure ({@code stage}: "twin", "chip, deployed" ...; {@code figure}: "test MSE", "test
     * accuracy"): the page draws the stages side by side, one panel per figure, in the order they came.
     */
    public void figure(String stage, String figure, double value) {
        if (!on()) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("stage", stage);
        e.put("figure", figure);
        e.put("value", Double.isFinite(value) ? value : null);
        hub.publish("figure", null, e);
    }

    /**
     * A twin's fan against the readings of {@code device}: the measured repeats ([repeat][step], W) and the twin's
     * quantiles ([quantile][step], W, at {@code quantiles}) at each step's time and drive. Each device's fan is a
     * state: a newer one replaces it.
     */
    public void fan(String device, double[] timeS, double[] driveA, double[][] measuredW, double[] quantiles,
                    double[][] twinW) {
        if (!on()) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("device", device);
        e.put("time_s", timeS);
        e.put("drive_A", driveA);
        e.put("measured_W", measuredW);
        e.put("quantiles", quantiles);
        e.put("twin_W", twinW);
        hub.publish("fan", device, e);
    }

    /**
     * A stage's forecast of the test set ({@code stage}: "twin", "chip") beside its {@code target}, the page drawing
     * the first {@value #FORECAST_SHOWN} samples of each; each stage's forecast is a state.
     */
    public void forecast(String stage, double[] target, double[] predicted) {
        if (!on()) {
            return;
        }
        int n = Math.min(FORECAST_SHOWN, Math.min(target.length, predicted.length));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("stage", stage);
        e.put("target", java.util.Arrays.copyOf(target, n));
        e.put("predicted", FiniteNumbers.of(java.util.Arrays.copyOf(predicted, n)));
        hub.publish("forecast", stage, e);
    }

    /** Samples of a forecast the page draws (a few windows: enough to see the curves follow the target). */
    static final int FORECAST_SHOWN = 400;

    /** {@code terminal}, each line of it also in the page's log when the view is on. */
    public java.io.PrintStream tee(java.io.PrintStream terminal) {
        return on() ? LineTee.of(terminal, this::message) : terminal;
    }

    /**
     * Progress of a run that does not report through {@link RunProgress} (training steps): {@code done} of
     * {@code total}, with the rate and time left the page shows.
     */
    public void progress(long done, long total) {
        if (on()) {
            progressOf.pointsDone(done, total);
        }
    }

    /** A line for the page's log. */
    public void message(String text) {
        if (on()) {
            hub.publish("message", null, Map.of("text", text));
        }
    }

    /** Tells the pages how the run ended (they keep what they drew); returns {@code exitCode}. */
    public int ended(int exitCode) {
        if (on()) {
            hub.flushThrottled(); // the last spectrum, progress and panels before the end
            hub.publish("end", "", Map.of("exit", exitCode));
        }
        return exitCode;
    }

    /**
     * Runs a command's {@code body} and tells the pages how it ended: its exit code, or 130 when it was stopped on
     * request (the exception then goes on to {@link io.spinloop.app.cli.CommandErrors}, which exits 130 too).
     */
    public int run(Body body) throws Exception {
        try {
            return ended(body.call());
        } catch (io.spinloop.lab.RunStoppedException e) {
            ended(io.spinloop.app.cli.CommandErrors.INTERRUPTED);
            throw e;
        }
    }

    /** A command's work under {@link #run}: returns its exit code. */
    @FunctionalInterface
    public interface Body {
        int call() throws Exception;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
