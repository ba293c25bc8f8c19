package dev.lumen.functions.config;

import dev.lumen.domain.proactive.ProactiveSettings;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Proactive engagement settings, read from the environment; every threshold of issue 8 has a variable
 * and defaults to {@link ProactiveSettings#defaults()}. A malformed value stops the function at start
 * with a message naming the variable.
 *
 * <ul>
 *   <li>{@code LUMEN_PROACTIVE_INACTIVITY_HOURS} (24), {@code LUMEN_PROACTIVE_STAGNATION_DAYS} (3),
 *       {@code LUMEN_PROACTIVE_GOAL_DEVIATION} (0.3), {@code LUMEN_PROACTIVE_MOTIVATION_DROP} (0.2),
 *       {@code LUMEN_PROACTIVE_MILESTONE_HOURS} (24): the five trigger thresholds;</li>
 *   <li>{@code LUMEN_PROACTIVE_MIN_IDLE_HOURS} (4): no message to someone active more recently;</li>
 *   <li>{@code LUMEN_PROACTIVE_DAILY_CAP} (1), {@code LUMEN_PROACTIVE_PER_TYPE_CAP} (2) within
 *       {@code LUMEN_PROACTIVE_PER_TYPE_DAYS} (7);</li>
 *   <li>{@code LUMEN_PROACTIVE_QUIET_HOURS} ({@code 22:00-08:00}, the user's local time).</li>
 * </ul>
 */
public final class ProactiveConfig {
    public static final String INACTIVITY_HOURS = "LUMEN_PROACTIVE_INACTIVITY_HOURS";
    public static final String STAGNATION_DAYS = "LUMEN_PROACTIVE_STAGNATION_DAYS";
    public static final String GOAL_DEVIATION = "LUMEN_PROACTIVE_GOAL_DEVIATION";
    public static final String MOTIVATION_DROP = "LUMEN_PROACTIVE_MOTIVATION_DROP";
    public static final String MILESTONE_HOURS = "LUMEN_PROACTIVE_MILESTONE_HOURS";
    public static final String MIN_IDLE_HOURS = "LUMEN_PROACTIVE_MIN_IDLE_HOURS";
    public static final String DAILY_CAP = "LUMEN_PROACTIVE_DAILY_CAP";
    public static final String PER_TYPE_CAP = "LUMEN_PROACTIVE_PER_TYPE_CAP";
    public static final String PER_TYPE_DAYS = "LUMEN_PROACTIVE_PER_TYPE_DAYS";
    public static final String QUIET_HOURS = "LUMEN_PROACTIVE_QUIET_HOURS";
    public static final String WEBHOOK_URL = "LUMEN_PROACTIVE_WEBHOOK_URL";
    public static final String WEBHOOK_SECRET = "LUMEN_PROACTIVE_WEBHOOK_SECRET";
    public static final String DELIVERY_QUEUE_URL = "PROACTIVE_DELIVERY_QUEUE_URL";
    /** SQS's receive limit before the dead-letter queue; the template's {@code maxReceiveCount}. */
    public static final String MAX_RECEIVES = "LUMEN_PROACTIVE_MAX_RECEIVES";

    private ProactiveConfig() {
    }

    /** The thresholds and caps. */
    public static ProactiveSettings settings() {
        ProactiveSettings d = ProactiveSettings.defaults();
        LocalTime[] quiet = quietHours(Environment.optional(QUIET_HOURS).orElse("22:00-08:00"));
        try {
            return new ProactiveSettings(
                    Duration.ofHours(Environment.wholeNumber(INACTIVITY_HOURS, (int) d.inactivity().toHours(), 1)),
                    Duration.ofDays(Environment.wholeNumber(STAGNATION_DAYS, (int) d.stagnation().toDays(), 1)),
                    fraction(GOAL_DEVIATION, d.goalDeviation()),
                    fraction(MOTIVATION_DROP, d.motivationDrop()),
                    Duration.ofHours(Environment.wholeNumber(MILESTONE_HOURS, (int) d.milestoneDue().toHours(), 1)),
                    Duration.ofHours(Environment.wholeNumber(MIN_IDLE_HOURS, (int) d.minimumIdle().toHours(), 0)),
                    Environment.wholeNumber(DAILY_CAP, d.dailyCap(), 0),
                    Environment.wholeNumber(PER_TYPE_CAP, d.perTypeCap(), 0),
                    Duration.ofDays(Environment.wholeNumber(PER_TYPE_DAYS, (int) d.perTypeWindow().toDays(), 1)),
                    quiet[0], quiet[1], d.deliveryWindow(), d.lookback());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("proactive settings are inconsistent: " + e.getMessage(), e);
        }
    }

    /** The webhook's URL and secret, when a URL is set; empty means "no webhook" (messages fail clearly). */
    public static Optional<WebhookTarget> webhook() {
        Optional<String> url = Environment.optional(WEBHOOK_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(WEBHOOK_URL + " must be a URL, not '" + url.get() + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
        if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
            throw new IllegalStateException(WEBHOOK_URL + " must be an https URL (plain http only on loopback)");
        }
        String secret = Environment.optional(WEBHOOK_SECRET).orElseThrow(() ->
                new IllegalStateException(WEBHOOK_SECRET + " must be set when " + WEBHOOK_URL + " is"));
        return Optional.of(new WebhookTarget(uri, secret));
    }

    /** Where and with which secret; the secret is not in {@link #toString()}. */
    public record WebhookTarget(URI url, String secret) {
        @Override
        public String toString() {
            return "WebhookTarget[url=" + url + "]";
        }
    }

    public static String requireDeliveryQueueUrl() {
        return Environment.required(DELIVERY_QUEUE_URL);
    }

    /** Receives of one delivery before SQS moves it to the dead-letter queue (default 3, as the template). */
    public static int maxReceives() {
        return Environment.wholeNumber(MAX_RECEIVES, 3, 1);
    }

    static LocalTime[] quietHours(String value) {
        String[] parts = value.split("-");
        try {
            if (parts.length == 2) {
                return new LocalTime[] {LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip())};
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalStateException(QUIET_HOURS + " must be HH:MM-HH:MM (e.g. 22:00-08:00), not '" + value + "'");
    }

    private static double fraction(String name, double fallback) {
        Optional<String> value = Environment.optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value.get());
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(name + " must be a number between 0 and 1, not '" + value.get() + "'");
    }
}
