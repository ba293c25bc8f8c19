package dev.lumen.domain.feedback;

import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityFeed;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.chat.MessageFeedback;
import dev.lumen.domain.chat.Role;
import dev.lumen.domain.error.ForbiddenException;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.learning.UserProfile;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Rating an assistant message ({@code POST /api/messages/{messageId}/feedback}). One rating per
 * message: rating again replaces it everywhere it shows, so nothing counts twice.
 *
 * <p>Effects, in order: (1) the rating is put on the message, together with the user's per-persona
 * {@link Satisfaction} in the same atomic write; (2) a low rating with a comment becomes a
 * preference in the user's profile (what the coach should avoid), which the prompt reads on later
 * turns; (3) one {@link ActivityKind#FEEDBACK} entry in the activity feed per message (a re-rating
 * replaces it), which Conquest and Imperium read. A failure after (1) is repaired by rating again:
 * every step is idempotent.
 *
 * <p>Who may rate: the message's own user, or an admin. A message of an anonymous chat has no user,
 * so only an admin may rate it. Only a rating by the message's own user teaches their profile.
 */
public final class FeedbackService {
    public static final int MAX_COMMENT_LENGTH = 2_000;
    /** A rating at or below this, with a comment, teaches the profile what to avoid. */
    public static final int LOW_RATING = 2;
    /** How much of a comment becomes a preference: enough to say what, short enough for a prompt. */
    static final int PREFERENCE_LENGTH = 120;
    public static final String ROUTE = "POST /api/messages/{messageId}/feedback";

    private final ConversationRepository conversations;
    private final LearningRepository learning;
    private final ActivityFeed activity;
    private final Clock clock;

    public FeedbackService(ConversationRepository conversations, LearningRepository learning, ActivityFeed activity,
                           Clock clock) {
        this.conversations = conversations;
        this.learning = learning;
        this.activity = activity;
        this.clock = clock;
    }

    /** Who is rating: a user id (null for an anonymous caller) and whether they are an admin. */
    public record Rater(String userId, boolean admin) {
    }

    /**
     * @param replaced     whether this replaced an earlier rating of the message
     * @param satisfaction the message's user's satisfaction with the persona after this; null for an
     *                     anonymous chat's message
     */
    public record Result(Message message, MessageFeedback feedback, boolean replaced, Satisfaction satisfaction) {
    }

    public Result rate(Rater rater, String messageId, Integer rating, String comment) {
        Objects.requireNonNull(rater, "rater");
        int stars = validRating(rating);
        String text = validComment(comment);
        Message message = conversations.find(messageId)
                .orElseThrow(() -> new NotFoundException("message_not_found", "no message " + messageId));
        // Before saying anything about the message's role: someone else's message stays opaque.
        boolean own = rater.userId() != null && rater.userId().equals(message.userId());
        if (!own && !rater.admin()) {
            throw new ForbiddenException("only the message's user (or an admin) may rate it");
        }
        if (message.role() != Role.ASSISTANT) {
            throw new ValidationException("not_rateable", "only assistant messages can be rated; " + messageId
                    + " is the user's own message");
        }
        String ratedBy = rater.userId() == null ? "admin" : rater.userId();
        MessageFeedback previous = message.feedback();
        MessageFeedback feedback = new MessageFeedback(ratedBy, stars, text, ratedAt(previous));
        conversations.rate(message, feedback);
        if (own && stars <= LOW_RATING && text != null) {
            learnPreference(message.userId(), avoidance(text));
        }
        activity.replace(previous == null ? null : entry(message, previous), entry(message, feedback));
        Satisfaction satisfaction = null;
        if (message.userId() != null) {
            satisfaction = conversations.satisfaction(message.userId()).stream()
                    .filter(s -> s.personaId().equals(message.personaId())).findFirst()
                    .orElse(new Satisfaction(message.personaId(), 0, 0));
        }
        return new Result(message.withFeedback(feedback), feedback, previous != null, satisfaction);
    }

    /**
     * Strictly after the rating it replaces: the activity entry is keyed by time and id, and the
     * replaced one must not share the new one's key.
     */
    private Instant ratedAt(MessageFeedback previous) {
        Instant now = clock.instant();
        if (previous != null && !now.isAfter(previous.ratedAt())) {
            now = previous.ratedAt().plusMillis(1);
        }
        return now;
    }

    static int validRating(Integer rating) {
        if (rating == null) {
            throw new ValidationException("missing_field", "'rating' is required (an integer 1..5)");
        }
        if (rating < 1 || rating > 5) {
            throw new ValidationException("invalid_rating", "'rating' must be an integer from 1 to 5");
        }
        return rating;
    }

    static String validComment(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        if (comment.length() > MAX_COMMENT_LENGTH) {
            throw new ValidationException("comment_too_long",
                    "'comment' is longer than " + MAX_COMMENT_LENGTH + " characters");
        }
        return comment.strip();
    }

    /** The preference a low rating's comment implies: what to avoid, in the user's words, shortened. */
    static String avoidance(String comment) {
        String oneLine = comment.strip().replaceAll("\\s+", " ");
        if (oneLine.length() > PREFERENCE_LENGTH) {
            oneLine = oneLine.substring(0, PREFERENCE_LENGTH).strip() + "…";
        }
        return "avoid: " + oneLine;
    }

    /** Newest first and without case-insensitive duplicates, as the profile keeps its lists. */
    private void learnPreference(String userId, String preference) {
        UserProfile profile = learning.profile(userId).orElse(UserProfile.empty(userId));
        String key = preference.toLowerCase(Locale.ROOT);
        if (profile.preferences().stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).equals(key))) {
            return;
        }
        List<String> preferences = new ArrayList<>();
        preferences.add(preference);
        preferences.addAll(profile.preferences());
        if (preferences.size() > UserProfile.LIST_LIMIT) {
            preferences = preferences.subList(0, UserProfile.LIST_LIMIT);
        }
        learning.replaceProfile(new UserProfile(userId, profile.goals(), preferences, profile.progress(),
                profile.communicationStyle(), profile.interactions(), clock.instant()));
    }

    /** The feed entry of a message's rating: one id per message, the rated reply's persona and model. */
    static Activity entry(Message message, MessageFeedback feedback) {
        return new Activity("feedback-" + message.messageId(), ActivityKind.FEEDBACK, feedback.ratedAt(), null,
                message.personaId(), message.userId(), message.sessionId(), ROUTE, message.model(), 0, 0, 0, 0,
                false, Map.of("messageId", message.messageId(), "rating", Integer.toString(feedback.rating())));
    }
}
