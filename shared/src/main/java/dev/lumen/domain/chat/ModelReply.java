package dev.lumen.domain.chat;

/**
 * A model's answer.
 *
 * @param model      the id of the model that actually answered
 * @param stopReason why generation stopped, e.g. {@code end_turn} or {@code max_tokens}
 */
public record ModelReply(String text, String model, Usage usage, String stopReason) {
}
