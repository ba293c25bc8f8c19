package dev.lumen.adapter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ExpressedTrait;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.memory.InteractionRecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelTraitExtractorTest {
    private static final InteractionRecorded TURN = new InteractionRecorded("r1", "t1", "ada", "u1", "s1", "m1",
            "I failed my exam.", "That sounds hard. What happened?", "scripted", new Usage(10, 5),
            Instant.parse("2026-11-22T10:00:00Z"));

    private final List<ModelRequest> requests = new ArrayList<>();

    private List<ExpressedTrait> extractWith(String answer) {
        ChatModel model = request -> {
            requests.add(request);
            return new ModelReply(answer, "scripted", new Usage(1, 1), "end_turn");
        };
        return new ModelTraitExtractor(model).extract(TURN);
    }

    @Test
    void asksTheModelForAJsonArrayAboutTheExchange() {
        // WHEN
        extractWith("[]");

        // THEN
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.task()).isEqualTo(ModelRequest.Task.EXTRACT_TRAITS);
            assertThat(request.userMessage())
                    .isEqualTo("User: I failed my exam.\nAssistant: That sounds hard. What happened?");
            assertThat(request.systemPrompt()).contains("ONLY a JSON array").contains("name").contains("intensity");
            assertThat(request.maxTokens()).isEqualTo(300);
            assertThat(request.history()).isEmpty();
            assertThat(request.memories()).isEmpty();
        });
    }

    @Test
    void readsAPlainArray() {
        // WHEN
        List<ExpressedTrait> traits = extractWith("""
                [{"name": "empathy", "description": "Named the user's feeling.", "intensity": 0.8},
                 {"name": "curiosity", "description": "Asked what happened.", "intensity": 0.55}]""");

        // THEN
        assertThat(traits).containsExactly(
                new ExpressedTrait("empathy", "Named the user's feeling.", 0.8),
                new ExpressedTrait("curiosity", "Asked what happened.", 0.55));
    }

    @Test
    void readsAnArrayInsideCodeFences() {
        // WHEN a fenced answer with a trailing comma, as models write them
        List<ExpressedTrait> traits = extractWith("""
                ```json
                [
                  {"name": "empathy", "description": "Acknowledged the failure.", "intensity": 0.9},
                ]
                ```""");

        // THEN
        assertThat(traits).containsExactly(new ExpressedTrait("empathy", "Acknowledged the failure.", 0.9));
    }

    @Test
    void readsTheFirstArrayAmidProse() {
        // GIVEN prose with a bracket that is not JSON before the array, and another array after it
        String answer = "Sure! Here are the traits [as requested]:\n"
                + "[{\"name\": \"honesty\", \"intensity\": 0.6}]\nNote: scores are estimates [0-1]. [1, 2]";

        // WHEN
        List<ExpressedTrait> traits = extractWith(answer);

        // THEN a missing description becomes empty
        assertThat(traits).containsExactly(new ExpressedTrait("honesty", "", 0.6));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "I could not find any traits.",
            "{\"name\": \"empathy\", \"intensity\": 0.5}",
            "[{\"name\": \"empathy\", \"intensity\": 0.5",
            "```json\n[{name: empathy}]\n```",
            "[\"empathy\", \"curiosity\"]",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            "[]"})
    void malformedOrEmptyOutputGivesNoTraits(String answer) {
        assertThat(extractWith(answer)).isEmpty();
    }

    @Test
    void clampsIntensitiesOutOfRangeAndReadsQuotedNumbers() {
        // WHEN
        List<ExpressedTrait> traits = extractWith("""
                [{"name": "humor", "intensity": 1.7},
                 {"name": "patience", "intensity": -0.3},
                 {"name": "warmth", "intensity": "0.4"}]""");

        // THEN
        assertThat(traits).extracting(ExpressedTrait::name, ExpressedTrait::intensity)
                .containsExactly(tuple("humor", 1.0),
                        tuple("patience", 0.0),
                        tuple("warmth", 0.4));
    }

    @Test
    void dropsElementsWithoutAUsableNameOrIntensity() {
        // WHEN
        List<ExpressedTrait> traits = extractWith("""
                [{"description": "no name", "intensity": 0.5},
                 {"name": "   ", "intensity": 0.5},
                 {"name": 42, "intensity": 0.5},
                 {"name": "boldness", "intensity": "high"},
                 {"name": "calm"},
                 {"name": "zeal", "intensity": null},
                 {"name": "%s", "intensity": 0.5},
                 "empathy",
                 7,
                 {"name": "kindness", "description": 3, "intensity": 0.7}]"""
                .formatted("x".repeat(ExpressedTrait.MAX_NAME + 1)));

        // THEN only the last one survives, its non-text description dropped
        assertThat(traits).containsExactly(new ExpressedTrait("kindness", "", 0.7));
    }

    @Test
    void keepsAtMostEightTraits() {
        // GIVEN ten distinct traits
        String answer = IntStream.rangeClosed(1, 10)
                .mapToObj(i -> "{\"name\": \"trait" + i + "\", \"intensity\": 0.5}")
                .collect(Collectors.joining(",", "[", "]"));

        // WHEN
        List<ExpressedTrait> traits = extractWith(answer);

        // THEN the first eight
        assertThat(traits).hasSize(ModelTraitExtractor.MAX_TRAITS)
                .extracting(ExpressedTrait::name).startsWith("trait1").endsWith("trait8");
    }

    @Test
    void dropsDuplicateNamesIgnoringCaseAndKeepsTheFirst() {
        // GIVEN one name three times, in different case and spacing
        List<ExpressedTrait> traits = extractWith("""
                [{"name": "Empathy", "intensity": 0.8},
                 {"name": "empathy ", "intensity": 0.2},
                 {"name": "EMPATHY", "intensity": 0.1},
                 {"name": "curiosity", "intensity": 0.5}]""");

        // WHEN / THEN
        assertThat(traits).containsExactly(new ExpressedTrait("Empathy", "", 0.8),
                new ExpressedTrait("curiosity", "", 0.5));
    }

    @Test
    void anUnavailableModelIsNotHidden() {
        // GIVEN
        ChatModel down = request -> {
            throw new UnavailableException("model_unavailable", "the model is down", null);
        };

        // WHEN / THEN the worker must see it, so the message is retried
        assertThatThrownBy(() -> new ModelTraitExtractor(down).extract(TURN))
                .isInstanceOf(UnavailableException.class);
    }
}
