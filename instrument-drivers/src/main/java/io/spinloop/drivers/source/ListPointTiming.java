package io.spinloop.drivers.source;

import java.util.Locale;
import java.util.Optional;

/**
 * How long one point of a list sweep can last, from the source's settings. A point cannot be shorter than its
 * source delay (the dwell) plus the integration of its measurement (NPLC power-line cycles): the source sets the
 * level, waits the delay, then integrates. It is longer by the instrument's processing (about 0.4 ms on a 2400), by
 * auto-zero (up to three integrations per reading) and by range or display updates, but a point taking more than
 * {@link #maximumS()} (four times the minimum and 50 ms more) is not one the settings explain.
 *
 * <p>A period measured on the bench (the time base of zero-span sequences) is checked against these bounds before
 * it is stored: a shorter one is impossible and refused, a much longer one is stored with a warning. Either means
 * the trace did not show one undisturbed list, most likely because another client was talking to the source or
 * the analyzer.
 *
 * @param dwellS          the source delay sent with the list, s
 * @param nplc            the integration time in power-line cycles, as the instrument reports it (0: the source
 *                        does not integrate, e.g. an emulator with its instrument limits lifted)
 * @param lineFrequencyHz the power-line frequency the instrument integrates against, as it reports it
 */
public record ListPointTiming(double dwellS, double nplc, double lineFrequencyHz) {
    /** The longest plausible point is this many times the shortest ... */
    private static final double MAX_FACTOR = 4;
    /** ... plus this much, s. */
    private static final double MAX_EXTRA_S = 0.05;

    public ListPointTiming {
        if (!(dwellS >= 0) || Double.isInfinite(dwellS) || !(nplc >= 0) || Double.isInfinite(nplc)
                || !(lineFrequencyHz > 0) || Double.isInfinite(lineFrequencyHz)) {
            throw new IllegalArgumentException("list point timing needs a finite dwell and NPLC of 0 or more and a "
                    + "positive line frequency, got dwell " + dwellS + " s, " + nplc + " NPLC, " + lineFrequencyHz
                    + " Hz");
        }
    }

    /** A point that is its source delay alone (no integration: an emulated source with its limits lifted). */
    public static ListPointTiming delayOnly(double dwellS) {
        return new ListPointTiming(dwellS, 0, 50);
    }

    /** The integration time of one measurement, s. */
    public double integrationS() {
        return nplc / lineFrequencyHz;
    }

    /** The shortest point the settings allow: source delay plus integration, s. */
    public double minimumS() {
        return dwellS + integrationS();
    }

    /** The longest point the settings make plausible, s. */
    public double maximumS() {
        return MAX_FACTOR * minimumS() + MAX_EXTRA_S;
    }

    /** The settings in words: {@code source delay 1 ms + 1 NPLC at 60 Hz (16.7 ms)}. */
    public String describe() {
        String delay = "source delay " + ms(dwellS);
        if (nplc == 0) {
            return delay + ", no integration";
        }
        return delay + String.format(Locale.ROOT, " + %.3g NPLC at %.3g Hz (%s)", nplc, lineFrequencyHz,
                ms(integrationS()));
    }

    /**
     * Checks a measured point period. Below the minimum by more than {@code resolutionS} (what the measurement
     * cannot resolve) it is refused; above the maximum it is returned as a warning to store with it.
     *
     * @param who        names the measurement for the messages, e.g. {@code "stno-a: smu-a"}
     * @param measuredS  the measured period, s
     * @param resolutionS the measurement's resolution, s
     * @return a warning when the period is longer than the settings make plausible, else empty
     * @throws IllegalStateException when the period is shorter than the settings allow, or not a number
     */
    public Optional<String> check(String who, double measuredS, double resolutionS) {
        String range = "the settings allow " + ms(minimumS()) + " to " + ms(maximumS()) + " (" + describe() + ")";
        if (!(measuredS > minimumS() - Math.max(0, resolutionS)) || Double.isInfinite(measuredS)) {
            throw new IllegalStateException(who + ": measured list point period " + ms(measuredS)
                    + " is impossible: " + range + ". Is another client talking to the source or the analyzer? "
                    + "The period was not stored");
        }
        if (measuredS > maximumS()) {
            return Optional.of(who + ": measured list point period " + ms(measuredS) + " is longer than "
                    + range + "; stored as measured. Was another client triggering the source or the analyzer?");
        }
        return Optional.empty();
    }

    private static String ms(double s) {
        return String.format(Locale.ROOT, "%.3g ms", s * 1e3);
    }
}
