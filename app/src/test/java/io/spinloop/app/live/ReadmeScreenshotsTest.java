package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.ServedBench;
import io.spinloop.app.TestBenches;
import io.spinloop.app.demo.DemoCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * The README's screenshots of the live view and the run catalog, taken in headless Chromium: run with
 * {@code -Dspinloop.screenshots=docs/img} (a folder, relative to the repository root). Not part of a normal build.
 */
@EnabledIfSystemProperty(named = "spinloop.screenshots", matches = ".+")
class ReadmeScreenshotsTest {
    @TempDir
    Path dir;

    private static void shoot(HeadlessChromium chrome, String name) throws Exception {
        chrome.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1480, 1100));
        Path to = TestBenches.repoRoot().resolve(System.getProperty("spinloop.screenshots")).resolve(name);
        Files.createDirectories(to.getParent());
        Path png = ((TakesScreenshot) chrome.driver()).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, to, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void liveSweepChipInTheLoopAndRunCatalog() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        try (ServedBench served = ServedBench.start(dir);
             HeadlessChromium chrome = HeadlessChromium.start(dir.resolve("profile"))) {
            // a sweep half done
            try (ChildSpinloop c = ChildSpinloop.start("measure", "sweep", "--config", served.config().toString(),
                    "--device", "stno-a", "--out", runs.resolve("sweep-stno-a.h5").toString(), "--from", "0", "--to",
                    "3e-3", "--step", "1e-5", "--live")) {
                chrome.driver().get(LiveViewBrowserTest.liveUrl(c));
                chrome.await(d -> chrome.number("return window.spinloop.pointsDrawn") >= 200);
                shoot(chrome, "live-sweep.png");
                assertTrue(c.process().waitFor(5, TimeUnit.MINUTES));
            }
            Cli.Result b = Cli.run("measure", "sweep", "--config", served.config().toString(), "--device", "stno-b",
                    "--out", runs.resolve("sweep-stno-b.h5").toString(), "--quiet");
            assertEquals(0, b.exit(), b.err());
            // chip in the loop, on the twins and weights of a quick demo
            String bench = TestBenches.defaultBench().toString();
            Path demo = dir.resolve("demo");
            assertEquals(0, Cli.run("demo", "--quick", "--config", bench, "--out", demo.toString()).exit());
            try (ChildSpinloop c = ChildSpinloop.start("chip-train", "--config", bench, "--weights",
                    demo.resolve(DemoCommand.WEIGHTS).toString(), "--twins", demo.toString(), "--out",
                    dir.resolve("chip").toString(), "--epochs", "6", "--live")) {
                chrome.driver().get(LiveViewBrowserTest.liveUrl(c));
                chrome.await(d -> chrome.number("return window.spinloop.epochs") >= 8);
                shoot(chrome, "live-chip-train.png");
                chrome.driver().findElement(By.id("stop")).click(); // enough for the picture: stop it safely
                assertTrue(c.process().waitFor(5, TimeUnit.MINUTES));
            }
            Files.copy(demo.resolve("characterise.h5"), runs.resolve("demo-characterise.h5"));
            try (LiveServer s = LiveServer.forCatalog("127.0.0.1", 0, new RunCatalog(runs))) {
                chrome.driver().get(s.url());
                chrome.await(d -> chrome.number("return window.spinloop.runsListed || 0") == 3);
                var rows = chrome.driver().findElements(By.cssSelector("#runs tbody tr"));
                rows.get(2).findElement(By.cssSelector("input")).click();
                rows.get(1).click();
                chrome.await(d -> chrome.number("return document.querySelectorAll('#run-p .u-legend .u-series')"
                        + ".length") == 3);
                shoot(chrome, "run-catalog.png");
            }
        }
    }

    @Test
    void liveMapOverTheField() throws Exception {
        try (ServedBench served = ServedBench.start(dir);
             HeadlessChromium chrome = HeadlessChromium.start(dir.resolve("profile"));
             ChildSpinloop c = ChildSpinloop.start("measure", "map", "--config", served.config().toString(),
                     "--device", "stno-a", "--out", dir.resolve("map.h5").toString(), "--from", "0", "--to", "2e-3",
                     "--step", "5e-5", "--field-from", "0.0069", "--field-to", "0.0149", "--field-step", "0.001",
                     "--live")) {
            chrome.driver().get(LiveViewBrowserTest.liveUrl(c));
            // a map about two thirds done
            chrome.await(d -> chrome.number("return window.spinloop.pointsDrawn") >= 240);
            shoot(chrome, "live-map.png");
            chrome.driver().findElement(By.id("stop")).click(); // enough for the picture: stop it safely
            assertTrue(c.process().waitFor(5, TimeUnit.MINUTES));
        }
    }
}
