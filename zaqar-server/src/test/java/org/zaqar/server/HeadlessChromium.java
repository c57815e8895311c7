package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver. Both paths are given, so
 * Selenium Manager never looks for (or downloads) a browser or a driver. Tests skip when the
 * packages are missing, unless {@code ZAQAR_TEST_REQUIRE_BROWSER=1} (set by CI, which installs them).
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a browser with a fresh profile in {@code profile}; skips the test when there is none to start. */
    static HeadlessChromium start(Path profile) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "1".equals(System.getenv("ZAQAR_TEST_REQUIRE_BROWSER"))) {
            fail("ZAQAR_TEST_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits for an element to be there, and returns it. */
    WebElement find(String css) {
        return waitFor("an element matching " + css, () -> driver.findElement(By.cssSelector(css)));
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    void click(String css) {
        find(css).click();
    }

    /** Waits until the text of the element matching {@code css} is {@code expected}. */
    void awaitText(String css, String expected) {
        waitFor("'" + expected + "' in " + css, () -> {
            String text = driver.findElement(By.cssSelector(css)).getText().strip();
            return text.equals(expected) ? text : null;
        });
    }

    /** Polls {@code probe} until it returns non-null; fails naming {@code what} and the page's notice. */
    <T> T waitFor(String what, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (NoSuchElementException | StaleElementReferenceException | NoAlertPresentException e) {
                // Not rendered yet, or re-rendered under us: look again.
            }
            if (Instant.now().isAfter(deadline)) {
                fail("waited " + PATIENCE.toSeconds() + " s for " + what + "; the page's notice says '"
                        + driver.findElement(By.id("notice")).getText() + "'");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Accepts the page's confirm() dialog. */
    void confirm() {
        waitFor("a confirm dialog", () -> driver.switchTo().alert()).accept();
    }

    ChromeDriver driver() {
        return driver;
    }

    /** A PNG of the whole page: the window grows to the page's height for the shot. */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Dimension window = driver.manage().window().getSize();
        long height = (Long) driver.executeScript("window.scrollTo(0, 0); "
                + "return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 140, 4000)));
        try {
            File png = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
