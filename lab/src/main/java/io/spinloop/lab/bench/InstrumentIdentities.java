package io.spinloop.lab.bench;

import io.spinloop.drivers.Identity;
import io.spinloop.drivers.Instrument;
import io.spinloop.measurements.Provenance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code *IDN?} of each instrument a run used, by role ({@code source}, {@code analyzer}, {@code magnet},
 * {@code gaussmeter}), stored as meta attributes ({@code meta.instrument.<role>.make}, {@code .model},
 * {@code .serial}, {@code .firmware}, {@code .name}) so that a resumed run can be checked against the bench it finds:
 * another model or another unit (serial number) in a role is refused, the same unit with other firmware is a
 * warning (it is the same instrument, set up by the same commands; the change is said, not hidden). The resumed run
 * records the change too: {@code meta.instrument.<role>.firmware_from_point_<n>} holds the firmware that took the
 * points from index {@code n} on ({@code .firmware} stays the one the run started with), so the file says which
 * firmware took which points; a later resume compares with the latest of them.
 */
public final class InstrumentIdentities {
    static final String PREFIX = "instrument.";
    static final String FIRMWARE_FROM_POINT = "firmware_from_point_";

    private InstrumentIdentities() {
    }

    /** Stores {@code instrument}'s identity under {@code role}. */
    static void store(Provenance.Builder p, String role, Instrument instrument) {
        Identity id = instrument.identity();
        String at = PREFIX + role + ".";
        p.metadata(at + "name", instrument.name()).metadata(at + "make", id.maker()).metadata(at + "model", id.model())
                .metadata(at + "serial", id.serial()).metadata(at + "firmware", id.firmware());
    }

    /**
     * What the interrupted run stored for {@code role}: its meta attributes, or for a file written before they
     * existed, the {@code *IDN?} stored under the instrument's configured {@code name}; empty if neither.
     */
    static Optional<Identity> stored(Provenance was, String role, String name) {
        Map<String, String> m = was.metadata();
        String at = PREFIX + role + ".";
        if (m.containsKey(at + "model")) {
            String make = m.getOrDefault(at + "make", "");
            String model = m.get(at + "model");
            String serial = m.getOrDefault(at + "serial", "");
            String firmware = latestFirmware(m, at).orElse(m.getOrDefault(at + "firmware", ""));
            return Optional.of(new Identity(make, model, serial, firmware,
                    String.join(",", make, model, serial, firmware)));
        }
        return Optional.ofNullable(was.instrumentIdn().get(name)).map(Identity::parse);
    }

    /** The firmware recorded by the latest resume that found {@code at}'s unit on other firmware, if any. */
    private static Optional<String> latestFirmware(Map<String, String> m, String at) {
        String from = at + FIRMWARE_FROM_POINT;
        return m.keySet().stream().filter(k -> k.startsWith(from) && k.substring(from.length()).matches("\\d{1,18}"))
                .max(Comparator.comparingLong(k -> Long.parseLong(k.substring(from.length())))).map(m::get);
    }

    /**
     * What a resumed run finds on the bench against what the interrupted run stored.
     *
     * @param refusals        one line per role now held by another model or unit
     * @param warnings        one line per role whose unit now runs other firmware
     * @param firmwareChanged the firmware each of those roles' units now runs, by role
     */
    public record Comparison(List<String> refusals, List<String> warnings, Map<String, String> firmwareChanged) {
        /**
         * The metadata a resume whose first point has index {@code pointsBefore} records of the firmware changes:
         * {@code instrument.<role>.firmware_from_point_<pointsBefore>}, the firmware now.
         */
        Map<String, String> firmwareMetadata(long pointsBefore) {
            Map<String, String> m = new LinkedHashMap<>();
            firmwareChanged.forEach((role, firmware) ->
                    m.put(PREFIX + role + "." + FIRMWARE_FROM_POINT + pointsBefore, firmware));
            return m;
        }
    }

    /** Compares the instruments now on the bench, by role, with those {@code was} stored. */
    static Comparison compare(Provenance was, Map<String, ? extends Instrument> now) {
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> firmwareChanged = new LinkedHashMap<>();
        now.forEach((role, instrument) -> {
            Identity present = instrument.identity();
            Optional<Identity> before = stored(was, role, instrument.name());
            if (before.isEmpty()) {
                return; // a role the interrupted run did not record (a file from before roles were stored)
            }
            Identity then = before.get();
            String both = " (the file: '" + then.raw() + "'; " + instrument.name() + " now: '" + present.raw() + "')";
            if (!then.maker().equalsIgnoreCase(present.maker()) || !then.model().equalsIgnoreCase(present.model())) {
                refusals.add(role + " is another model" + both);
            } else if (!then.serial().equalsIgnoreCase(present.serial())) {
                refusals.add(role + " is another unit, serial " + present.serial() + " instead of " + then.serial()
                        + both);
            } else if (!then.firmware().equals(present.firmware())) {
                warnings.add(role + " " + instrument.name() + " (serial " + present.serial() + ") now runs firmware "
                        + present.firmware() + ", the interrupted run had " + then.firmware()
                        + "; resuming, as it is the same unit (the file records the firmware of the points"
                        + " from here on)");
                firmwareChanged.put(role, present.firmware());
            }
        });
        return new Comparison(List.copyOf(refusals), List.copyOf(warnings), Map.copyOf(firmwareChanged));
    }
}
