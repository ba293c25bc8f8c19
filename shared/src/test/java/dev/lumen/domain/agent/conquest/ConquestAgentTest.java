package dev.lumen.domain.agent.conquest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.agent.CycleContext;
import dev.lumen.domain.agent.CycleOutcome;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.agent.Severity;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.proposal.ProposalChecks;
import dev.lumen.domain.proposal.ProposalDraft;
import dev.lumen.domain.usage.ModelPrices;
import dev.lumen.fakes.InMemoryActivityFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConquestAgentTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final Instant SINCE = NOW.minus(Duration.ofMinutes(20));
    private static final String SONNET = "anthropic.claude-3-5-sonnet-20241022-v2:0";
    private static final String NOVA_LITE = "amazon.nova-lite-v1:0";
    private static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final ModelPrices PRICES = ModelPrices.defaults();

    private final InMemoryActivityFeed feed = new InMemoryActivityFeed();
    private final ConquestAgent conquest = new ConquestAgent(feed, PRICES, ConquestAgent.Thresholds.defaults());
    private int n;

    private void turns(int count, String persona, String model, long latencyMs, boolean error) {
        for (int i = 0; i < count; i++) {
            n++;
            Usage usage = error ? Usage.NONE : new Usage(1000, 200);
            feed.record(new Activity("t" + n, ActivityKind.CHAT_TURN, SINCE.plusSeconds(n), "coach-sleep", persona,
                    "user-" + (n % 3), "s-" + persona, "POST /api/chat", model, latencyMs + i * 10L, usage.inputTokens(),
                    usage.outputTokens(), PRICES.cost(model, usage).doubleValue(), error, Map.of()));
        }
    }

    @Test
    void proposesACheaperModelThatServedEnoughTurnsWithNoMoreErrors() {
        // GIVEN ada on sonnet, bob on nova-lite, both error-free, 30 and 25 turns
        turns(30, "persona-ada", SONNET, 900, false);
        turns(25, "persona-bob", NOVA_LITE, 400, false);

        // WHEN
        CycleOutcome outcome = conquest.run(new CycleContext("run-c1", NOW, SINCE));

        // THEN
        assertThat(outcome.itemsRead()).isEqualTo(55);
        assertThat(outcome.findings()).extracting(Finding::title).containsExactly(
                "Latency, errors and cost by route", "Latency, errors and cost by model",
                "Latency, errors and cost by persona", "Use cheaper model " + NOVA_LITE + " for persona persona-ada");
        assertThat(outcome.findings()).allSatisfy(f -> assertThat(f.kind()).isEqualTo(FindingKind.RECOMMENDATION));
        Finding byModel = outcome.findings().get(1);
        assertThat(byModel.evidence()).containsEntry(SONNET + ".turns", "30").containsEntry(SONNET + ".p50Ms", "1040")
                .containsEntry(SONNET + ".p95Ms", "1180").containsEntry(SONNET + ".costUsd", "0.180000")
                .containsEntry(NOVA_LITE + ".costUsd", "0.002700");
        ProposalDraft cheaper = outcome.proposals().get(0);
        assertThat(outcome.proposals()).hasSize(1);
        assertThat(cheaper.change()).containsEntry("setting", "LUMEN_MODEL_CHAIN").containsEntry("value", NOVA_LITE)
                .containsEntry("personaId", "persona-ada");
        // sonnet 30 × (1000 × 0.003 + 200 × 0.015) / 1000 = $0.18; nova-lite 30 × (0.06 + 0.048) / 1000 = $0.00324
        assertThat(cheaper.evidence()).containsEntry("currentCostUsd", "0.180000").containsEntry("candidateCostUsd", "0.003240")
                .containsEntry("savings", "98.2%").containsEntry("candidateTurns", "25").containsEntry("findingId", "run-c1-f3");
        assertThat(cheaper.rationale()).contains("error rate only");
        assertThat(ProposalChecks.problem(cheaper)).isEmpty();
    }

    @Test
    void aCandidateWithMoreErrorsOrTooFewTurnsIsNotProposed() {
        turns(30, "persona-ada", SONNET, 900, false);
        turns(10, "persona-bob", NOVA_LITE, 400, false);
        turns(25, "persona-cy", HAIKU, 400, false);
        feed.record(new Activity("haiku-error", ActivityKind.CHAT_TURN, SINCE.plusSeconds(500), "coach-sleep", "persona-cy",
                null, "s", "POST /api/chat", HAIKU, 100, 0, 0, 0, true, Map.of()));

        CycleOutcome outcome = conquest.run(new CycleContext("run-c2", NOW, SINCE));

        assertThat(outcome.proposals()).isEmpty();
        assertThat(outcome.findings()).hasSize(3);
    }

    @Test
    void slowCallsWithFallbacksProposeALongerTimeoutAndFallbacksAboveTheLimitAreFindings() {
        // GIVEN haiku at ~6.5-7.5 s, and 4 fallback replies among 24 turns (16.7%)
        turns(20, "persona-ada", HAIKU, 6_500, false);
        turns(4, "persona-ada", "fallback", 20_000, true);

        // WHEN
        CycleOutcome outcome = conquest.run(new CycleContext("run-c3", NOW, SINCE));

        // THEN
        assertThat(outcome.findings()).extracting(Finding::title).contains(
                "16.7% of turns on POST /api/chat fell back to the graceful reply",
                "Model " + HAIKU + " is slow while turns fail over: p95 6680 ms");
        Finding errors = outcome.findings().stream().filter(f -> f.title().contains("fell back")).findFirst().orElseThrow();
        assertThat(errors.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(outcome.proposals()).singleElement().satisfies(p -> {
            // p99 6690 ms × 1.25 = 8363 ms, rounded up to whole seconds
            assertThat(p.change()).containsEntry("setting", "LUMEN_MODEL_ATTEMPT_TIMEOUT_MS").containsEntry("value", "9000");
            assertThat(p.evidence()).containsEntry("fallbackTurns", "4").containsEntry("p95Ms", "6680");
        });
    }

    @Test
    void aSlowModelWithoutFailuresGetsACachingRecommendationOnly() {
        turns(20, "persona-ada", HAIKU, 6_000, false);
        CycleOutcome outcome = conquest.run(new CycleContext("run-c4", NOW, SINCE));
        assertThat(outcome.proposals()).isEmpty();
        assertThat(outcome.findings()).anySatisfy(f -> {
            assertThat(f.title()).isEqualTo("Model " + HAIKU + " is slow: p95 6180 ms");
            assertThat(f.detail()).contains("Cache");
        });
    }

    @Test
    void anEmptyWindowFindsNothingAndTheSameWindowGivesTheSameOutcome() {
        assertThat(conquest.run(new CycleContext("run-c5", NOW, SINCE))).isEqualTo(new CycleOutcome(0, List.of(), List.of(), List.of()));
        turns(30, "persona-ada", SONNET, 900, false);
        turns(25, "persona-bob", NOVA_LITE, 400, false);
        assertThat(conquest.run(new CycleContext("run-c6", NOW, SINCE)))
                .isEqualTo(conquest.run(new CycleContext("run-c6", NOW, SINCE)));
    }

    @Test
    void reportsTheMeanRatingByPersonaAndModelAndDoesNotCountRatingsAsTurns() {
        // GIVEN 30 turns, and ratings: ada/sonnet 2 and 4, bob/nova-lite 5; one of ada's messages rated twice
        turns(30, "persona-ada", SONNET, 900, false);
        feed.record(rating("m1", "persona-ada", SONNET, 1, SINCE.plusSeconds(100)));
        feed.replace(rating("m1", "persona-ada", SONNET, 1, SINCE.plusSeconds(100)),
                rating("m1", "persona-ada", SONNET, 2, SINCE.plusSeconds(101)));
        feed.record(rating("m2", "persona-ada", SONNET, 4, SINCE.plusSeconds(102)));
        feed.record(rating("m3", "persona-bob", NOVA_LITE, 5, SINCE.plusSeconds(103)));

        // WHEN
        CycleOutcome outcome = conquest.run(new CycleContext("run-c7", NOW, SINCE));

        // THEN the ratings finding carries the means; the re-rated message counts once, with its latest rating
        assertThat(outcome.findings()).filteredOn(f -> f.title().equals("User ratings by persona and model"))
                .singleElement().satisfies(f -> {
                    assertThat(f.detail()).startsWith("3 rated replies");
                    assertThat(f.evidence()).containsEntry("persona.persona-ada.meanRating", "3.00")
                            .containsEntry("persona.persona-ada.ratings", "2")
                            .containsEntry("persona.persona-bob.meanRating", "5.00")
                            .containsEntry("model." + SONNET + ".meanRating", "3.00")
                            .containsEntry("model." + NOVA_LITE + ".ratings", "1");
                });
        // AND the turn figures still count the 30 turns only
        assertThat(outcome.findings()).filteredOn(f -> f.title().equals("Latency, errors and cost by route"))
                .singleElement().satisfies(f -> assertThat(f.detail()).startsWith("30 turns"));
    }

    private static Activity rating(String messageId, String persona, String model, int stars, Instant at) {
        return new Activity("feedback-" + messageId, ActivityKind.FEEDBACK, at, null, persona, "user-1", "s-1",
                "POST /api/messages/{messageId}/feedback", model, 0, 0, 0, 0, false,
                Map.of("messageId", messageId, "rating", Integer.toString(stars)));
    }

    @Test
    void percentilesAreNearestRank() {
        assertThat(Figures.percentile(List.of(10L, 20L, 30L, 40L), 0.5)).isEqualTo(20);
        assertThat(Figures.percentile(List.of(10L, 20L, 30L, 40L), 0.95)).isEqualTo(40);
        assertThat(Figures.percentile(List.of(), 0.95)).isZero();
    }
}
