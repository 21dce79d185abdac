package io.spinloop.lab;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a bench run tells whoever watches it: how many of its points are done, notes for the person at the bench,
 * and warnings. Lab code reports through this listener instead of printing, so it does not depend on how the
 * command line shows progress; the command line adapts its progress bar to it, tests count points or ignore them.
 */
public interface RunProgress {

    /** {@code done} of the run's {@code total} points are measured and recorded. */
    void pointsDone(long done, long total);

    /** Something the person running the bench should know (where a line was found, a connection reopened). */
    default void message(String text) {
    }

    /** Something that may make the result doubtful or the bench unsafe to leave; the run goes on. */
    default void warning(String text) {
    }

    /**
     * One spectrum of a sweep with the line fitted to it, for a live view.
     *
     * @param fittedDbm the fitted line as the analyzer shows it, at each frequency: computed when asked for, on the
     *                  viewer's thread, so the measurement does not wait for it
     */
    record Spectrum(double currentA, double[] frequencyHz, double[] powerDbm, Supplier<double[]> fittedDbm,
                    double peakHz, double powerW, double linewidthHz) {
    }

    /** One repeat of a drive sequence as the analyzer recorded it in zero span, for a live view. */
    record ZeroSpanReading(int sequence, int repeat, double[] timeS, double[] driveA, double[] powerW) {
    }

    /**
     * A current source as the run last left it, for a live view's instrument panel.
     *
     * @param messages   SCPI messages exchanged with the run's instruments so far (the traffic)
     * @param lastError  the last instrument failure the run met, or null
     */
    record SourcePanel(String name, double currentA, boolean outputOn, double complianceV, long messages,
                       String lastError) {
    }

    /**
     * The grid of a 2-D map about to be measured, for a live view that draws the map as it fills.
     *
     * @param x the fast axis's values (drive currents, A)
     * @param y the slow axis's values, in {@code yUnit} ({@code yName}: "field" in T, "repeat" indices)
     */
    record MapPlan(double[] x, double[] y, String yName, String yUnit) {
    }

    /** One point of a map just recorded, at column {@code ix} and row {@code iy} of its {@link MapPlan}. */
    record MapPoint(int ix, int iy, double peakHz, double powerW, double linewidthHz) {
    }

    /**
     * The field at a device as a run last left it, for a live view's instrument panel.
     *
     * @param setT            the field asked for, T (NaN before any)
     * @param measuredT       the gaussmeter's last averaged reading, T (NaN before any)
     * @param magnetCurrentA  the magnet current last set, A
     */
    record FieldPanel(String magnet, double setT, double measuredT, double magnetCurrentA, boolean magnetOutputOn) {
    }

    /**
     * Whether this listener draws spectra, readings and the instrument panel: runners build them only when it does,
     * so a run nobody watches pays nothing for them.
     */
    default boolean watchesDetails() {
        return false;
    }

    /** The spectrum just measured (called only when {@link #watchesDetails()}). */
    default void spectrum(Spectrum s) {
    }

    /** The zero-span reading just recorded (called only when {@link #watchesDetails()}). */
    default void zeroSpan(ZeroSpanReading r) {
    }

    /** The source after the point just done, or after the run made it safe (only when {@link #watchesDetails()}). */
    default void source(SourcePanel s) {
    }

    /** The map about to be measured (called only when {@link #watchesDetails()}). */
    default void mapPlan(MapPlan plan) {
    }

    /** The map point just recorded (called only when {@link #watchesDetails()}). */
    default void mapPoint(MapPoint p) {
    }

    /** The field after it was set, or after the run ramped the magnet down (only when {@link #watchesDetails()}). */
    default void field(FieldPanel f) {
    }

    /**
     * Called when the run starts with the way to stop it safely, the same as Ctrl-C: the run stops after the point
     * in flight, ramps the source to 0 A, switches its output off and finalises its file.
     */
    default void stoppable(Runnable requestStop) {
    }

    /** Says messages and warnings ("warning: ...") to {@code out}, and nothing about points. */
    static RunProgress messagesTo(Consumer<String> out) {
        return new RunProgress() {
            @Override
            public void pointsDone(long done, long total) {
            }

            @Override
            public void message(String text) {
                out.accept(text);
            }

            @Override
            public void warning(String text) {
                out.accept("warning: " + text);
            }
        };
    }

    /** Reports nothing. */
    static RunProgress silent() {
        return (done, total) -> {
        };
    }
}
