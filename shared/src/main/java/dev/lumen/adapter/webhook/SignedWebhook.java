package dev.lumen.adapter.webhook;

import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.proactive.Webhook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link Webhook} over the JDK's HTTP client (no dependency): a JSON POST with
 *
 * <ul>
 *   <li>{@value #MESSAGE_ID}: the proactive message id — delivery is at least once, receivers dedupe on it;</li>
 *   <li>{@value #TIMESTAMP}: epoch seconds of the send — receivers refuse old ones (replays);</li>
 *   <li>{@value #SIGNATURE}: {@code v1=} and the hex HMAC-SHA256, keyed with the shared secret, of
 *       {@code timestamp + "." + body} (the body's exact bytes, UTF-8).</li>
 * </ul>
 *
 * Any answer but 2xx, a timeout or a refused connection is an {@link UnavailableException}: the
 * delivery queue retries it. The timeout is short, so a slow receiver cannot hold the worker.
 */
public final class SignedWebhook implements Webhook {
    public static final String MESSAGE_ID = "X-Lumen-Message-Id";
    public static final String TIMESTAMP = "X-Lumen-Timestamp";
    public static final String SIGNATURE = "X-Lumen-Signature";
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final byte[] secret;
    private final HttpClient http;
    private final Clock clock;

    /**
     * @param url    where to POST: https in AWS (plain http only for loopback receivers in tests)
     * @param secret the shared signing secret; must not be empty
     */
    public SignedWebhook(URI url, String secret, Clock clock) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook needs a signing secret");
        }
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public void send(String messageId, String payload) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(MESSAGE_ID, messageId)
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "v1=" + sign(secret, timestamp, payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UnavailableException("webhook_unreachable", e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("webhook_unreachable", "interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new UnavailableException("webhook_rejected", "HTTP " + response.statusCode(), null);
        }
    }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body}: what a receiver recomputes to verify. */
    public static String sign(byte[] secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
