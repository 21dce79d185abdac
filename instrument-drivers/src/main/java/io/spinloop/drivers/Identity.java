package io.spinloop.drivers;

/**
 * An instrument's answer to {@code *IDN?}: {@code <maker>,<model>,<serial>,<firmware>}.
 *
 * @param raw the reply as received
 */
public record Identity(String maker, String model, String serial, String firmware, String raw) {

    /** Parses an {@code *IDN?} reply; fields missing from a short reply are empty. */
    public static Identity parse(String reply) {
        String[] f = reply.trim().split(",", 4);
        return new Identity(field(f, 0), field(f, 1), field(f, 2), field(f, 3), reply.trim());
    }

    private static String field(String[] f, int i) {
        return i < f.length ? f[i].trim() : "";
    }

    /** True for spinloop's emulator, which marks its serial number and firmware so no one mistakes it for the bench. */
    public boolean isEmulated() {
        return firmware.contains("(spinloop emulator)") || serial.startsWith("EMU-");
    }

    /** Same maker, model and serial number: the same physical instrument (firmware may change on update). */
    public boolean sameInstrumentAs(Identity other) {
        return maker.equalsIgnoreCase(other.maker) && model.equalsIgnoreCase(other.model)
                && serial.equalsIgnoreCase(other.serial);
    }

    @Override
    public String toString() {
        return raw;
    }
}
