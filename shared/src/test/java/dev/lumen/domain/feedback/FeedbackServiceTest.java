package dev.lumen.domain.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.contract.Turns;
import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.error.DomainException;
import dev.lumen.domain.error.ForbiddenException;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.learning.UserProfile;
import dev.lumen.fakes.InMemoryActivityFeed;
import dev.lumen.fakes.InMemoryConversationRepository;
import dev.lumen.fakes.InMemoryLearningRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final FeedbackService.Rater ANA = new FeedbackService.Rater("ana", false);

    private final InMemoryConversationRepository conversations = new InMemoryConversationRepository();
    private final InMemoryLearningRepository learning = new InMemoryLearningRepository();
    private final InMemoryActivityFeed feed = new InMemoryActivityFeed();
    private final FeedbackService service = new FeedbackService(conversations, learning, feed, Clock.fixed(NOW, ZoneOffset.UTC));

    private List<Message> chat(String userId, int n) {
        List<Message> turn = Turns.turn("ada", "s-" + userId, userId, NOW.minusSeconds(600 - n), n);
        Turns.store(conversations, turn);
        return turn;
    }

    @Test
    void aRatingGoesOnTheMessageIntoSatisfactionAndIntoTheFeed() {
        Message reply = chat("ana", 0).get(1);

        FeedbackService.Result result = service.rate(ANA, reply.messageId(), 4, "  helpful ");

        assertThat(result.replaced()).isFalse();
        assertThat(result.feedback().rating()).isEqualTo(4);
        assertThat(result.feedback().comment()).isEqualTo("helpful");
        assertThat(conversations.find(reply.messageId()).orElseThrow().feedback()).isEqualTo(result.feedback());
        assertThat(result.satisfaction()).isEqualTo(new Satisfaction("ada", 1, 4));
        assertThat(feed.all()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("feedback-" + reply.messageId());
            assertThat(a.kind()).isEqualTo(ActivityKind.FEEDBACK);
            assertThat(a.personaId()).isEqualTo("ada");
            assertThat(a.model()).isEqualTo(Turns.MODEL);
            assertThat(a.attributes()).containsEntry("rating", "4").containsEntry("messageId", reply.messageId());
        });
        // A good rating teaches no avoidance.
        assertThat(learning.profile("ana")).isEmpty();
    }

    @Test
    void reRatingReplacesEverywhereAndCountsOnce() {
        Message reply = chat("ana", 0).get(1);
        service.rate(ANA, reply.messageId(), 1, null);

        FeedbackService.Result again = service.rate(ANA, reply.messageId(), 5, null);

        assertThat(again.replaced()).isTrue();
        assertThat(again.satisfaction()).isEqualTo(new Satisfaction("ada", 1, 5));
        assertThat(feed.all()).singleElement().satisfies(a -> assertThat(a.attributes()).containsEntry("rating", "5"));
    }

    @Test
    void aLowRatingWithACommentBecomesAPreferenceOnce() {
        Message reply = chat("ana", 0).get(1);
        learning.replaceProfile(new UserProfile("ana", List.of("sleep better"), List.of("mornings"), List.of(), null, 3, NOW));

        service.rate(ANA, reply.messageId(), 2, "Too   long,\n too many lists");
        service.rate(ANA, reply.messageId(), 1, "too long, too many lists");

        UserProfile profile = learning.profile("ana").orElseThrow();
        assertThat(profile.preferences()).containsExactly("avoid: Too long, too many lists", "mornings");
        assertThat(profile.goals()).containsExactly("sleep better");
        assertThat(profile.interactions()).isEqualTo(3);
    }

    @Test
    void aLongCommentIsShortenedInThePreference() {
        assertThat(FeedbackService.avoidance("x".repeat(500))).hasSize("avoid: ".length() + 121).endsWith("…");
    }

    @Test
    void onlyAssistantMessagesCanBeRated() {
        Message question = chat("ana", 0).get(0);

        assertThatThrownBy(() -> service.rate(ANA, question.messageId(), 3, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.code()).isEqualTo("not_rateable"));
        assertThat(conversations.find(question.messageId()).orElseThrow().feedback()).isNull();
    }

    @Test
    void someoneElsesMessageIsForbiddenButAnAdminMayRateAndDoesNotTeachTheProfile() {
        Message reply = chat("ana", 0).get(1);

        assertThatThrownBy(() -> service.rate(new FeedbackService.Rater("bo", false), reply.messageId(), 1, "bad"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.rate(new FeedbackService.Rater(null, false), reply.messageId(), 1, "bad"))
                .isInstanceOf(ForbiddenException.class);
        FeedbackService.Result admin = service.rate(new FeedbackService.Rater("root", true), reply.messageId(), 1, "bad");

        assertThat(admin.feedback().ratedBy()).isEqualTo("root");
        assertThat(admin.satisfaction()).isEqualTo(new Satisfaction("ada", 0, 0));
        assertThat(learning.profile("ana")).isEmpty();
    }

    @Test
    void anAnonymousChatsMessageOnlyAnAdminMayRate() {
        Message reply = chat(null, 0).get(1);

        assertThatThrownBy(() -> service.rate(ANA, reply.messageId(), 3, null)).isInstanceOf(ForbiddenException.class);
        FeedbackService.Result result = service.rate(new FeedbackService.Rater("root", true), reply.messageId(), 3, null);

        assertThat(result.satisfaction()).isNull();
        assertThat(feed.all()).extracting(Activity::userId).containsOnlyNulls();
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsReadOrWritten() {
        Message reply = chat("ana", 0).get(1);

        assertThat(codeOf(() -> service.rate(ANA, reply.messageId(), null, null))).isEqualTo("missing_field");
        assertThat(codeOf(() -> service.rate(ANA, reply.messageId(), 0, null))).isEqualTo("invalid_rating");
        assertThat(codeOf(() -> service.rate(ANA, reply.messageId(), 6, null))).isEqualTo("invalid_rating");
        assertThat(codeOf(() -> service.rate(ANA, reply.messageId(), 3, "x".repeat(2_001)))).isEqualTo("comment_too_long");
        assertThatThrownBy(() -> service.rate(ANA, "no-such-message", 3, null)).isInstanceOf(NotFoundException.class);

        assertThat(conversations.find(reply.messageId()).orElseThrow().feedback()).isNull();
        assertThat(feed.all()).isEmpty();
        // The limit itself is allowed.
        assertThat(service.rate(ANA, reply.messageId(), 5, "x".repeat(2_000)).feedback().comment()).hasSize(2_000);
    }

    private static String codeOf(Runnable call) {
        try {
            call.run();
        } catch (DomainException e) {
            return e.code();
        }
        throw new AssertionError("no exception");
    }
}
