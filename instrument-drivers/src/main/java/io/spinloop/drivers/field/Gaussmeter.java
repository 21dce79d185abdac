package io.spinloop.drivers.field;

import io.spinloop.drivers.Instrument;

/** A gaussmeter whose probe sits in the magnet's gap. Thread-safe. */
public interface Gaussmeter extends Instrument {

    /** One reading of the field, tesla (flux density μ0·H in air). */
    double readField();

    /** Closes the connection. */
    @Override
    void close();
}
