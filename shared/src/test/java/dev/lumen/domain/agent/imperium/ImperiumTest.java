package dev.lumen.domain.agent.imperium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.adapter.offline.OfflineChatModel;
import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityFeed;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.CycleContext;
import dev.lumen.domain.agent.CycleOutcome;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.agent.Severity;
import dev.lumen.domain.custody.Custody;
import dev.lumen.domain.custody.Graders;
import dev.lumen.domain.custody.KnowledgeTransfer;
import dev.lumen.domain.custody.TestBank;
import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.proposal.ProposalType;
import dev.lumen.fakes.InMemoryActivityFeed;
import dev.lumen.fakes.InMemoryCustodyRepository;
import dev.lumen.fakes.InMemoryExamTranscripts;
import dev.lumen.fakes.InMemoryFindingRepository;
import dev.lumen.fakes.InMemoryLearningRepository;
import dev.lumen.fakes.InMemoryMentoringMaterial;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImperiumTest {
    private static final OfflineChatModel MODEL = new OfflineChatModel();
    private static final Graders GRADERS = Graders.standard(MODEL);
    private static final TestBank BANK = TestBank.load(GRADERS);
    private static final Instant NOW = Instant.parse("2026-12-01T10:30:00Z");
    private static final Instant SINCE = NOW.minusSeconds(1800);

    private final InMemoryActivityFeed feed = new InMemoryActivityFeed();
    private final InMemoryFindingRepository findings = new InMemoryFindingRepository();
    private final InMemoryLearningRepository learning = new InMemoryLearningRepository();
    private final Custody custody = new Custody(BANK, GRADERS, MODEL, new InMemoryCustodyRepository(),
            new InMemoryExamTranscripts(), new InMemoryMentoringMaterial(), Clock.systemUTC());
    private final Imperium imperium = new Imperium(feed, findings, learning, new KnowledgeTransfer(custody));

    private static Activity turn(int i, String personaId, String userId, boolean degraded) {
        return new Activity("turn-" + i, ActivityKind.CHAT_TURN, SINCE.plusSeconds(10L * i + 1), "default", personaId,
                userId, "s-" + userId, "POST /api/chat", degraded ? "fallback" : "lumen-offline", 40, 100, 50, 0.001,
                degraded, i == 0 ? Map.of("crisisSeverity", "HIGH") : Map.of());
    }

    private void mood(String userId, String state, double level) {
        learning.setEmotionalState(userId, new EmotionalState(level, state, List.of(), NOW.minusSeconds(60), EmotionalState.LEARNED));
    }

    private CycleOutcome cycle() {
        return imperium.run(new CycleContext("imperium-1", NOW, SINCE));
    }

    @Test
    void distilsTheWindowIntoCountedFacts() {
        // GIVEN 6 turns with ada (3 degraded, one a crisis), 2 with bo, one outside the window
        for (int i = 0; i < 6; i++) {
            feed.record(turn(i, "ada", "user-" + (i % 3), i % 2 == 1));
        }
        feed.record(turn(6, "bo", "user-9", false));
        feed.record(turn(7, "bo", "user-9", false));
        feed.record(new Activity("old", ActivityKind.CHAT_TURN, SINCE.minusSeconds(5), "default", "ada", "user-0",
                "s", "POST /api/chat", "fallback", 1, 1, 1, 0, true, Map.of()));

        CycleOutcome outcome = cycle();

        Finding window = outcome.findings().stream().filter(f -> f.id().equals("imperium-1-insight-0")).findFirst().orElseThrow();
        assertThat(window.kind()).isEqualTo(FindingKind.INSIGHT);
        assertThat(window.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(window.evidence()).containsEntry("chatTurns", "8").containsEntry("users", "4")
                .containsEntry("degradedTurns", "3").containsEntry("degradedShare", "0.375")
                .containsEntry("crisisFlags", "1").containsEntry("busiestPersonas", "ada:6,bo:2");
        assertThat(outcome.findings()).anySatisfy(f -> {
            assertThat(f.title()).isEqualTo("Persona ada often answers degraded");
            assertThat(f.evidence()).containsEntry("degradedShare", "0.500");
        });
        assertThat(outcome.findings()).noneSatisfy(f -> assertThat(f.title()).contains("Persona bo"));
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.itemsRead()).isGreaterThanOrEqualTo(8);
    }

    private static Activity rating(String messageId, String personaId, int stars, int second) {
        return new Activity("feedback-" + messageId, ActivityKind.FEEDBACK, SINCE.plusSeconds(second), null, personaId,
                "user-r", "s-r", "POST /api/messages/{messageId}/feedback", "lumen-offline", 0, 0, 0, 0, false,
                Map.of("messageId", messageId, "rating", Integer.toString(stars)));
    }

    @Test
    void flagsAPersonaWhoseUsersRateItLow() {
        // GIVEN ada rated 1, 2, 3 (mean 2.0), bo rated 5, 4, 2 (mean 3.67), cy rated 1 only once
        int[] ada = {1, 2, 3};
        int[] bo = {5, 4, 2};
        for (int i = 0; i < 3; i++) {
            feed.record(rating("a" + i, "ada", ada[i], 10 + i));
            feed.record(rating("b" + i, "bo", bo[i], 20 + i));
        }
        feed.record(rating("c0", "cy", 1, 30));

        CycleOutcome outcome = cycle();

        // THEN one INSIGHT for ada only: bo's mean is fine and cy has too few ratings
        assertThat(outcome.findings()).filteredOn(f -> f.title().contains("rated low")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.INSIGHT);
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.title()).isEqualTo("Persona ada is rated low by its users");
            assertThat(f.evidence()).containsEntry("meanRating", "2.00").containsEntry("ratings", "3");
        });
    }

    @Test
    void proposesMoreEmpathyWhereMostUsersFeelBad() {
        // GIVEN ada's three users: two anxious, one calm; bo's two users: one sad, one joyful
        for (int i = 0; i < 3; i++) {
            feed.record(turn(i, "ada", "user-" + i, false));
        }
        feed.record(turn(3, "bo", "user-7", false));
        feed.record(turn(4, "bo", "user-8", false));
        mood("user-0", "anxious", 0.8);
        mood("user-1", "stressed", 0.6);
        mood("user-2", "calm", 0.9);
        mood("user-7", "sad", 0.3);
        mood("user-8", "joyful", 0.7);

        CycleOutcome outcome = cycle();

        assertThat(outcome.proposals()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(ProposalType.TRAIT_ADJUSTMENT);
            assertThat(p.change()).containsEntry("personaId", "ada").containsEntry("traitId", "empathy")
                    .containsEntry("action", "increase").containsEntry("intensity", "0.1");
            assertThat(p.evidence()).containsEntry("negativeUsers", "2").containsEntry("users", "3");
        });
    }

    @Test
    void summarisesTheOtherAgentsFindingsAndRunsKnowledgeTransfer() {
        // GIVEN a Guardian finding in the window and every agent examined once
        findings.saveAll(List.of(new Finding("g-1-0", AgentType.GUARDIAN, "g-1", FindingKind.SECURITY, Severity.HIGH,
                "Secret in a knowledge chunk", "", Map.of("chunk", "c-1"), NOW.minusSeconds(100))));
        for (AgentType agent : AgentType.values()) {
            custody.examine(agent, "exam-" + agent.slug());
        }

        CycleOutcome outcome = cycle();

        assertThat(outcome.findings()).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo("imperium-1-insight-agents");
            assertThat(f.evidence()).containsEntry("guardian.SECURITY", "1").containsEntry("mostSevereLevel", "HIGH");
        });
        assertThat(outcome.findings()).filteredOn(f -> f.kind() == FindingKind.KNOWLEDGE_TRANSFER).hasSize(8);
        assertThat(outcome.findings()).extracting(Finding::id).doesNotHaveDuplicates();
    }

    @Test
    void aFailingSourceIsAnErrorAndTheRestOfTheCycleGoesOn() {
        ActivityFeed broken = new ActivityFeed() {
            @Override
            public void record(Activity activity) {
            }

            @Override
            public List<Activity> between(Instant from, Instant to, int limit) {
                throw new IllegalStateException("table unavailable");
            }

            @Override
            public void replace(Activity previous, Activity next) {
                throw new IllegalStateException("table unavailable");
            }

            @Override
            public int eraseUser(String userId) {
                throw new IllegalStateException("table unavailable");
            }
        };
        for (AgentType agent : AgentType.values()) {
            custody.examine(agent, "exam-" + agent.slug());
        }

        CycleOutcome outcome = new Imperium(broken, null, null, new KnowledgeTransfer(custody))
                .run(new CycleContext("imperium-2", NOW, SINCE));

        assertThat(outcome.errors()).containsExactly("activity feed: IllegalStateException");
        assertThat(outcome.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.kind()).isEqualTo(FindingKind.KNOWLEDGE_TRANSFER));
    }
}
