package io.spinloop.drivers;

/** What every opened instrument has: a configured name, the identity it reported, and a close. */
public interface Instrument extends AutoCloseable {

    /** The configured name, e.g. {@code smu1}. */
    String name();

    /** What the instrument answered to {@code *IDN?}. */
    Identity identity();

    @Override
    void close();
}
