package io.spinloop.lab.bench;

import io.spinloop.drivers.Instrument;
import io.spinloop.lab.config.InstrumentConfig;
import io.spinloop.lab.config.LoadedLabConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects to every instrument of a lab-config's bench and identifies it ({@code *IDN?}); the drivers refuse an
 * instrument that is another model than configured. Nothing is sourced: current sources are only identified, and
 * closed at 0 A with their output off. What {@code spinloop bench check} runs.
 */
public final class BenchCheck {
    private BenchCheck() {
    }

    /**
     * One instrument, as it answered.
     *
     * @param resource where it was reached (an ephemeral loopback port on an emulated bench)
     * @param idn      its {@code *IDN?} reply, or null when it could not be opened
     * @param error    why it could not be opened, or null
     */
    public record Answer(InstrumentConfig instrument, String resource, String idn, boolean emulated, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Told as the check goes, so a person sees each instrument as soon as it answered. */
    public interface Listener {
        /** The bench is up (an emulated one started in-process). */
        default void benchOpened(boolean emulated) {
        }

        default void answered(Answer answer) {
        }
    }

    /** Every instrument's answer, in the config's order. */
    public record Report(boolean emulated, List<Answer> answers) {
        public boolean allOk() {
            return answers.stream().allMatch(Answer::ok);
        }
    }

    public static Report run(LoadedLabConfig config, Listener listener) {
        List<Answer> answers = new ArrayList<>();
        try (Bench bench = Bench.of(config)) {
            listener.benchOpened(bench.emulated());
            for (InstrumentConfig in : config.config().instruments()) {
                String resource = bench.resources().get(in.name());
                Answer a;
                try (Instrument i = bench.openInstrument(in)) {
                    a = new Answer(in, resource, i.identity().raw(), i.identity().isEmulated(), null);
                } catch (RuntimeException e) {
                    a = new Answer(in, resource, null, false, e.getMessage());
                }
                answers.add(a);
                listener.answered(a);
            }
            return new Report(bench.emulated(), answers);
        }
    }
}
