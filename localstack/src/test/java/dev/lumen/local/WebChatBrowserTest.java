package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.Ids;
import dev.lumen.local.EndToEndTest.Reply;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page at {@code /} driven in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) against the shared runner: everything the page shows comes from real
 * API calls, and each step is checked again through the API. Skipped, saying what is missing, where
 * the browser or its driver is not installed ({@code .ci/run} installs them).
 */
@ExtendWith(LocalRunner.class)
class WebChatBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String USER = "dev-user";

    private static WebDriver browser;
    private static Path profile;

    /**
     * In {@code @BeforeEach}, not {@code @BeforeAll}: an assumption failing there marks the test
     * skipped with its reason in the report, where a class-level one leaves "0 tests run" and no reason.
     */
    @BeforeEach
    void startBrowser() throws IOException {
        if (browser != null) {
            return;
        }
        Optional<Path> chromium = executable("CHROME_BIN", "chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = executable("CHROMEDRIVER", "chromedriver");
        assumeTrue(chromium.isPresent(), "Chromium is not installed (apt-get install chromium, or set CHROME_BIN)");
        assumeTrue(driver.isPresent(), "chromedriver is not installed (apt-get install chromium-driver, or set CHROMEDRIVER)");
        profile = Files.createTempDirectory("lumen-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.get().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1280,1000", "--lang=en-GB", "--user-data-dir=" + profile);
        // Both paths given: Selenium Manager (which would go to the network) is never asked.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void a_person_creates_a_persona_moves_a_trait_chats_and_sees_citations_an_escalation_and_recalled_memories() {
        String creatorId = "web-coach-" + Ids.random();
        String personaId = "web-remy-" + Ids.random();
        // GIVEN a creator whose guide is being ingested (the API, as a creator's tool would upload it)
        assertThat(call("PUT", "/api/creators/" + creatorId, "{\"name\": \"Dr. Rest\", \"expertise\": \"sleep\"}").status())
                .isEqualTo(200);
        Reply uploaded = call("POST", "/api/creators/" + creatorId + "/documents", """
                {"documentId": "sleep-guide", "title": "Sleep hygiene", "contentType": "markdown",
                 "content": "# Sleep hygiene\\n\\nKeep a fixed wake-up time, even at weekends.\\n\\nStop caffeine after 2 pm. Caffeine has a half-life of about five hours, so an afternoon coffee is still in your blood at bedtime."}""");
        assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(202);

        // WHEN the page is opened
        browser.get(LocalRunner.baseUrl() + "/");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        assertThat(browser.getTitle()).isEqualTo("Lumen chat (local)");

        // AND an unknown persona is loaded: the API's error is shown, code and message
        type("persona-id", "nobody-" + Ids.random());
        browser.findElement(By.id("load-persona")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).startsWith("404 ").contains("nobody-");

        // AND a persona of that creator is created through the form
        browser.findElement(By.cssSelector("#create-details summary")).click();
        type("new-name", "Remy");
        type("new-id", personaId);
        type("new-creator", creatorId);
        browser.findElement(By.id("create-persona")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("persona")));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).as("the error is cleared").isFalse();
        assertThat(browser.findElement(By.id("persona-summary")).getText()).contains("Remy", personaId, creatorId);
        Reply created = call("GET", "/api/personas/" + personaId, null);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().path("creatorId").asText()).isEqualTo(creatorId);

        // THEN its traits are sliders with labels; moving one to 0 saves it through the API
        List<WebElement> sliders = browser.findElements(By.cssSelector("#trait-list input[type=range]"));
        assertThat(sliders).hasSize(created.body().path("traits").size()).isNotEmpty();
        WebElement curiosity = browser.findElement(By.id("trait-curiosity"));
        assertThat(browser.findElement(By.cssSelector("label[for=trait-curiosity]")).getText()).isEqualTo("Curiosity (core)");
        assertThat(traitIntensity(personaId, "curiosity")).isGreaterThan(0.0);
        curiosity.sendKeys(Keys.HOME);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("trait-status"), "Curiosity is now 0.00"));
        assertThat(traitIntensity(personaId, "curiosity")).isEqualTo(0.0);
        assertThat(browser.findElement(By.id("trait-curiosity-value")).getText()).isEqualTo("0.00");
        assertThat(browser.findElement(By.cssSelector("label[for=trait-curiosity]")).getText())
                .as("changed, the core trait is the persona's own copy").isEqualTo("Curiosity");

        // WHEN, the guide indexed, a question it answers is sent
        assertThat(LocalRunner.runner().queues().awaitDrained("IngestQueue", Duration.ofMinutes(2))).isTrue();
        assertThat(call("GET", "/api/creators/" + creatorId + "/documents/sleep-guide", null).body().path("status").asText())
                .isEqualTo("INDEXED");
        send("When should I stop caffeine in the afternoon?");

        // THEN the reply appears, in the live region, with its citation and the recalled-memory count
        WebElement first = awaitReply(wait, 1);
        assertThat(browser.findElement(By.id("transcript")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(first.findElement(By.className("text")).getText()).contains("Remy", "[1]");
        assertThat(first.findElements(By.className("citation"))).extracting(WebElement::getText)
                .anySatisfy(citation -> assertThat(citation).isEqualTo("[1] Sleep hygiene"));
        assertThat(first.findElement(By.className("memories")).getText()).contains("recalled");
        assertThat(first.findElements(By.className("escalation"))).isEmpty();
        String sessionId = browser.findElement(By.id("session-id")).getText();
        assertThat(sessionId).isNotEqualTo("new");

        // WHEN a message the crisis detector rates HIGH is sent in the same session
        send("I have pills saved up and I am going to end my life tonight.");

        // THEN the reply carries the escalation notice, as an alert, styled by the page's own CSS
        WebElement second = awaitReply(wait, 2);
        WebElement notice = second.findElement(By.className("escalation"));
        assertThat(notice.getText()).contains("Escalated for human follow-up", "severity HIGH");
        assertThat(notice.getAttribute("role")).isEqualTo("alert");
        assertThat(notice.getCssValue("font-weight")).isEqualTo("700");
        assertThat(browser.findElement(By.id("session-id")).getText()).as("the session is kept").isEqualTo(sessionId);

        // AND the API has the escalation for this persona and session, and both turns in the session
        JsonNode open = call("GET", "/api/escalations?status=open&limit=100", null).body().path("escalations");
        assertThat(open).anySatisfy(e -> {
            assertThat(e.path("personaId").asText()).isEqualTo(personaId);
            assertThat(e.path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(e.path("severity").asText()).isEqualTo("HIGH");
            assertThat(notice.getText()).contains(e.path("escalationId").asText());
        });
        JsonNode messages = call("GET", "/api/sessions/" + sessionId + "/messages?personaId=" + personaId, null)
                .body().path("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0).path("userId").asText()).isEqualTo(USER);

        // WHEN, the turns remembered, a new session asks about the same thing
        assertThat(LocalRunner.runner().queues().awaitDrained("InteractionsQueue", Duration.ofMinutes(2))).isTrue();
        browser.findElement(By.id("new-session")).click();
        assertThat(browser.findElements(By.cssSelector("#transcript li"))).isEmpty();
        send("Is an espresso after lunch too late for caffeine?");

        // THEN the reply lists the memories it recalled, the earlier caffeine question among them
        WebElement recalled = awaitReply(wait, 1);
        assertThat(browser.findElement(By.id("session-id")).getText()).isNotIn("new", sessionId);
        assertThat(recalled.findElement(By.className("memories")).getText()).containsPattern("[1-5] memor(y|ies) recalled");
        assertThat(recalled.findElements(By.className("memory"))).extracting(WebElement::getText)
                .anySatisfy(memory -> assertThat(memory).contains("When should I stop caffeine in the afternoon?"));
        screenshot();
    }

    /** {@code -Dlumen.web.screenshot=/path/page.png} keeps a picture of the page as the test left it. */
    private static void screenshot() {
        String target = System.getProperty("lumen.web.screenshot");
        if (target != null && !target.isBlank()) {
            try {
                Files.write(Path.of(target), ((org.openqa.selenium.TakesScreenshot) browser)
                        .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static void send(String message) {
        type("message", message);
        browser.findElement(By.id("send")).click();
    }

    private static WebElement awaitReply(WebDriverWait wait, int count) {
        By replies = By.cssSelector("#transcript li.turn.assistant");
        wait.until(ExpectedConditions.numberOfElementsToBe(replies, count));
        assertThat(browser.findElement(By.id("error")).isDisplayed())
                .as("no error: %s", browser.findElement(By.id("error")).getText()).isFalse();
        return browser.findElements(replies).get(count - 1);
    }

    private static void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static double traitIntensity(String personaId, String traitId) {
        Reply persona = call("GET", "/api/personas/" + personaId, null);
        for (JsonNode trait : persona.body().path("traits")) {
            if (trait.path("id").asText().equals(traitId)) {
                return trait.path("intensity").asDouble();
            }
        }
        throw new AssertionError("no trait " + traitId + " in " + persona.body());
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
     * Held so the levels stick (java.util.logging keeps loggers weakly). The test needs no DevTools
     * bindings, so the warning that none match this Chromium is noise.
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
