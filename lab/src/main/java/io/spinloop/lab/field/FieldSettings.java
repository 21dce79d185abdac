package io.spinloop.lab.field;

import java.time.Duration;

/**
 * How closely and how patiently the field is set.
 *
 * @param toleranceT  the reading must be this close to the target, T
 * @param settle      wait after each change of current before reading (several L/R of the coil, and the yoke)
 * @param readings    gaussmeter readings averaged per check (the probe's noise shrinks as 1/√n)
 * @param corrections largest number of corrections after the first setting before giving up
 */
public record FieldSettings(double toleranceT, Duration settle, int readings, int corrections) {
    public FieldSettings {
        if (!(toleranceT > 0) || Double.isInfinite(toleranceT)) {
            throw new IllegalArgumentException("field tolerance must be a positive number of tesla, got " + toleranceT);
        }
        if (settle == null || settle.isNegative()) {
            throw new IllegalArgumentException("field settle time must be zero or positive, got " + settle);
        }
        if (readings < 1 || corrections < 0) {
            throw new IllegalArgumentException("field readings must be at least 1 and corrections at least 0, got "
                    + readings + " and " + corrections);
        }
    }

    /** 0.1 mT (1 Oe), 200 ms to settle, 4 readings per check, up to 8 corrections. */
    public static FieldSettings defaults() {
        return new FieldSettings(1e-4, Duration.ofMillis(200), 4, 8);
    }
}
