package io.spinloop.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.Identity;
import io.spinloop.drivers.Instrument;
import io.spinloop.measurements.Provenance;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A resume compares the bench's instruments with the identities the interrupted run stored, role by role. */
class InstrumentIdentitiesTest {
    private static final String SMU = "KEITHLEY INSTRUMENTS INC.,MODEL 2400,4120031,C32   Oct  4 2010 14:20:11/A02  /K/M";
    private static final String SA = "Keysight Technologies,N9030B,MY55420135,A.33.03";

    private static Instrument instrument(String name, String idn) {
        return new Instrument() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Identity identity() {
                return Identity.parse(idn);
            }

            @Override
            public void close() {
            }
        };
    }

    private static Map<String, Instrument> bench(String smu, String sa) {
        Map<String, Instrument> m = new LinkedHashMap<>();
        m.put("source", instrument("smu-a", smu));
        m.put("analyzer", instrument("sa-a", sa));
        return m;
    }

    private static Provenance stored(Map<String, Instrument> bench) {
        Provenance.Builder p = Provenance.builder("test");
        bench.forEach((role, i) -> InstrumentIdentities.store(p, role, i));
        return p.build();
    }

    @Test
    void theIdentitiesAreStoredAsMetaAttributesByRole() {
        Map<String, String> m = stored(bench(SMU, SA)).metadata();
        assertEquals("KEITHLEY INSTRUMENTS INC.", m.get("instrument.source.make"));
        assertEquals("MODEL 2400", m.get("instrument.source.model"));
        assertEquals("4120031", m.get("instrument.source.serial"));
        assertEquals("C32   Oct  4 2010 14:20:11/A02  /K/M", m.get("instrument.source.firmware"));
        assertEquals("smu-a", m.get("instrument.source.name"));
        assertEquals("MY55420135", m.get("instrument.analyzer.serial"));
    }

    @Test
    void theSameInstrumentsPass() {
        var c = InstrumentIdentities.compare(stored(bench(SMU, SA)), bench(SMU, SA));
        assertTrue(c.refusals().isEmpty() && c.warnings().isEmpty(), c.toString());
    }

    @Test
    void anotherUnitIsRefusedNamingTheRoleAndBothIdentities() {
        String other = SMU.replace("4120031", "4120777");
        var c = InstrumentIdentities.compare(stored(bench(SMU, SA)), bench(other, SA));
        assertEquals(1, c.refusals().size(), c.toString());
        String r = c.refusals().get(0);
        assertTrue(r.startsWith("source is another unit, serial 4120777 instead of 4120031"), r);
        assertTrue(r.contains("4120031") && r.contains(other) && r.contains("smu-a"), r);
    }

    @Test
    void anotherModelIsRefused() {
        String sa = "Keysight Technologies,N9020B,MY55420135,A.33.03";
        var c = InstrumentIdentities.compare(stored(bench(SMU, SA)), bench(SMU, sa));
        assertEquals(1, c.refusals().size(), c.toString());
        assertTrue(c.refusals().get(0).startsWith("analyzer is another model"), c.toString());
        assertTrue(c.refusals().get(0).contains("N9030B") && c.refusals().get(0).contains("N9020B"), c.toString());
    }

    @Test
    void otherFirmwareOnTheSameUnitIsAWarningNotARefusal() {
        String updated = SA.replace("A.33.03", "A.34.01");
        var c = InstrumentIdentities.compare(stored(bench(SMU, SA)), bench(SMU, updated));
        assertTrue(c.refusals().isEmpty(), c.toString());
        assertEquals(1, c.warnings().size(), c.toString());
        assertTrue(c.warnings().get(0).contains("A.34.01") && c.warnings().get(0).contains("A.33.03")
                && c.warnings().get(0).startsWith("analyzer sa-a"), c.toString());
    }

    @Test
    void otherFirmwareIsRecordedFromThePointTheResumeStartsAt() {
        String updated = SA.replace("A.33.03", "A.34.01");
        var c = InstrumentIdentities.compare(stored(bench(SMU, SA)), bench(SMU, updated));
        assertEquals(Map.of("instrument.analyzer.firmware_from_point_60", "A.34.01"), c.firmwareMetadata(60));
        var same = InstrumentIdentities.compare(stored(bench(SMU, SA)), bench(SMU, SA));
        assertEquals(Map.of(), same.firmwareMetadata(60), "no change, nothing recorded");
    }

    @Test
    void aLaterResumeComparesWithTheLatestRecordedFirmware() {
        Provenance resumedTwice = stored(bench(SMU, SA))
                .withMetadata("instrument.analyzer.firmware_from_point_9", "A.33.90")
                .withMetadata("instrument.analyzer.firmware_from_point_60", "A.34.01")
                .withMetadata("instrument.analyzer.firmware_from_point_7", "A.33.50");
        var onTheLatest = InstrumentIdentities.compare(resumedTwice, bench(SMU, SA.replace("A.33.03", "A.34.01")));
        assertTrue(onTheLatest.warnings().isEmpty(), "already recorded at point 60: " + onTheLatest);
        var backToTheFirst = InstrumentIdentities.compare(resumedTwice, bench(SMU, SA));
        assertEquals(1, backToTheFirst.warnings().size(), backToTheFirst.toString());
        assertTrue(backToTheFirst.warnings().get(0).contains("A.34.01"), backToTheFirst.toString());
        assertEquals("A.33.03", backToTheFirst.firmwareChanged().get("analyzer"));
    }

    @Test
    void aFileFromBeforeTheRolesIsComparedByItsStoredIdnOfTheSameName() {
        Provenance old = Provenance.builder("test").instrument("smu-a", SMU).instrument("sa-a", SA).build();
        var c = InstrumentIdentities.compare(old, bench(SMU.replace("4120031", "1"), SA));
        assertEquals(1, c.refusals().size(), c.toString());
        var none = InstrumentIdentities.compare(Provenance.builder("test").build(), bench(SMU, SA));
        assertTrue(none.refusals().isEmpty() && none.warnings().isEmpty(), "nothing recorded: nothing to compare");
    }
}
