package dev.lumen.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its {@code chromedriver}, for the browser tests of the
 * chat page; one per test class. {@link #start()} skips the calling test (with the reason) where the
 * browser or its driver is not installed ({@code .ci/run} installs both).
 */
final class HeadlessChromium implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Call it from {@code @BeforeEach}, not {@code @BeforeAll}: an assumption failing there marks the
     * test skipped with its reason in the report, where a class-level one leaves "0 tests run" and no reason.
     */
    static HeadlessChromium start() {
        Optional<Path> chromium = executable("CHROME_BIN", "chromium", "chromium-browser", "google-chrome");
        Optional<Path> chromedriver = executable("CHROMEDRIVER", "chromedriver");
        assumeTrue(chromium.isPresent(), "Chromium is not installed (apt-get install chromium, or set CHROME_BIN)");
        assumeTrue(chromedriver.isPresent(), "chromedriver is not installed (apt-get install chromium-driver, or set CHROMEDRIVER)");
        try {
            Path profile = Files.createTempDirectory("lumen-chromium-");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(chromium.get().toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--window-size=1280,1000", "--lang=en-GB", "--user-data-dir=" + profile);
            // Both paths given: Selenium Manager (which would go to the network) is never asked.
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.get().toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(WAIT);
            return new HeadlessChromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Sends every WebSocket handshake the pages of this browser make to a path the runner refuses
     * (404): a real failed handshake, as a proxy that does not pass WebSocket upgrades would cause.
     * DevTools' request blocking does not cover WebSocket handshakes, hence the script, which runs
     * before the page's own. Closing the returned handle lifts it for pages loaded after.
     */
    AutoCloseable failWebSockets() {
        Object added = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                (() => {
                  const Real = window.WebSocket;
                  function Failing(url, protocols) {
                    return new Real(String(url).replace(/[/]ws([?]|$)/, "/ws-refused$1"), protocols);
                  }
                  Failing.prototype = Real.prototype;
                  Object.assign(Failing, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
                  window.WebSocket = Failing;
                })();"""));
        Object identifier = ((Map<?, ?>) added).get("identifier");
        return () -> driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", identifier));
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first of the names found: an environment variable's path, else on the PATH. */
    private static Optional<Path> executable(String variable, String... names) {
        String given = System.getenv(variable);
        if (given != null && !given.isBlank() && Files.isExecutable(Path.of(given))) {
            return Optional.of(Path.of(given));
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Held so the levels stick (java.util.logging keeps loggers weakly). The tests need no DevTools
     * bindings (CDP commands go through chromedriver), so the warning that none match this Chromium is noise.
     */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            quiet("org.openqa.selenium", java.util.logging.Level.WARNING),
            quiet("org.openqa.selenium.devtools.CdpVersionFinder", java.util.logging.Level.SEVERE));

    private static java.util.logging.Logger quiet(String name, java.util.logging.Level level) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(level);
        return logger;
    }
}
