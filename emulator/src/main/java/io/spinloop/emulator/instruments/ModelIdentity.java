package io.spinloop.emulator.instruments;

/**
 * Who a model says it is: the maker, model and firmware fields of its {@code *IDN?} reply.
 *
 * @param maker    first field, e.g. {@code KEITHLEY INSTRUMENTS INC.}
 * @param model    second field, e.g. {@code MODEL 2400}
 * @param firmware fourth field, e.g. {@code C33}
 */
public record ModelIdentity(String maker, String model, String firmware) {
    /** The {@code *IDN?} reply of one emulated unit, marked as the emulator's so no one mistakes it for hardware. */
    public String idn(String serialNumber) {
        return maker + "," + model + "," + serialNumber + "," + firmware + " (spinloop emulator)";
    }
}
