package io.spinloop.emulator.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parser and interpreter on the SCPI-99 / IEEE 488.2 syntax, through a small command tree. */
class MessageInterpreterTest {
    private final List<Integer> errors = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private CommandTree tree;
    private MessageInterpreter interpreter;

    @BeforeEach
    void setUp() {
        tree = new CommandTree();
        tree.add("[:SOURce]:CURRent[:LEVel][:IMMediate][:AMPLitude]", 1, 1,
                c -> calls.add("curr=" + c.args().number(0, Unit.AMPERE, -1.05, 1.05, 0)));
        tree.add("[:SOURce]:CURRent[:LEVel][:IMMediate][:AMPLitude]?", c -> c.reply().nr3(1e-3, 6));
        tree.add("[:SENSe]:FREQuency:CENTer", 1, 1, c -> calls.add("center=" + c.args().number(0, Unit.HERTZ)));
        tree.add("[:SENSe]:FREQuency:SPAN", 1, 1, c -> calls.add("span=" + c.args().number(0, Unit.HERTZ)));
        tree.add("[:SENSe]:FREQuency:SPAN?", c -> c.reply().nr3(2e6, 6));
        tree.add(":CALCulate#2:MARKer#12:X?", c -> c.reply().nr1(c.suffix(0) * 100L + c.suffix(1)));
        tree.add(":SENSe:FUNCtion[:ON]", 1, 3, c -> calls.add("func=" + c.args().string(0)));
        tree.add(":OUTPut[:STATe]", 1, 1, c -> calls.add("out=" + c.args().bool(0)));
        tree.add(":FORMat[:DATA]", 1, 2, c -> calls.add("form=" + c.args().choice(0, "ASCii", "REAL")
                + (c.args().count() > 1 ? "," + c.args().integer(1, 0, 64, 32) : "")));
        tree.add(":LIST", 1, 100, c -> calls.add("list=" + c.args().count()));
        tree.add(":BLOCk", 1, 1, c -> calls.add("block=" + c.args().kind(0)));
        tree.add(":FAIL", c -> {
            throw ScpiError.DATA_OUT_OF_RANGE.exception();
        });
        tree.add(":BOOM", c -> {
            throw new IllegalStateException("handler bug");
        });
        tree.add("*IDN?", c -> c.reply().ascii("ACME,1,EMU-1,1"));
        tree.add("*CLS", c -> calls.add("cls"));
        interpreter = new MessageInterpreter(tree, (code, text) -> errors.add(code), "test");
    }

    private String run(String message) {
        byte[] b = message.getBytes(StandardCharsets.ISO_8859_1);
        Response r = new Response();
        interpreter.execute(b, 0, b.length, r);
        return r.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SOUR:CURR 1e-3", "source:current 1e-3", ":SoUrCe:CuRr:LeV:iMm:AmPl 1E-3", "CURR:AMPL 0.001",
        "CURR 1 mA", "curr 1MA", "CURR 1000 UA", "CURR 1e-3A", "CURR +1.0 E -3", "CURR .001", "CURR 1000000 NA"})
    void shortLongOptionalCaseAndUnits(String message) {
        assertEquals("", run(message));
        assertEquals(List.of(), errors);
        assertEquals(List.of("curr=0.001"), calls);
    }

    @Test
    void frequencyUnitsIncludingMegaHertz() {
        run("FREQ:CENT 10 MHz;SPAN 2.5kHz;CENT 1 GHZ;SPAN 7e3");
        assertEquals(List.of("center=1.0E7", "span=2500.0", "center=1.0E9", "span=7000.0"), calls);
        assertEquals(List.of(), errors);
    }

    @Test
    void minMaxDefault() {
        run("CURR MAX;CURR min;CURR DEF;CURR MAXimum");
        assertEquals(List.of("curr=1.05", "curr=-1.05", "curr=0.0", "curr=1.05"), calls);
    }

    @Test
    void compoundPathRules() {
        assertEquals("+2.000000E+06\n", run(":SENS:FREQ:CENT 1;SPAN 2;*CLS;SPAN?"));
        assertEquals(List.of("center=1.0", "span=2.0", "cls"), calls);
        assertEquals(List.of(), errors);
        // ';:' returns to the root; a bare SPAN at the root is not a header
        run(":FREQ:CENT 1;:SPAN 2");
        assertEquals(List.of(-113), errors);
    }

    @Test
    void everyMessageStartsAtTheRoot() {
        run("FREQ:CENT 1");
        run("SPAN 2");
        assertEquals(List.of(-113), errors);
    }

    @Test
    void multipleQueriesShareOneReplyWithSemicolons() {
        assertEquals("ACME,1,EMU-1,1;+1.000000E-03;+2.000000E+06\n", run("*IDN?;:CURR?;:FREQ:SPAN?"));
    }

    @Test
    void numericSuffixes() {
        assertEquals("101\n", run("CALC:MARK:X?"));
        assertEquals("212\n", run("CALC2:MARK12:X?"));
        assertEquals("107\n", run("calculate1:marker7:x?"));
        run("CALC:MARK13:X?");
        run("CURR2 1");
        assertEquals(List.of(-114, -114), errors);
    }

    @Test
    void stringsBooleansAndCharacterData() {
        run(":SENS:FUNC \"VOLT\";FUNC 'CURR''X'");
        run("OUTP ON;OUTP 0;OUTP 1;OUTP off;OUTP 0.4");
        run("FORM REAL,32;FORM asc");
        assertEquals(List.of("func=VOLT", "func=CURR'X", "out=true", "out=false", "out=true", "out=false",
                "out=false", "form=1,32", "form=0"), calls);
        assertEquals(List.of(), errors);
    }

    @Test
    void blocksAndNonDecimalNumbers() {
        run("BLOCK #15hello;BLOCK #0rest of it");
        run("LIST #H1F,#B101,#Q17");
        assertEquals(List.of("block=BLOCK", "block=BLOCK", "list=3"), calls);
        assertEquals(List.of(), errors);
    }

    @Test
    void binaryBlockMayContainTerminatorCharacters() {
        byte[] message = "BLOCK #13;x\u0001".getBytes(StandardCharsets.ISO_8859_1);
        Response r = new Response();
        interpreter.execute(message, 0, message.length, r);
        assertEquals(List.of("block=BLOCK"), calls);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FOO 1|-113", "SOUR:FOO 1|-113", "*IDN|-113", "*RST?|-113", "CURR|-109", "CURR 1,2|-108",
        "OUTP MAYBE|-224", "OUTP \"ON\"|-104", "SENS:FUNC VOLT|-104", "CURR \"1\"|-104", "CURR 1 V|-131",
        "CURR 1 KHZ|-131", "OUTP 1 V|-138", "CURR 1.2.3|-121", "CURR 1e|-131", "SOUR::CURR 1|-102",
        "SOUR:CURR 1,,2|-109", "SOUR:CURR 1,|-109", "LIST 1 2|-103", "SENS:FUNC 'VOLT|-151",
        "BLOCK #5123|-161", "BLOCK #x|-161", "LIST (1,2|-170", "CURR +|-120", "VERYLONGMNEMONICNAME 1|-112",
        "LIST ABCDEFGHIJKLMNOP|-144", "CURR 1e999|-123", "?|-102", ":|-102", "CURR? 1|-108", "LIST #Hxyz|-121"})
    void malformedInputGivesTheStandardError(String message, int code) {
        assertEquals("", run(message));
        assertEquals(List.of(code), errors, message);
    }

    @Test
    void commandErrorDiscardsTheRestButExecutionErrorDoesNot() {
        run("FOO;CURR 1");
        assertEquals(List.of(), calls);
        assertEquals("+2.000000E+06\n", run("FAIL;:FREQ:SPAN?"));
        assertEquals(List.of(-113, -222), errors);
    }

    @Test
    void aFailingQueryLeavesNoPartialReply() {
        tree.add(":HALF?", c -> {
            c.reply().ascii("partial");
            throw ScpiError.SETTINGS_CONFLICT.exception();
        });
        assertEquals("ACME,1,EMU-1,1\n", run("*IDN?;:HALF?"));
        assertEquals(List.of(-221), errors);
    }

    @Test
    void handlerBugsBecomeExecutionErrors() {
        run("BOOM;CURR 1");
        assertEquals(List.of(-200), errors);
        assertEquals(List.of("curr=1.0"), calls);
    }

    @Test
    void emptyUnitsAndWhitespaceAreTolerated() {
        assertEquals("", run("  CURR 1 ;; ; "));
        assertEquals("", run(""));
        assertEquals(List.of(), errors);
    }

    @Test
    void randomBytesNeverThrow() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 20000; i++) {
            byte[] b = new byte[rng.nextInt(40)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) (rng.nextInt(4) == 0 ? "CURR:;,?*#'\" 1eE.+-"
                        .charAt(rng.nextInt(19)) : rng.nextInt(256));
            }
            interpreter.execute(b, 0, b.length, new Response());
        }
        assertTrue(errors.stream().allMatch(c -> c < 0 && c > -500), "only standard codes: " + errors);
    }
}
