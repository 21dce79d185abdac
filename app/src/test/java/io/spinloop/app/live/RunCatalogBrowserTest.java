package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code spinloop data browse DIR} (a child JVM, as typed) in headless Chromium: the table lists the folder's runs
 * with their metadata, a click draws one from its HDF5 data, a tick overlays another's p(I).
 */
class RunCatalogBrowserTest {
    @TempDir
    Path dir;

    private void sweep(Path out, String to) {
        Cli.Result r = Cli.run("measure", "sweep", "--config", TestBenches.defaultBench().toString(), "--out",
                out.toString(), "--from", "0", "--to", to, "--step", "1e-4", "--quiet");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void browseListsTheRunsOfAFolderAndDrawsOneWithAnOverlay() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        sweep(runs.resolve("a.h5"), "3e-3");
        sweep(Files.createDirectories(runs.resolve("day2")).resolve("b.h5"), "2e-3");
        try (ChildSpinloop child = ChildSpinloop.start("data", "browse", runs.toString());
             HeadlessChromium chrome = HeadlessChromium.start(dir.resolve("profile"))) {
            String line = child.awaitLine(l -> l.contains("at http://"));
            chrome.driver().get(line.substring(line.indexOf("http://"), line.indexOf(" (Ctrl-C")));
            chrome.await(d -> chrome.number("return window.spinloop.runsListed || 0") == 2);
            List<WebElement> rows = chrome.driver().findElements(By.cssSelector("#runs tbody tr"));
            assertEquals(2, rows.size());
            assertEquals("a.h5", rows.get(0).getAttribute("data-name"));
            assertEquals("day2/b.h5", rows.get(1).getAttribute("data-name"));
            assertTrue(rows.get(0).getText().contains("stno-a"), "the device, from the file's attributes: "
                    + rows.get(0).getText());
            assertTrue(rows.get(0).getText().contains("31"), "its points: " + rows.get(0).getText());
            rows.get(0).click();
            chrome.await(d -> "a.h5".equals(chrome.js("return window.spinloop.runShown")));
            assertEquals(1L, chrome.number("return document.querySelectorAll('#run-p canvas').length"),
                    "p(I) drawn from the file");
            // uPlot draws the series it was given: the x axis, then one per run
            assertEquals(2L, chrome.number("return document.querySelectorAll('#run-p .u-legend .u-series').length"));
            rows.get(1).findElement(By.cssSelector("input")).click();
            chrome.await(d -> chrome.number("return document.querySelectorAll('#run-p .u-legend .u-series').length")
                    == 3);
            assertTrue(chrome.driver().findElement(By.id("run-p")).getText().contains("day2/b.h5"),
                    "the overlaid run is named in the legend");
        }
    }

    private void train(Path out, String epochs) {
        Cli.Result r = Cli.run("train", "--model", "ctrnn", "--layers", "1", "--neurons", "6", "--train-limit", "60",
                "--test-limit", "30", "--batch", "30", "--threads", "1", "--epochs", epochs, "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void browseListsTrainingRunsOverlaysTheirCurvesAndDrawsAMapsColourMaps() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        train(runs.resolve("train-a"), "2");
        train(runs.resolve("train-b"), "3");
        Cli.Result map = Cli.run("measure", "map", "--config", TestBenches.defaultBench().toString(), "--out",
                runs.resolve("map.h5").toString(), "--from", "0", "--to", "1e-3", "--step", "2.5e-4", "--rows", "2",
                "--quiet");
        assertEquals(0, map.exit(), map.err());
        try (ChildSpinloop child = ChildSpinloop.start("data", "browse", runs.toString());
             HeadlessChromium chrome = HeadlessChromium.start(dir.resolve("profile"))) {
            String line = child.awaitLine(l -> l.contains("at http://"));
            chrome.driver().get(line.substring(line.indexOf("http://"), line.indexOf(" (Ctrl-C")));
            // the training runs' checkpoints (weights.h5) are theirs, not runs of their own
            chrome.await(d -> chrome.number("return window.spinloop.runsListed || 0") == 3);
            List<WebElement> rows = chrome.driver().findElements(By.cssSelector("#runs tbody tr"));
            assertEquals("map.h5", rows.get(0).getAttribute("data-name"));
            assertEquals("train-a/metrics.json", rows.get(1).getAttribute("data-name"));
            assertEquals("train-b/metrics.json", rows.get(2).getAttribute("data-name"));
            String a = rows.get(1).getText();
            assertTrue(a.contains("training") && a.contains("ctrnn") && a.contains("train"), a);
            assertTrue(rows.get(2).getText().contains("3"), "its epochs: " + rows.get(2).getText());
            assertTrue(rows.get(0).getText().contains("map") && rows.get(0).getText().contains("10"),
                    "a map of 5 x 2 points: " + rows.get(0).getText());
            rows.get(1).click();
            chrome.await(d -> "train-a/metrics.json".equals(chrome.js("return window.spinloop.runShown")));
            assertEquals(2L, chrome.number("return document.querySelectorAll('#run-loss .u-legend .u-series')"
                    + ".length"), "epoch axis and one loss curve");
            rows.get(2).findElement(By.cssSelector("input")).click();
            chrome.await(d -> chrome.number("return document.querySelectorAll('#run-loss .u-legend .u-series')"
                    + ".length") == 3);
            assertEquals(3L, chrome.number("return document.querySelectorAll('#run-figure .u-legend .u-series')"
                    + ".length"), "the test accuracy overlaid too");
            assertTrue(chrome.driver().findElement(By.id("run-loss")).getText().contains("train-b/metrics.json"));
            rows.get(0).click();
            chrome.await(d -> "map.h5".equals(chrome.js("return window.spinloop.runShown")));
            assertEquals(10L, chrome.number("return Number(document.getElementById('run-map-p-0').dataset.cells)"),
                    "one cell per point of the map, from the file");
            assertEquals(10L, chrome.number("return Number(document.getElementById('run-map-f-0').dataset.cells)"));
            assertEquals(255L, chrome.number("return document.querySelector('#run-map-p-0 canvas').getContext('2d')"
                    + ".getImageData(2, 2, 1, 1).data[3]"), "the colour map is drawn");
        }
    }
}
