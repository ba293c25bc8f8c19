package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.local.EndToEndTest.Reply;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Usage accounting through the whole local stack: chat (the offline model reports token counts),
 * the interactions queue, the real worker recording each turn in the DynamoDB ledger, and
 * {@code GET /api/usage} reading it back.
 */
@ExtendWith(LocalRunner.class)
class UsagePipelineTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void twoChatsShowUpInTheCreatorsUsageOnceTheWorkerRan() throws InterruptedException {
        // GIVEN a persona of its own creator (the report is per creator, whoever the caller acts as)
        String creator = "usage-coach-" + System.nanoTime();
        assertThat(call("POST", "/api/personas", """
                {"id": "%s", "name": "Ada", "creatorId": "%s", "traits": []}""".formatted(creator, creator))
                .status()).isEqualTo(201);

        // WHEN the user chats twice
        long input = 0;
        long output = 0;
        for (String message : new String[] {"Can you help me plan my week?", "I want to study maths every day."}) {
            Reply reply = call("POST", "/api/chat", """
                    {"personaId": "%s", "sessionId": "usage-s1", "userId": "usage-u1", "message": "%s"}"""
                    .formatted(creator, message));
            assertThat(reply.status()).isEqualTo(200);
            input += reply.body().at("/usage/inputTokens").asLong();
            output += reply.body().at("/usage/outputTokens").asLong();
        }
        assertThat(input).isPositive();

        // THEN once the worker has recorded both turns and its two trait extractions (model calls too),
        // the report shows the four calls, today, under the persona
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode report = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Reply usage = call("GET", "/api/usage?creatorId=" + creator, null);
            assertThat(usage.status()).isEqualTo(200);
            report = usage.body();
            if (report.at("/totals/calls").asLong() >= 4) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(report.at("/totals/calls").asLong()).as("calls in %s", report).isEqualTo(4);
        assertThat(report.at("/totals/inputTokens").asLong()).isGreaterThan(input);
        assertThat(report.at("/totals/outputTokens").asLong()).isGreaterThan(output);
        assertThat(report.at("/totals/costUsd").decimalValue()).isEqualByComparingTo("0"); // the offline model is free
        assertThat(report.at("/days/0/date").asText()).isEqualTo(today);
        assertThat(report.at("/personas/0/personaId").asText()).isEqualTo(creator);
        assertThat(report.at("/personas/0/calls").asLong()).isEqualTo(4);
        // AND the user's own report, whoever the runner's dev identity makes the caller, is never a 5xx
        assertThat(call("GET", "/api/usage?userId=usage-u1", null).status()).isLessThan(500);
        assertThat(report.at("/to").asText()).isEqualTo(today);

        // AND a bad query is a 400, not a 5xx
        Reply bad = call("GET", "/api/usage?creatorId=" + creator + "&from=yesterday", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().at("/error/code").asText()).isEqualTo("invalid_date");
    }
}
