package io.spinloop.lab.bench;

import io.spinloop.drivers.Identity;
import io.spinloop.drivers.Instrument;
import io.spinloop.measurements.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code *IDN?} of each instrument a run used, by role ({@code source}, {@code analyzer}, {@code magnet},
 * {@code gaussmeter}), stored as meta attributes ({@code meta.instrument.<role>.make}, {@code .model},
 * {@code .serial}, {@code .firmware}, {@code .name}) so that a resumed run can be checked against the bench it finds:
 * another model or another unit (serial number) in a role is refused, the same unit with other firmware is a
 * warning (it is the same instrument, set up by the same commands; the change is said, not hidden).
 */
public final class InstrumentIdentities {
    static final String PREFIX = "instrument.";

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
            String firmware = m.getOrDefault(at + "firmware", "");
            return Optional.of(new Identity(make, model, serial, firmware,
                    String.join(",", make, model, serial, firmware)));
        }
        return Optional.ofNullable(was.instrumentIdn().get(name)).map(Identity::parse);
    }

    /**
     * What a resumed run finds on the bench against what the interrupted run stored.
     *
     * @param refusals one line per role now held by another model or unit
     * @param warnings one line per role whose unit now runs other firmware
     */
    public record Comparison(List<String> refusals, List<String> warnings) {
    }

    /** Compares the instruments now on the bench, by role, with those {@code was} stored. */
    static Comparison compare(Provenance was, Map<String, ? extends Instrument> now) {
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
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
                        + "; resuming, as it is the same unit");
            }
        });
        return new Comparison(List.copyOf(refusals), List.copyOf(warnings));
    }
}
