package io.platform.etl.rules.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through chromedriver, both from the system (Debian {@code chromium}, {@code
 * chromium-driver}; {@code CHROMIUM_BINARY} / {@code CHROMEDRIVER} override the paths), with a fresh profile each,
 * so nothing (no Keycloak session) carries over from one browser to the next. Screenshots go to
 * {@code browser.screenshots} (set by Maven to {@code target/screenshots}).
 */
public final class Browser implements AutoCloseable {

    /** How long a page may take to show what a step waits for; generous for a busy two-core machine. */
    public static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final int SCREENSHOT_ATTEMPTS = 3;

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    public static Browser start() {
        Path chromium = Path.of(env("CHROMIUM_BINARY", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
        for (Path binary : new Path[] {chromium, chromedriver}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " not found: apt-get install -y chromium chromium-driver"
                        + " (.ci/run does this)");
            }
        }
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(chromium.toFile())
                    .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--disable-dev-shm-usage", "--window-size=1280,1400", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
            Path screenshots = Files.createDirectories(Path.of(System.getProperty("browser.screenshots",
                    "target/screenshots")));
            return new Browser(new ChromeDriver(service, options), profile, screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait await() {
        return new WebDriverWait(driver, STEP_TIMEOUT);
    }

    /** Saves what the browser shows as {@code <name>.png} and returns the file (absent if chromedriver timed out). */
    public Path screenshot(String name) {
        Path target = screenshots.resolve(name + ".png");
        try {
            Files.copy(capture(SCREENSHOT_ATTEMPTS).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (org.openqa.selenium.TimeoutException e) {
            // Evidence, not the check: the steps assert on the page itself, so a renderer that will not paint a
            // screenshot leaves a gap in target/screenshots rather than failing the behaviour under test.
            System.err.println("screenshot " + name + " skipped: " + e.getMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * chromedriver gives the renderer a fixed 10 s per screenshot; on a machine shared by several builds (load 30)
     * that was seen to run out once, so a screenshot is tried again before the step fails.
     */
    private java.io.File capture(int attempts) {
        try {
            return driver.getScreenshotAs(OutputType.FILE);
        } catch (org.openqa.selenium.TimeoutException e) {
            if (attempts <= 1) {
                throw e;
            }
            return capture(attempts - 1);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
