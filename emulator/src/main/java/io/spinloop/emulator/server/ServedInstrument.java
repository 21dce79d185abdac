package io.spinloop.emulator.server;

import io.spinloop.emulator.instruments.Instrument;

/**
 * An instrument as a multi-device server (VXI-11, HiSLIP) serves it, with the faults it shares with its raw socket:
 * a fault set on the instrument applies to whichever protocol carries its next message.
 */
public record ServedInstrument(Instrument instrument, ConnectionFaults faults) {
}
