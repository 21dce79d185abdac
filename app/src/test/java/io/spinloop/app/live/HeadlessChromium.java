package io.spinloop.app.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, with a fresh profile and nothing that talks to the internet
 * on its own (no component updates, sync or background networking). Never a downloaded browser or driver: a test is
 * skipped, with the reason, where {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is absent.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts the browser with its profile in {@code profile}, or skips the test when it is not installed. */
    static HeadlessChromium start(Path profile) throws Exception {
        assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "needs Debian's chromium and chromium-driver (" + BROWSER + ", " + DRIVER + "): apt-get install -y "
                        + "chromium chromium-driver, as .ci/run does");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(BROWSER.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createDirectories(profile).toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, o));
    }

    WebDriver driver() {
        return driver;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    long number(String script) {
        Object v = js(script);
        return v == null ? -1 : ((Number) v).longValue();
    }

    /** Waits (generously: the machine is shared) until {@code condition} holds. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(90), Duration.ofMillis(50)).until(condition);
    }

    /** Every URL the page requested so far, from the browser's own network log. */
    List<String> requestedUrls() {
        List<String> urls = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            String m = e.getMessage();
            if (m.contains("\"Network.requestWillBeSent\"")) {
                Map<?, ?> message = (Map<?, ?>) parse(m).get("message");
                Map<?, ?> params = (Map<?, ?>) message.get("params");
                urls.add((String) ((Map<?, ?>) params.get("request")).get("url"));
            }
        }
        return urls;
    }

    private static Map<?, ?> parse(String json) {
        try {
            return io.spinloop.app.cli.JsonOutput.mapper().readValue(json, Map.class);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
