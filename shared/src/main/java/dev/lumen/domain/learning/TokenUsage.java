package dev.lumen.domain.learning;

/**
 * Tokens spent, summed over interactions, for one user, persona or model.
 *
 * @param id the user id ({@code ~anonymous} for anonymous chats), persona id or model id
 */
public record TokenUsage(UsageScope scope, String id, long interactions, long inputTokens, long outputTokens) {
    /** The {@link UsageScope#USER} id that anonymous chats are counted under (no real id has a {@code ~}). */
    public static final String ANONYMOUS_USER = "~anonymous";

    /** What a usage total is kept per. */
    public enum UsageScope { USER, PERSONA, MODEL }

    public static TokenUsage none(UsageScope scope, String id) {
        return new TokenUsage(scope, id, 0, 0, 0);
    }
}
