package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The training side of the live view in headless Chromium (child JVMs on the emulated bench): {@code train} with the
 * power-curve model draws its epochs and its Stop ends the run with exit 130; {@code calibrate} draws each device's
 * twin fan against its readings, and {@code deploy} its stages' test figures and forecasts.
 */
class TrainingLiveBrowserTest {
    @TempDir
    Path dir;

    @Test
    void powerCurveTrainingDrawsItsEpochsAndStopsFromThePage() throws Exception {
        Path out = dir.resolve("pc");
        try (HeadlessChromium chrome = HeadlessChromium.start(dir.resolve("profile"));
             ChildSpinloop child = ChildSpinloop.start("train", "--model", "power-curve", "--task", "spiral",
                     "--seeds", "1", "--epochs", "100000", "--oscillators", "4", "--out", out.toString(), "--live")) {
            chrome.driver().get(LiveViewBrowserTest.liveUrl(child));
            long first = chrome.await(d -> {
                long n = chrome.number("return window.spinloop.epochs");
                return n > 0 ? n : null;
            });
            chrome.await(d -> chrome.number("return window.spinloop.epochs") > first);
            assertTrue(chrome.driver().findElement(By.id("live-plots")).getText().contains("power-curve, seed 1: loss "
                    + "and test accuracy per epoch"), "the panel of the seed's curve");
            chrome.driver().findElement(By.id("stop")).click();
            assertTrue(child.process().waitFor(2, TimeUnit.MINUTES), "the run stops");
            String log = child.drain();
            assertEquals(130, child.process().exitValue(), log);
            chrome.await(d -> Boolean.TRUE.equals(chrome.js("return window.spinloop.ended")));
            assertEquals(130L, chrome.number("return window.spinloop.exit"), "the page says how it ended");
            assertFalse(Files.exists(out.resolve("epochs.csv")), "no seed finished, no CSV");
        }
    }

    @Test
    void calibrateDrawsTheTwinsFansAndDeployItsStagesFiguresAndForecasts() throws Exception {
        String bench = TestBenches.defaultBench().toString();
        Path cal = dir.resolve("cal");
        try (HeadlessChromium chrome = HeadlessChromium.start(dir.resolve("profile"))) {
            try (ChildSpinloop child = ChildSpinloop.start("calibrate", "--config", bench, "--quick", "--out",
                    cal.toString(), "--live")) {
                chrome.driver().get(LiveViewBrowserTest.liveUrl(child));
                chrome.await(d -> Boolean.TRUE.equals(chrome.js("return window.spinloop.ended")));
                assertEquals(0L, chrome.number("return window.spinloop.exit"), child.drain());
                assertEquals(3L, chrome.number("return window.spinloop.fans"), "a fan per device");
                assertEquals(3L, chrome.number("return document.querySelectorAll('[id^=plot-fan-] canvas').length"),
                        "each fan drawn");
            }
            Path weights = dir.resolve("weights.json");
            Cli.Result t = Cli.run("train-on-twin", "--twins", cal.toString(), "--quick", "--epochs", "2", "--out",
                    weights.toString());
            assertEquals(0, t.exit(), t.err());
            try (ChildSpinloop child = ChildSpinloop.start("deploy", "--config", bench, "--weights", weights.toString(),
                    "--twins", cal.toString(), "--out", dir.resolve("deploy").toString(), "--live")) {
                chrome.driver().get(LiveViewBrowserTest.liveUrl(child));
                chrome.await(d -> Boolean.TRUE.equals(chrome.js("return window.spinloop.ended")));
                assertEquals(0L, chrome.number("return window.spinloop.exit"), child.drain());
                assertEquals(2L, chrome.number("return window.spinloop.figures"), "the twin's and the chip's test MSE");
                assertTrue(chrome.driver().findElement(By.id("live-plots")).getText().contains("test MSE per stage"));
                assertEquals(2L, chrome.number("return window.spinloop.forecasts"), "the twin's and the chip's forecast");
                assertTrue(chrome.driver().findElement(By.id("live-plots")).getText()
                        .contains("forecast of the test set per stage"));
            }
        }
    }
}
