package dev.lumen.domain.chat;

/** Tokens a model call consumed. */
public record Usage(int inputTokens, int outputTokens) {
    public static final Usage NONE = new Usage(0, 0);
}
