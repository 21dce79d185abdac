package io.spinloop.training.chip;

import io.spinloop.training.TrainingException;

/**
 * A deployment refused before any instrument was touched: the network's weights would drive a device beyond
 * its safety limit for some input.
 */
public class DriveLimitException extends TrainingException {
    public DriveLimitException(String message) {
        super(message);
    }
}
