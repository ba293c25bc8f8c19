package dev.lumen.domain.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A rating of one assistant message, kept on the message itself so the session's history shows it.
 * There is one per message: rating again replaces it (see {@link dev.lumen.domain.feedback.FeedbackService}).
 *
 * @param ratedBy the user who rated (the message's user, or an admin for an anonymous chat's message)
 * @param rating  1 (poor) to 5 (excellent)
 * @param comment free text, possibly null
 */
public record MessageFeedback(String ratedBy, int rating, String comment, Instant ratedAt) {
    public MessageFeedback {
        Objects.requireNonNull(ratedBy, "ratedBy");
        Objects.requireNonNull(ratedAt, "ratedAt");
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("rating must be 1..5: " + rating);
        }
    }
}
