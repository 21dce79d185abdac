package io.spinloop.lab;

import java.util.function.Consumer;

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
