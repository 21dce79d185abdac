package io.spinloop.app.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sequential digits on the emulated bench, end to end on --quick sizes, and refused input. */
class ChipDigitsStudyCommandTest {

    @Test
    void quickRunClassifiesOnTheChipFarAboveChance() {
        Cli.Result r = Cli.run("study", "chip-digits", "--quick", "--seeds", "1", "--config",
                TestBenches.defaultBench().toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("| twin-trained, noise-aware |"), r.out());
        assertTrue(r.err().contains("chip epoch 1:"), "chip-in-the-loop ran: " + r.err());
        Matcher m = Pattern.compile("\\| twin-trained, noise-aware \\| [^|]+\\| [^|]+\\| ([0-9.]+) ").matcher(r.out());
        assertTrue(m.find(), r.out());
        double chip = Double.parseDouble(m.group(1));
        // 40 test images after 3 epochs on 60: chance is 0.1; the quick run reaches about 0.5
        assertTrue(chip > 0.3, "chip accuracy " + chip + "\n" + r.out());
        assertTrue(r.out().contains("list points"), r.out());
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        Cli.Result r = Cli.run("study", "chip-digits", "--quick", "--mismatch", "1.5", "--config",
                TestBenches.defaultBench().toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--mismatch"), r.err());
        Cli.Result t = Cli.run("study", "chip-digits", "--quick", "--twin", "lstm", "--config",
                TestBenches.defaultBench().toString());
        assertEquals(2, t.exit(), t.err());
        assertTrue(t.err().contains("--twin"), t.err());
    }
}
