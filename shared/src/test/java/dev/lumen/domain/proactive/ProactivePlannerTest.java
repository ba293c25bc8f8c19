package dev.lumen.domain.proactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.adapter.offline.OfflineChatModel;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.PersonaView;
import dev.lumen.fakes.InMemoryProactiveOutbox;
import dev.lumen.fakes.MutableClock;
import dev.lumen.fakes.ScriptedChatModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The proof of issue 8's proactive part, with a clock the test moves. */
class ProactivePlannerTest {
    /** A Tuesday, noon UTC. */
    private static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");
    private static final ProactiveSettings SETTINGS = ProactiveSettings.defaults();
    private static final PersonaView COACH = new PersonaView("coach", "Mira", "A patient running coach", "default",
            CoreTraits.defaults().all(), NOON.minus(Duration.ofDays(100)));

    private final MutableClock clock = new MutableClock(NOON);
    private final InMemoryProactiveOutbox outbox = new InMemoryProactiveOutbox();
    private final ScriptedChatModel model = new ScriptedChatModel("  Hi, it's Mira. Fancy a short run today?  ");

    private ProactivePlanner planner(ChatModel chatModel, ProactiveSettings settings) {
        return new ProactivePlanner(settings, outbox, chatModel, clock);
    }

    /** Turns at 09:00 local on the ten days before {@code last}'s day, and one at {@code last}. */
    private static List<Instant> habitAtNine(Instant last, ZoneId zone) {
        List<Instant> turns = new ArrayList<>();
        for (int day = 1; day <= 10; day++) {
            turns.add(last.atZone(zone).toLocalDate().minusDays(day).atTime(9, 0).atZone(zone).toInstant());
        }
        turns.add(last);
        return turns;
    }

    private static ProactiveCandidate idleUser(Instant lastTurn, ZoneId zone, List<GoalStatus> goals, boolean connected) {
        return new ProactiveCandidate(new BehaviourInput("ann", habitAtNine(lastTurn, zone), null, goals, zone),
                COACH, connected);
    }

    @Test
    void aUserIdle25HoursGetsExactlyOneMessageInsideTheDeliveryWindow() {
        // GIVEN last turn 25 h ago; usually active at 09:00 UTC
        ProactiveCandidate ann = idleUser(NOON.minus(Duration.ofHours(25)), ZoneOffset.UTC, List.of(), false);

        // WHEN
        Optional<ProactiveMessage> planned = planner(model, SETTINGS).plan(ann);

        // THEN one inactivity message, delivered at the next 09:00, inside the window, outside quiet hours
        assertThat(planned).isPresent();
        ProactiveMessage message = planned.get();
        assertThat(outbox.all()).containsExactly(message);
        assertThat(message.trigger().type()).isEqualTo(TriggerType.INACTIVITY);
        assertThat(message.trigger().evidence()).containsEntry("idleHours", "25");
        assertThat(message.state()).isEqualTo(ProactiveState.PLANNED);
        assertThat(message.channel()).isEqualTo(Channel.WEBHOOK);
        assertThat(message.userId()).isEqualTo("ann");
        assertThat(message.personaId()).isEqualTo("coach");
        assertThat(message.text()).isEqualTo("Hi, it's Mira. Fancy a short run today?");
        assertThat(message.deliverAt()).isEqualTo(Instant.parse("2026-03-11T09:00:00Z"));
        assertThat(message.deliverAt()).isBetween(NOON, NOON.plus(SETTINGS.deliveryWindow()));
        assertThat(SETTINGS.quiet(LocalTime.ofInstant(message.deliverAt(), ZoneOffset.UTC))).isFalse();
        // the persona's voice: its own system prompt and a PROACTIVE task naming the reason
        ModelRequest request = model.requests().get(0);
        assertThat(request.task()).isEqualTo(ModelRequest.Task.PROACTIVE);
        assertThat(request.systemPrompt()).contains("You are Mira");
        assertThat(request.userMessage()).endsWith("Reason: We have not talked for 25 hours.");
    }

    @Test
    void aSecondEvaluationTheSameDayPlansNothingAndCallsNoModel() {
        // GIVEN one message planned
        ProactiveCandidate ann = idleUser(NOON.minus(Duration.ofHours(25)), ZoneOffset.UTC, List.of(), false);
        ProactivePlanner planner = planner(model, SETTINGS);
        planner.plan(ann);

        // WHEN the hourly evaluation runs again, an hour and eleven hours later
        clock.advance(Duration.ofHours(1));
        Optional<ProactiveMessage> second = planner.plan(ann);
        clock.advance(Duration.ofHours(10));
        Optional<ProactiveMessage> third = planner.plan(ann);

        // THEN the daily cap holds, and a capped user costs no model call
        assertThat(second).isEmpty();
        assertThat(third).isEmpty();
        assertThat(outbox.all()).hasSize(1);
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void theDailyCapReopensAfter24HoursAndThePerTypeCapHoldsForTheWeek() {
        // GIVEN a user who stays away
        ProactiveCandidate ann = idleUser(NOON.minus(Duration.ofHours(25)), ZoneOffset.UTC, List.of(), false);
        ProactivePlanner planner = planner(model, SETTINGS);

        // WHEN evaluated each day for four days
        List<Optional<ProactiveMessage>> days = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            days.add(planner.plan(ann));
            clock.advance(Duration.ofHours(24).plusMinutes(1));
        }

        // THEN two inactivity messages (the per-type cap of 2 a week), then nothing
        assertThat(days.get(0)).isPresent();
        assertThat(days.get(1)).isPresent();
        assertThat(days.get(2)).isEmpty();
        assertThat(days.get(3)).isEmpty();
        assertThat(days.get(1).get().id()).isNotEqualTo(days.get(0).get().id());
        assertThat(outbox.all()).hasSize(2);
    }

    @Test
    void nothingIsDeliveredDuringQuietHours() {
        // GIVEN 23:30 UTC, a user usually active at 23:00 (inside the quiet hours 22:00-08:00)
        clock.advance(Duration.ofHours(11).plusMinutes(30));
        Instant now = clock.instant();
        List<Instant> turns = new ArrayList<>();
        for (int day = 2; day <= 8; day++) {
            turns.add(now.minus(Duration.ofDays(day)).minusSeconds(1_800));
        }
        ProactiveCandidate ann = new ProactiveCandidate(new BehaviourInput("ann", turns, null, List.of(), null),
                COACH, false);

        // WHEN
        ProactiveMessage message = planner(model, SETTINGS).plan(ann).orElseThrow();

        // THEN it moves to the end of the quiet hours
        assertThat(message.deliverAt()).isEqualTo(Instant.parse("2026-03-11T08:00:00Z"));
        assertThat(SETTINGS.quiet(LocalTime.ofInstant(message.deliverAt(), ZoneOffset.UTC))).isFalse();
        assertThat(message.deliverAt()).isBefore(now.plus(SETTINGS.deliveryWindow()));
    }

    @Test
    void quietHoursAndTheUsualHourAreTheUsersLocalOnes() {
        // GIVEN a user in Tokyo (UTC+9): 12:00 UTC is 21:00 there; quiet hours from 21:00 for this tenant
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        ProactiveSettings settings = SETTINGS.withQuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0));
        ProactiveCandidate ann = idleUser(NOON.minus(Duration.ofHours(30)), tokyo, List.of(), false);

        // WHEN
        ProactiveMessage message = planner(model, settings).plan(ann).orElseThrow();

        // THEN at the usual 09:00 Tokyo time the next morning
        assertThat(message.deliverAt().atZone(tokyo).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(message.deliverAt()).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
    }

    @Test
    void aUserActiveTwoHoursAgoGetsNothing() {
        // GIVEN active two hours ago, though a goal is far behind
        GoalStatus behind = new GoalStatus("run 5k", 0.1, 0.9, NOON.minus(Duration.ofDays(9)), null);
        ProactiveCandidate ann = idleUser(NOON.minus(Duration.ofHours(2)), ZoneOffset.UTC, List.of(behind), false);

        // WHEN
        Optional<ProactiveMessage> planned = planner(model, SETTINGS).plan(ann);

        // THEN
        assertThat(planned).isEmpty();
        assertThat(outbox.all()).isEmpty();
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void theTopPriorityTriggerWinsAndACappedTypeGivesWayToTheNext() {
        // GIVEN idle 30 h, a milestone due in 10 h, a goal 0.5 behind and stagnant 5 days
        GoalStatus goal = new GoalStatus("run 5k", 0.2, 0.7, NOON.minus(Duration.ofDays(5)), NOON.plus(Duration.ofHours(10)));
        ProactiveCandidate ann = idleUser(NOON.minus(Duration.ofHours(30)), ZoneOffset.UTC, List.of(goal), true);
        // a milestone message already went out yesterday, and the per-type cap is one a week
        ProactiveSettings settings = new ProactiveSettings(SETTINGS.inactivity(), SETTINGS.stagnation(),
                SETTINGS.goalDeviation(), SETTINGS.motivationDrop(), SETTINGS.milestoneDue(), SETTINGS.minimumIdle(),
                SETTINGS.dailyCap(), 1, SETTINGS.perTypeWindow(), SETTINGS.quietStart(), SETTINGS.quietEnd(),
                SETTINGS.deliveryWindow(), SETTINGS.lookback());
        Instant yesterday = NOON.minus(Duration.ofHours(25));
        outbox.add(new ProactiveMessage("earlier", "ann", "coach",
                new Trigger(TriggerType.MILESTONE_DUE, 5.5, null), "Go!", yesterday, yesterday, Channel.WEBHOOK,
                ProactiveState.SENT));

        // WHEN
        List<Trigger> fired = new TriggerRules(settings).evaluate(
                BehaviourAnalysis.of(ann.behaviour(), NOON, settings.lookback()));
        ProactiveMessage message = planner(model, settings).plan(ann).orElseThrow();

        // THEN all four fire in priority order; the capped milestone gives way to inactivity
        assertThat(fired).extracting(Trigger::type).containsExactly(TriggerType.MILESTONE_DUE,
                TriggerType.INACTIVITY, TriggerType.GOAL_DEVIATION, TriggerType.PROGRESS_STAGNATION);
        assertThat(message.trigger().type()).isEqualTo(TriggerType.INACTIVITY);
        assertThat(message.channel()).isEqualTo(Channel.WEBSOCKET);
    }

    @Test
    void theMilestoneWinsWhenNothingIsCapped() {
        GoalStatus goal = new GoalStatus("run 5k", 0.2, 0.7, NOON.minus(Duration.ofDays(5)), NOON.plus(Duration.ofHours(10)));
        ProactiveCandidate ann = idleUser(NOON.minus(Duration.ofHours(30)), ZoneOffset.UTC, List.of(goal), false);

        ProactiveMessage message = planner(model, SETTINGS).plan(ann).orElseThrow();

        assertThat(message.trigger().type()).isEqualTo(TriggerType.MILESTONE_DUE);
        assertThat(model.requests().get(0).userMessage()).endsWith("Reason: Your milestone for \"run 5k\" is due within 10 hours.");
    }

    @Test
    void aReRunWithTheSameIdPlansNothingTwice() {
        // GIVEN another worker planned the same user's inactivity message today, with a cap that would allow more
        ProactiveSettings lenient = new ProactiveSettings(SETTINGS.inactivity(), SETTINGS.stagnation(),
                SETTINGS.goalDeviation(), SETTINGS.motivationDrop(), SETTINGS.milestoneDue(), SETTINGS.minimumIdle(),
                5, 5, SETTINGS.perTypeWindow(), SETTINGS.quietStart(), SETTINGS.quietEnd(),
                SETTINGS.deliveryWindow(), SETTINGS.lookback());
        ProactiveCandidate ann = idleUser(NOON.minus(Duration.ofHours(25)), ZoneOffset.UTC, List.of(), false);
        ProactivePlanner planner = planner(model, lenient);
        ProactiveMessage first = planner.plan(ann).orElseThrow();

        // WHEN it runs again later the same UTC day
        clock.advance(Duration.ofHours(3));
        Optional<ProactiveMessage> again = planner.plan(ann);

        // THEN the id is the same, the outbox refuses it
        assertThat(again).isEmpty();
        assertThat(outbox.all()).containsExactly(first);
        assertThat(ProactivePlanner.messageId("ann", TriggerType.INACTIVITY, clock.instant())).isEqualTo(first.id());
        assertThat(ProactivePlanner.messageId("ann", TriggerType.INACTIVITY, NOON.plus(Duration.ofDays(1))))
                .isNotEqualTo(first.id());
        assertThat(ProactivePlanner.messageId("bob", TriggerType.INACTIVITY, NOON)).isNotEqualTo(first.id());
        assertThat(first.id()).matches("p-[0-9a-f]{32}");
    }

    @Test
    void theOfflineModelWritesADeterministicCheckInInThePersonasVoice() {
        // GIVEN the local default model
        ProactiveCandidate ann = idleUser(NOON.minus(Duration.ofHours(25)), ZoneOffset.UTC, List.of(), false);
        Trigger trigger = Trigger.of(TriggerType.INACTIVITY, 0.04, java.util.Map.of("idleHours", "25"));
        OfflineChatModel offline = new OfflineChatModel();

        // WHEN
        String text = planner(offline, SETTINGS).plan(ann).orElseThrow().text();
        String again = offline.reply(ProactivePlanner.request(ann, trigger)).text();

        // THEN the same text every time, in the voice of Mira's dominant trait (honesty 0.9)
        assertThat(text).isEqualTo("(Offline mode) Hi, it's Mira, checking in. We have not talked for 25 hours."
                + " I'll be straight with you: I noticed, and I'd rather ask than guess. How are things going?");
        assertThat(again).isEqualTo(text);
    }

    @Test
    void anotherPersonasVoiceGivesAnotherOfflineText() {
        // GIVEN a persona whose empathy dominates
        PersonaView gentle = new PersonaView("gentle", "Ivo", "", "default",
                List.of(new dev.lumen.domain.persona.Trait("empathy", "Empathy", "", 0.95, false)), NOON);
        ProactiveCandidate ann = new ProactiveCandidate(
                new BehaviourInput("ann", habitAtNine(NOON.minus(Duration.ofHours(25)), ZoneOffset.UTC), null, List.of(), null),
                gentle, false);

        // WHEN
        String text = planner(new OfflineChatModel(), SETTINGS).plan(ann).orElseThrow().text();

        // THEN
        assertThat(text).startsWith("(Offline mode) Hi, it's Ivo, checking in.")
                .contains("No pressure at all; I just wanted to see how you are.");
    }
}
