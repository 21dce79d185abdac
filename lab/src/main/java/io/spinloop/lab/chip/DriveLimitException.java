package io.spinloop.lab.chip;

/**
 * A deployment refused before any instrument was touched: the network's weights would drive a device beyond
 * its safety limit for some input.
 */
public class DriveLimitException extends RuntimeException {
    public DriveLimitException(String message) {
        super(message);
    }
}
