package io.spinloop.drivers.transport;

/** The error codes a VXI-11 device returns (VXI-11 rev 1.0, table B.2), in words. */
final class Vxi11Error {
    static final int IO_TIMEOUT = 15;

    private Vxi11Error() {
    }

    static String describe(int code) {
        return switch (code) {
            case 1 -> "syntax error (1)";
            case 3 -> "device not accessible (3)";
            case 4 -> "invalid link identifier (4)";
            case 5 -> "parameter error (5)";
            case 6 -> "channel not established (6)";
            case 8 -> "operation not supported (8)";
            case 9 -> "out of resources (9)";
            case 11 -> "device locked by another link (11)";
            case 12 -> "no lock held by this link (12)";
            case 15 -> "I/O timeout (15)";
            case 17 -> "I/O error (17)";
            case 21 -> "invalid address (21)";
            case 23 -> "abort (23)";
            case 29 -> "channel already established (29)";
            default -> "unknown VXI-11 error (" + code + ")";
        };
    }
}
