package io.spinloop.drivers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.Identity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void parsesTheSpellingsALabConfigUses() {
        assertEquals(Model.AUTO, Model.parse("auto"));
        assertEquals(Model.KEITHLEY_2400, Model.parse("keithley-2400"));
        assertEquals(Model.KEITHLEY_2400, Model.parse("Keithley 2400"));
        assertEquals(Model.KEITHLEY_2450, Model.parse("2450"));
        assertEquals(Model.KEYSIGHT_X_SERIES, Model.parse("N9030B"));
        assertEquals(Model.KEYSIGHT_X_SERIES, Model.parse("keysight-n9010a"));
        assertEquals(Model.KEYSIGHT_X_SERIES, Model.parse("keysight_x"));
        assertEquals(Model.RS_FSV, Model.parse("R&S FSV"));
        assertEquals(Model.RS_FSV, Model.parse("fsv7"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.parse("hp-8563e"));
        assertTrue(e.getMessage().contains("hp-8563e") && e.getMessage().contains("auto"), e.getMessage());
    }

    @Test
    void identifiesTheModelsFromTheirIdnReplies() {
        assertEquals(Optional.of(Model.KEITHLEY_2400),
                Model.of(Identity.parse("KEITHLEY INSTRUMENTS INC.,MODEL 2400,1234567,C33   Mar 31 2015 09:32:39/A02  /S/K")));
        assertEquals(Optional.of(Model.KEITHLEY_2450),
                Model.of(Identity.parse("KEITHLEY INSTRUMENTS,MODEL 2450,04096218,1.7.12b")));
        assertEquals(Optional.of(Model.KEYSIGHT_X_SERIES),
                Model.of(Identity.parse("Keysight Technologies,N9020B,MY12345678,A.33.03")));
        assertEquals(Optional.of(Model.KEYSIGHT_X_SERIES),
                Model.of(Identity.parse("Agilent Technologies,N9010A,MY5000,A.14.16")));
        assertEquals(Optional.of(Model.RS_FSV),
                Model.of(Identity.parse("Rohde&Schwarz,FSV-7,1307.9002K07/101234,3.40")));
        assertEquals(Optional.empty(), Model.of(Identity.parse("KEITHLEY INSTRUMENTS INC.,MODEL 2000,1,A")));
        assertEquals(Optional.empty(), Model.of(Identity.parse("Tektronix,MSO54,1,1")));
    }

    @Test
    void emulatorIdentityIsMarked() {
        Identity emu = Identity.parse("Keysight Technologies,N9030B,EMU-0003,A.33.03 (spinloop emulator)");
        assertTrue(emu.isEmulated());
        assertEquals("EMU-0003", emu.serial());
        assertTrue(!Identity.parse("Keysight Technologies,N9030B,MY123,A.33.03").isEmulated());
    }
}
