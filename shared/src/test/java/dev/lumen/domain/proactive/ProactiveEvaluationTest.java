package dev.lumen.domain.proactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.Persona;
import dev.lumen.fakes.InMemoryActivityFeed;
import dev.lumen.fakes.InMemoryLearningRepository;
import dev.lumen.fakes.InMemoryPersonaRepository;
import dev.lumen.fakes.InMemoryProactiveOutbox;
import dev.lumen.fakes.MutableClock;
import dev.lumen.fakes.ScriptedChatModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProactiveEvaluationTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final ProactiveSettings SETTINGS = ProactiveSettings.defaults();

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryActivityFeed feed = new InMemoryActivityFeed();
    private final InMemoryPersonaRepository personas = new InMemoryPersonaRepository();
    private final InMemoryProactiveOutbox outbox = new InMemoryProactiveOutbox();

    private ProactiveEvaluation evaluation(ChatModel model, Connections connections) {
        ProactivePlanner planner = new ProactivePlanner(SETTINGS, outbox, model, clock);
        return new ProactiveEvaluation(feed, new InMemoryLearningRepository(), personas, CoreTraits.defaults(),
                GoalStatuses.NONE, connections, planner, SETTINGS, clock);
    }

    private void turn(String id, String userId, String personaId, Instant at) {
        feed.record(new Activity(id, ActivityKind.CHAT_TURN, at, "default", personaId, userId, "s-" + userId,
                "POST /api/chat", "m", 10, 1, 1, 0.0, false, Map.of()));
    }

    @Test
    void onlyTheIdleUserGetsAMessageInTheVoiceOfTheirLatestPersona() {
        // GIVEN ann idle 25 h (last with coach), bob active an hour ago, cy whose persona was deleted
        personas.create(new Persona("coach", "Mira", "", "default", List.of(), NOW.minus(Duration.ofDays(30))));
        personas.create(new Persona("other", "Ivo", "", "default", List.of(), NOW.minus(Duration.ofDays(30))));
        turn("t1", "ann", "other", NOW.minus(Duration.ofDays(3)));
        turn("t2", "ann", "coach", NOW.minus(Duration.ofHours(25)));
        turn("t3", "bob", "coach", NOW.minus(Duration.ofHours(1)));
        turn("t4", "cy", "gone", NOW.minus(Duration.ofHours(30)));
        feed.record(new Activity("d1", ActivityKind.DOCUMENT_INGESTED, NOW.minus(Duration.ofHours(40)), "default",
                null, null, null, "ingest-worker", "", 0, 0, 0, 0, false, Map.of()));
        ScriptedChatModel model = new ScriptedChatModel("Hi from Mira");

        // WHEN
        ProactiveEvaluation.Outcome outcome = evaluation(model, userId -> userId.equals("ann")).run();

        // THEN
        assertThat(outcome.usersEvaluated()).isEqualTo(3);
        assertThat(outcome.failed()).isZero();
        assertThat(outcome.planned()).singleElement().satisfies(m -> {
            assertThat(m.userId()).isEqualTo("ann");
            assertThat(m.personaId()).isEqualTo("coach");
            assertThat(m.channel()).isEqualTo(Channel.WEBSOCKET);
        });
        assertThat(model.requests().get(0).systemPrompt()).contains("You are Mira");
        assertThat(outbox.all()).hasSize(1);

        // AND the next hour's run plans nothing more
        clock.advance(Duration.ofHours(1));
        assertThat(evaluation(model, Connections.NONE).run().planned()).isEmpty();
        assertThat(outbox.all()).hasSize(1);
    }

    @Test
    void aFailingModelIsCountedAndTheOtherUsersGoOn() {
        // GIVEN two idle users; the model fails for Mira's users only
        personas.create(new Persona("coach", "Mira", "", "default", List.of(), NOW.minus(Duration.ofDays(30))));
        personas.create(new Persona("other", "Ivo", "", "default", List.of(), NOW.minus(Duration.ofDays(30))));
        turn("t1", "ann", "coach", NOW.minus(Duration.ofHours(26)));
        turn("t2", "bob", "other", NOW.minus(Duration.ofHours(27)));
        ScriptedChatModel ok = new ScriptedChatModel("Hi from Ivo");
        ChatModel flaky = request -> {
            if (request.personaName().equals("Mira")) {
                throw new UnavailableException("model_unavailable", "no model answered", null);
            }
            return ok.reply(request);
        };

        // WHEN
        ProactiveEvaluation.Outcome outcome = evaluation(flaky, Connections.NONE).run();

        // THEN
        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(outcome.planned()).extracting(ProactiveMessage::userId).containsExactly("bob");
        assertThat(outbox.recent("ann", NOW.minus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void aBusyFeedIsReadPastOnePage() {
        // GIVEN more turns than one page, ann's only turn the newest
        personas.create(new Persona("coach", "Mira", "", "default", List.of(), NOW.minus(Duration.ofDays(30))));
        Instant start = NOW.minus(Duration.ofDays(2));
        for (int i = 0; i < ProactiveEvaluation.PAGE + 5; i++) {
            turn("b" + i, "bob", "coach", start.plusSeconds(i / 3)); // three turns per instant
        }
        turn("a1", "ann", "coach", NOW.minus(Duration.ofHours(25)));

        // WHEN
        ProactiveEvaluation.Outcome outcome = evaluation(new ScriptedChatModel("Hi"), Connections.NONE).run();

        // THEN both users were seen
        assertThat(outcome.usersEvaluated()).isEqualTo(2);
        assertThat(outcome.planned()).extracting(ProactiveMessage::userId).containsExactlyInAnyOrder("ann", "bob");
    }

    @Test
    void theUsersTimeZoneDecidesTheQuietHours() {
        // GIVEN ann idle 25 h, living in Auckland (UTC+13 in March): 12:00 UTC is 01:00 there, quiet
        personas.create(new Persona("coach", "Mira", "", "default", List.of(), NOW.minus(Duration.ofDays(30))));
        turn("t1", "ann", "coach", NOW.minus(Duration.ofHours(25)));
        ProactivePlanner planner = new ProactivePlanner(SETTINGS, outbox, new ScriptedChatModel("Kia ora"), clock);
        ProactiveEvaluation evaluation = new ProactiveEvaluation(feed, new InMemoryLearningRepository(), personas,
                CoreTraits.defaults(), GoalStatuses.NONE, Connections.NONE,
                userId -> java.time.ZoneId.of("Pacific/Auckland"), planner, SETTINGS, clock);

        // WHEN
        ProactiveEvaluation.Outcome outcome = evaluation.run();

        // THEN delivered when her quiet hours end, 08:00 in Auckland, not at once as in UTC
        assertThat(outcome.planned()).singleElement()
                .satisfies(m -> assertThat(m.deliverAt()).isEqualTo(Instant.parse("2026-03-10T19:00:00Z")));
    }
}
