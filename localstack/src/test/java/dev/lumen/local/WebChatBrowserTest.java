package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.adapter.dynamodb.DynamoDbClients;
import dev.lumen.adapter.dynamodb.DynamoDbProactiveOutbox;
import dev.lumen.domain.Ids;
import dev.lumen.domain.proactive.Channel;
import dev.lumen.domain.proactive.ProactiveMessage;
import dev.lumen.domain.proactive.ProactiveState;
import dev.lumen.domain.proactive.Trigger;
import dev.lumen.domain.proactive.TriggerType;
import dev.lumen.local.EndToEndTest.Reply;
import dev.lumen.local.ws.WebSocketClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The chat page at {@code /} driven in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) against the shared runner: everything the page shows comes from real
 * API calls, and each step is checked again through the API. Skipped, saying what is missing, where
 * the browser or its driver is not installed ({@code .ci/run} installs them).
 */
@ExtendWith(LocalRunner.class)
class WebChatBrowserTest {
    private static final Duration WAIT = HeadlessChromium.WAIT;
    private static final String USER = "dev-user";

    private static HeadlessChromium chromium;
    private static WebDriver browser;

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
        assertThat(first.getAttribute("data-transport")).as("the page chats over the WebSocket").isEqualTo("websocket");
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

    @Test
    void the_persona_list_shows_a_persona_created_through_the_api_and_picking_it_loads_its_traits() {
        // GIVEN a creator's persona created through the API, and another creator's
        String creatorId = "web-list-" + Ids.random();
        String personaId = "web-listed-" + Ids.random();
        String otherId = "web-other-" + Ids.random();
        assertThat(call("POST", "/api/personas", """
                {"id": "%s", "name": "Listed Lou", "description": "Found in the list", "creatorId": "%s",
                 "traits": [{"name": "Patience", "intensity": 0.35}]}""".formatted(personaId, creatorId)).status()).isEqualTo(201);
        assertThat(call("POST", "/api/personas", """
                {"id": "%s", "name": "Not Mine", "creatorId": "%s-other"}""".formatted(otherId, creatorId)).status()).isEqualTo(201);

        // WHEN the page lists that creator's personas (the dev user is an admin, so may name any creator)
        browser.get(LocalRunner.baseUrl() + "/");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        type("list-creator", creatorId);
        browser.findElement(By.id("refresh-personas")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("persona-list-status"), creatorId));

        // THEN exactly that persona is offered
        List<WebElement> picks = browser.findElements(By.cssSelector("#persona-list .persona-pick"));
        assertThat(picks).extracting(b -> b.getAttribute("data-persona-id")).containsExactly(personaId);
        assertThat(picks.get(0).getText()).contains("Listed Lou", personaId);
        assertThat(browser.findElement(By.id("persona-list-status")).getText())
                .isEqualTo("1 persona of creator " + creatorId + ", newest first.");

        // WHEN it is picked
        picks.get(0).click();

        // THEN it is loaded with its traits as sliders, its own trait at its stored value
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("persona-summary"), personaId));
        assertThat(browser.findElement(By.id("persona-summary")).getText()).contains("Listed Lou", creatorId, "Found in the list");
        assertThat(browser.findElement(By.id("trait-patience")).getAttribute("value")).isEqualTo("0.35");
        assertThat(browser.findElement(By.id("trait-patience-value")).getText()).isEqualTo("0.35");
        assertThat(browser.findElements(By.cssSelector("#trait-list input[type=range]")))
                .hasSize(call("GET", "/api/personas/" + personaId, null).body().path("traits").size());
        assertThat(browser.findElement(By.cssSelector("#persona-list .persona-pick")).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.findElement(By.id("send")).isEnabled()).isTrue();
    }

    @Test
    void a_chat_turn_goes_over_the_websocket_with_a_typing_indicator_and_a_proactive_message_shows_up() {
        // GIVEN a persona, and the test listening as another device of the same (dev) user
        String creatorId = "web-ws-" + Ids.random();
        String personaId = "web-wsy-" + Ids.random();
        assertThat(call("POST", "/api/personas", """
                {"id": "%s", "name": "Wes", "creatorId": "%s"}""".formatted(personaId, creatorId)).status()).isEqualTo(201);
        try (WebSocketClient otherDevice = WebSocketClient.connect(RealtimeWebSocketTest.ws())) {
            // WHEN the page is opened and the persona picked from the list
            browser.get(LocalRunner.baseUrl() + "/");
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            wait.until(ExpectedConditions.textToBe(By.id("transport"), "live (WebSocket)"));
            type("list-creator", creatorId);
            browser.findElement(By.id("refresh-personas")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#persona-list .persona-pick"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("persona-summary"), personaId));
            // THEN the other device heard the page come online (an earlier page's closing socket may announce first)
            JsonNode presence = otherDevice.nextPresence(WAIT);
            while (!presence.path("online").asBoolean()) {
                presence = otherDevice.nextPresence(WAIT);
            }
            assertThat(presence.path("devices").asInt()).isGreaterThanOrEqualTo(2);

            // WHEN a message is sent
            send("Can you help me plan my week?");

            // THEN the typing indicator shows while the persona writes, then the reply, marked as WebSocket
            new WebDriverWait(browser, WAIT, Duration.ofMillis(20))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("typing")));
            assertThat(browser.findElement(By.id("typing")).getText()).isEqualTo("Wes is typing…");
            WebElement reply = awaitReply(wait, 1);
            assertThat(reply.getAttribute("data-transport")).isEqualTo("websocket");
            assertThat(reply.findElement(By.className("meta")).getText()).startsWith("via WebSocket");
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("typing")));
            // AND the runner handled a WebSocket sendMessage: only that route pushes the turn to the
            // user's other devices (POST /api/chat answers its caller alone)
            String sessionId = browser.findElement(By.id("session-id")).getText();
            JsonNode typing = otherDevice.next(WAIT);
            assertThat(typing.path("type").asText()).isEqualTo("typing");
            assertThat(typing.path("typing").asBoolean()).isTrue();
            assertThat(typing.path("sessionId").asText()).isEqualTo(sessionId);
            JsonNode pushed = otherDevice.next(WAIT);
            assertThat(pushed.path("type").asText()).isEqualTo("reply");
            assertThat(pushed.path("messageId").asText()).isEqualTo(reply.getAttribute("data-message-id"));
            assertThat(reply.findElement(By.className("text")).getText()).isEqualTo(pushed.path("message").asText());

            // WHEN a proactive message for the user is dispatched while the page is connected
            ProactiveMessage proactive = dueOverWebSocket(personaId);
            LocalRunner.runner().scheduler().fireNow("ProactiveDispatchFunction", "Dispatch");

            // THEN it appears in the conversation
            WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#transcript li.turn.proactive[data-message-id='" + proactive.id() + "']")));
            assertThat(shown.findElement(By.className("text")).getText()).isEqualTo(proactive.text());
            assertThat(shown.findElement(By.className("who")).getText()).isEqualTo("Wes (reaching out)");
            assertThat(shown.findElement(By.className("meta")).getText()).contains("inactivity");
        }
    }

    @Test
    void with_the_websocket_blocked_the_page_still_chats_over_http() throws Exception {
        // GIVEN a persona, and a browser whose WebSockets cannot connect
        String creatorId = "web-http-" + Ids.random();
        String personaId = "web-fallback-" + Ids.random();
        assertThat(call("POST", "/api/personas", """
                {"id": "%s", "name": "Hal", "creatorId": "%s"}""".formatted(personaId, creatorId)).status()).isEqualTo(201);
        try (AutoCloseable failing = chromium.failWebSockets()) {
            // WHEN the page is opened
            browser.get(LocalRunner.baseUrl() + "/");
            WebDriverWait wait = new WebDriverWait(browser, WAIT);

            // THEN it says it chats over HTTP
            wait.until(ExpectedConditions.attributeToBe(By.id("transport"), "data-transport", "http"));

            // WHEN a persona is picked and a message sent
            type("list-creator", creatorId);
            browser.findElement(By.id("refresh-personas")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#persona-list .persona-pick"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("persona-summary"), personaId));
            send("Are you there?");

            // THEN the reply comes over HTTP, with no typing frames seen, and the API has the turn
            WebElement reply = awaitReply(wait, 1);
            assertThat(reply.getAttribute("data-transport")).isEqualTo("http");
            assertThat(reply.findElement(By.className("text")).getText()).contains("Hal");
            assertThat(browser.findElement(By.id("typing")).getAttribute("data-frames")).isNull();
            String sessionId = browser.findElement(By.id("session-id")).getText();
            JsonNode messages = call("GET", "/api/sessions/" + sessionId + "/messages?personaId=" + personaId, null)
                    .body().path("messages");
            assertThat(messages).hasSize(2);
            assertThat(messages.get(1).path("messageId").asText()).isEqualTo(reply.getAttribute("data-message-id"));
        }
    }

    /** A PLANNED WebSocket message for the dev user, due a minute ago, written to the runner's outbox. */
    private static ProactiveMessage dueOverWebSocket(String personaId) {
        Instant now = Instant.now();
        ProactiveMessage message = new ProactiveMessage("p-" + Ids.random(), USER, personaId,
                new Trigger(TriggerType.INACTIVITY, 3.04, Map.of("idleHours", "25")), "We have not talked for a while. How is the week going?",
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofMinutes(1)), Channel.WEBSOCKET, ProactiveState.PLANNED);
        try (DynamoDbClient dynamoDb = DynamoDbClients.create("us-east-1", Optional.of(LocalRunner.runner().dynamoDbEndpoint()))) {
            assertThat(new DynamoDbProactiveOutbox(dynamoDb, LocalRunner.runner().tableName()).add(message)).isTrue();
        }
        return message;
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
}
