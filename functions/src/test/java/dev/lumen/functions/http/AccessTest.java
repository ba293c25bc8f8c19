package dev.lumen.functions.http;

import static dev.lumen.functions.HandlerFixture.asUser;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.access.TokenBucket;
import dev.lumen.fakes.InMemoryRateLimiter;
import dev.lumen.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rate limits, security headers and body limits, as every route gets them through {@link ApiExchange} and {@link Access}. */
class AccessTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));

    @AfterEach
    void noRateLimit() {
        Access.useRateLimiter(null);
    }

    @Test
    void aUserOverTheirRateIs429WithRetryAfterAndTheWorkDoesNotRun() {
        // GIVEN 60 a minute, burst 2
        Access.useRateLimiter(new InMemoryRateLimiter(new TokenBucket(60, 2), clock));
        AtomicInteger done = new AtomicInteger();

        // WHEN user-sam calls three times at once, and user-kim once
        APIGatewayV2HTTPResponse first = call("user-sam", done);
        APIGatewayV2HTTPResponse second = call("user-sam", done);
        APIGatewayV2HTTPResponse third = call("user-sam", done);
        APIGatewayV2HTTPResponse kim = call("user-kim", done);

        // THEN the third is refused, saying when to come back; others are unaffected
        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(third.getStatusCode()).isEqualTo(429);
        assertThat(json(third).at("/error/code").asText()).isEqualTo("rate_limited");
        assertThat(third.getHeaders()).containsEntry("retry-after", "1");
        assertThat(kim.getStatusCode()).isEqualTo(200);
        assertThat(done.get()).isEqualTo(3);

        // AND a second later there is a token again
        clock.advance(Duration.ofSeconds(1));
        assertThat(call("user-sam", done).getStatusCode()).isEqualTo(200);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        APIGatewayV2HTTPResponse ok = call("user-sam", new AtomicInteger());
        APIGatewayV2HTTPResponse unauthenticated = ApiExchange.run(event("get-profile.json"), null, () -> {
            Access.fromClaims(null);
            return ApiResult.ok("never");
        });
        for (APIGatewayV2HTTPResponse response : new APIGatewayV2HTTPResponse[] {ok, unauthenticated}) {
            assertThat(response.getHeaders())
                    .containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("cache-control", "no-store")
                    .containsEntry("x-frame-options", "DENY")
                    .containsEntry("referrer-policy", "no-referrer")
                    .containsKey("strict-transport-security")
                    .containsEntry("content-type", "application/json");
            assertThat(response.getHeaders().get("content-security-policy")).startsWith("default-src 'none'");
        }
        assertThat(unauthenticated.getStatusCode()).isEqualTo(401);
    }

    @Test
    void aBodyOverTheRoutesLimitIs413BeforeAnythingReadsIt() {
        AtomicInteger done = new AtomicInteger();
        APIGatewayV2HTTPEvent big = event("put-emotional-state.json");
        big.setBody("{\"state\":\"" + "a".repeat(ApiExchange.DEFAULT_MAX_BODY_BYTES) + "\"}");
        APIGatewayV2HTTPEvent multiByte = event("put-emotional-state.json");
        // 22,000 three-byte characters: under the limit in characters, over it in bytes
        multiByte.setBody("\"" + "\u20ac".repeat(22_000) + "\"");
        APIGatewayV2HTTPEvent fits = event("put-emotional-state.json");
        fits.setBody("x".repeat(ApiExchange.DEFAULT_MAX_BODY_BYTES));

        assertThat(run(big, done).getStatusCode()).isEqualTo(413);
        assertThat(json(run(multiByte, done)).at("/error/code").asText()).isEqualTo("body_too_large");
        assertThat(done.get()).isZero();
        assertThat(run(fits, done).getStatusCode()).isEqualTo(200);
        assertThat(ApiExchange.run(big, null, 1 << 20, () -> ApiResult.ok("bigger route")).getStatusCode()).isEqualTo(200);
    }

    private static APIGatewayV2HTTPResponse run(APIGatewayV2HTTPEvent event, AtomicInteger done) {
        return ApiExchange.run(event, null, () -> {
            done.incrementAndGet();
            return ApiResult.ok("done");
        });
    }

    private static APIGatewayV2HTTPResponse call(String userId, AtomicInteger done) {
        APIGatewayV2HTTPEvent event = asUser(event("get-profile.json"), userId);
        return ApiExchange.run(event, null, () -> {
            Access.caller(event);
            done.incrementAndGet();
            return ApiResult.ok("done");
        });
    }
}
