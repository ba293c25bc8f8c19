package dev.lumen.domain.agent.guardian;

import dev.lumen.domain.agent.Severity;

/**
 * One sensitive thing a scanner saw in a text.
 *
 * @param kind     what it is: {@code aws-access-key-id}, {@code private-key}, {@code email}, {@code card-number}, …
 * @param severity how bad it is where it usually turns up (the agent raises it for knowledge and replies)
 * @param offset   where it starts in the text (characters), so an operator can find it
 * @param redacted the match with the sensitive part masked: safe to store and show
 */
public record Sighting(String kind, Severity severity, int offset, String redacted) {
}
