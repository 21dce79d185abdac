package io.spinloop.lab.chip;

import io.spinloop.lab.LabException;

/**
 * A deployment refused before any instrument was touched: the network's weights would drive a device beyond
 * its safety limit for some input.
 */
public class DriveLimitException extends LabException {
    public DriveLimitException(String message) {
        super(message);
    }
}
