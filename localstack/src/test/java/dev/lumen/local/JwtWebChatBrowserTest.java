package dev.lumen.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in headless Chromium against the runner with {@code LUMEN_AUTH=jwt} (the
 * {@link JwtRunner}, in the jwt-runner JVM): without a token the page says to sign in; with a
 * creator's token it lists that creator's personas only, loads one and chats over the WebSocket
 * with the token on the handshake. Tokens are minted as {@code mint-token} does.
 */
@Tag("jwt-runner")
@ExtendWith(JwtRunner.class)
class JwtWebChatBrowserTest {
    private static final Duration WAIT = HeadlessChromium.WAIT;
    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void startBrowser() {
        if (chromium == null) {
            chromium = HeadlessChromium.start();
            browser = chromium.driver();
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void without_a_token_the_page_asks_for_one_and_with_a_creators_token_it_lists_loads_and_chats() throws Exception {
        // GIVEN a persona of creator A and one of creator B, created through the API with their tokens
        String creatorA = "jwt-web-a-" + Ids.random();
        String creatorB = "jwt-web-b-" + Ids.random();
        String personaA = "jwt-pa-" + Ids.random();
        String personaB = "jwt-pb-" + Ids.random();
        assertThat(create(personaA, "Aria", creatorA)).isEqualTo(201);
        assertThat(create(personaB, "Bruno", creatorB)).isEqualTo(201);

        // WHEN the page is opened without a token
        openWithoutAToken();
        WebDriverWait wait = new WebDriverWait(browser, WAIT);

        // THEN it says the runner needs a token, lists nothing, and the WebSocket was refused
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).startsWith("401 unauthenticated")
                .contains("This runner needs a token (LUMEN_AUTH=jwt): paste one into \"Bearer token\"");
        assertThat(browser.findElements(By.cssSelector("#persona-list .persona-pick"))).isEmpty();
        wait.until(ExpectedConditions.attributeToBe(By.id("transport"), "data-transport", "http"));

        // WHEN creator A's token is pasted
        String token = JwtRunner.token("jwt-web-ann-" + Ids.random(), "creator", creatorA);
        browser.findElement(By.id("token")).sendKeys(token, Keys.ENTER);

        // THEN the error goes, the socket opens with the token, and only A's persona is listed
        wait.until(ExpectedConditions.textToBe(By.id("transport"), "live (WebSocket)"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("persona-list-status"), creatorA));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(picks()).containsExactly(personaA);
        assertThat(browser.findElement(By.id("user-id")).getAttribute("value")).startsWith("jwt-web-ann-");
        // AND the token is kept for the tab: a reload needs no pasting
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('lumen.token')")).isEqualTo(token);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("persona-list-status"), creatorA));
        assertThat(browser.findElement(By.id("token")).getAttribute("value")).isEqualTo(token);
        assertThat(picks()).containsExactly(personaA);

        // WHEN A's persona is picked and a message sent
        browser.findElement(By.cssSelector("#persona-list .persona-pick")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("persona-summary"), personaA));
        assertThat(browser.findElements(By.cssSelector("#trait-list input[type=range]"))).isNotEmpty();
        wait.until(ExpectedConditions.textToBe(By.id("transport"), "live (WebSocket)"));
        browser.findElement(By.id("message")).sendKeys("Hello Aria, can you help me focus?");
        browser.findElement(By.id("send")).click();

        // THEN the reply comes over the WebSocket, as the token's user
        WebElement reply = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#transcript li.turn.assistant")));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).as(browser.findElement(By.id("error")).getText()).isFalse();
        assertThat(reply.getAttribute("data-transport")).isEqualTo("websocket");
        assertThat(reply.findElement(By.className("text")).getText()).contains("Aria");
        String sessionId = browser.findElement(By.id("session-id")).getText();
        HttpResponse<String> messages = get("/api/sessions/" + sessionId + "/messages?personaId=" + personaA,
                JwtRunner.bearer("jwt-web-admin", "admin", null));
        assertThat(messages.statusCode()).isEqualTo(200);
        assertThat(messages.body()).contains("\"userId\":\"" + browser.findElement(By.id("user-id")).getAttribute("value") + "\"");
    }

    @Test
    void a_creator_cannot_list_another_creators_personas() throws Exception {
        // GIVEN creator B's persona, and the page signed in as creator C
        String creatorB = "jwt-web-b-" + Ids.random();
        assertThat(create("jwt-pb-" + Ids.random(), "Bruno", creatorB)).isEqualTo(201);
        openWithoutAToken();
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        String creatorC = "jwt-web-c-" + Ids.random();
        browser.findElement(By.id("token")).sendKeys(JwtRunner.token("jwt-web-eve-" + Ids.random(), "creator", creatorC), Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("persona-list-status"), "has no personas yet"));
        assertThat(picks()).isEmpty();

        // WHEN it asks for B's list
        browser.findElement(By.id("list-creator")).sendKeys(creatorB);
        browser.findElement(By.id("refresh-personas")).click();

        // THEN 403, said plainly, and nothing of B's is shown
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).startsWith("403 forbidden").contains("belongs to another user or creator");
        assertThat(picks()).isEmpty();
        assertThat(browser.findElement(By.id("persona-list-status")).getText()).isEqualTo("The list could not be loaded.");
    }

    /** The page, with nothing kept from an earlier test in this tab. */
    private static void openWithoutAToken() {
        browser.get(JwtRunner.runner().baseUrl() + "/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
    }

    private static List<String> picks() {
        return browser.findElements(By.cssSelector("#persona-list .persona-pick")).stream()
                .map(b -> b.getAttribute("data-persona-id")).toList();
    }

    /** Creates a persona with a token of its creator (another subject than the page's, for the rate limit). */
    private int create(String id, String name, String creatorId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(JwtRunner.runner().baseUrl() + "/api/personas"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .header("authorization", JwtRunner.bearer("owner-" + creatorId, "creator", creatorId))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id": "%s", "name": "%s", "traits": [{"name": "Focus", "intensity": 0.6}]}""".formatted(id, name)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(JwtRunner.runner().baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
