package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.ServedBench;
import io.spinloop.emulator.instruments.MagnetEvent;
import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SpectrumMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * {@code measure map --live} over the field (a child JVM on a served emulated bench) in headless Chromium: the colour
 * maps fill as the points come and hold every point of the file at the end, the panel shows the field and the
 * magnet; Stop leaves the source and the magnet at 0 A with their outputs off and a file that {@code --resume}
 * completes.
 */
class MapLiveBrowserTest {
    private static final int POINTS = 3 * 21;

    @TempDir
    Path dir;

    private static ChildSpinloop liveMap(Path config, Path out, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("measure", "map", "--config", config.toString(), "--device",
                "stno-a", "--out", out.toString(), "--from", "0", "--to", "2e-3", "--step", "1e-4", "--field-from",
                "0.0069", "--field-to", "0.0149", "--field-step", "0.004", "--live"));
        args.addAll(List.of(more));
        return ChildSpinloop.start(args.toArray(String[]::new));
    }

    @Test
    void theMapFillsAsItIsMeasuredAndHoldsEveryPointOfTheFile() throws Exception {
        Path out = dir.resolve("map.h5");
        try (ServedBench served = ServedBench.start(dir);
             HeadlessChromium chrome = HeadlessChromium.start(dir.resolve("profile"));
             ChildSpinloop child = liveMap(served.configWith("    settle_s:", "    settle_s: 0.02"), out)) {
            chrome.driver().get(LiveViewBrowserTest.liveUrl(child));
            long first = chrome.await(d -> {
                long n = chrome.number("return window.spinloop.pointsDrawn");
                return n > 0 ? n : null;
            });
            long later = chrome.await(d -> {
                long n = chrome.number("return window.spinloop.pointsDrawn");
                return n > first ? n : null;
            });
            assertTrue(later > first);
            assertTrue(chrome.driver().findElement(By.id("fields")).getText().contains("bop-a"),
                    "the panel shows the magnet while the map runs");
            chrome.await(d -> Boolean.TRUE.equals(chrome.js("return window.spinloop.ended")));
            assertTrue(child.process().waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, child.process().exitValue(), child.log());
            SpectrumMap m = MeasurementFile.open(out).maps().get(0);
            assertEquals(POINTS, m.points(), child.log());
            assertEquals(POINTS, chrome.number("return window.spinloop.pointsDrawn"), "every point of the file drawn");
            assertEquals(POINTS, chrome.number("return window.spinloop.mapCells"), "one coloured cell per point");
            assertEquals(POINTS, chrome.number("return Number(document.getElementById('map-f').dataset.cells)"));
            // a drawn cell is coloured on the canvas: the top row (the last field) at the left edge
            assertEquals(255L, chrome.number("return document.querySelector('#map-p canvas').getContext('2d')"
                    + ".getImageData(2, 2, 1, 1).data[3]"));
            assertTrue(chrome.driver().findElement(By.id("plot-row-p")).getText().contains("14.90 mT"),
                    chrome.driver().findElement(By.id("plot-row-p")).getText());
            String panel = chrome.driver().findElement(By.id("fields")).getText();
            assertTrue(panel.contains("bop-a") && panel.contains("off"), "the magnet ramped down and off: " + panel);
            assertTrue(chrome.driver().findElement(By.id("plot-spectrum")).isDisplayed(), "the spectrum now");
        }
    }

    @Test
    void stopEndsTheMapWithSourceAndMagnetAtZeroAndAFileThatResumes() throws Exception {
        Path out = dir.resolve("stopped.h5");
        try (ServedBench served = ServedBench.start(dir);
             HeadlessChromium chrome = HeadlessChromium.start(dir.resolve("profile"))) {
            Path config = served.configWith("    settle_s:", "    settle_s: 0.05");
            try (ChildSpinloop child = liveMap(config, out)) {
                chrome.driver().get(LiveViewBrowserTest.liveUrl(child));
                chrome.await(d -> chrome.number("return window.spinloop.pointsDrawn") >= 5);
                chrome.driver().findElement(By.id("stop")).click();
                assertTrue(child.process().waitFor(90, TimeUnit.SECONDS), "the map stops");
                String log = child.drain();
                assertEquals(130, child.process().exitValue(), "the exit code of an interrupted run\n" + log);
                chrome.await(d -> Boolean.TRUE.equals(chrome.js("return window.spinloop.ended")));
                assertEquals(130L, chrome.number("return window.spinloop.exit"));
            }
            List<SourceEvent> source = served.emulator().history("smu-a");
            SourceEvent last = source.get(source.size() - 1);
            assertFalse(last.outputOn(), "source output off: " + last);
            assertEquals(0.0, last.flowingCurrent(), 1e-12, "no source current: " + last);
            ServedBench.assertNoStepAbove(ServedBench.STEP_LIMIT_A, source);
            List<MagnetEvent> magnet = served.emulator().magnetHistory("bop-a");
            MagnetEvent lastMagnet = magnet.get(magnet.size() - 1);
            assertFalse(lastMagnet.outputOn(), "magnet output off: " + lastMagnet);
            assertEquals(0.0, lastMagnet.level(), 1e-12, "magnet ramped to zero: " + lastMagnet);
            SpectrumMap stopped = MeasurementFile.open(out).maps().get(0); // read and checked to its end
            assertTrue(stopped.points() >= 5 && stopped.points() < POINTS, "stopped midway: " + stopped.points());
            assertFalse(stopped.complete());
            H5dump.assertValid(out);
            Cli.Result resumed = Cli.run("measure", "map", "--config", config.toString(), "--device", "stno-a",
                    "--out", out.toString(), "--from", "0", "--to", "2e-3", "--step", "1e-4", "--field-from", "0.0069",
                    "--field-to", "0.0149", "--field-step", "0.004", "--resume", "--quiet");
            assertEquals(0, resumed.exit(), resumed.err());
            SpectrumMap done = MeasurementFile.open(out).maps().get(0);
            assertTrue(done.complete());
            assertEquals(POINTS, done.points());
        }
    }
}
