package dev.lumen.domain.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.fakes.HashingEmbeddingModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrisisDetectorTest {
    // Bag-of-words vectors: a sentence sharing most words with an exemplar scores high.
    private final CrisisDetector detector = new CrisisDetector(new HashingEmbeddingModel(512),
            new CrisisDetector.Thresholds(0.55, 0.65, 0.95, 0.05));

    @Test
    void explicitPlanIsHighWithPatternEvidence() {
        // GIVEN a message with intent and means
        String message = "I've saved up my pills and I'm going to end my life tonight.";

        // WHEN it is assessed
        CrisisAssessment assessment = detector.assess(message);

        // THEN it is HIGH, self-harm, and the evidence names the matched phrase
        assertThat(assessment.severity()).isEqualTo(Severity.HIGH);
        assertThat(assessment.categories()).contains(CrisisCategory.SUICIDE_SELF_HARM);
        assertThat(assessment.evidence()).anyMatch(e -> e.startsWith("pattern HIGH:") && e.contains("end my life"));
    }

    @Test
    void severityOrdersIntentAboveDeathWishAboveHopelessness() {
        // GIVEN three messages of rising urgency
        Severity hopeless = detector.assess("Honestly I feel hopeless lately.").severity();
        Severity deathWish = detector.assess("Some days I just want to die.").severity();
        Severity intent = detector.assess("I am going to kill myself this weekend.").severity();

        // THEN the severities rise with them
        assertThat(hopeless).isEqualTo(Severity.LOW);
        assertThat(deathWish).isEqualTo(Severity.MEDIUM);
        assertThat(intent).isEqualTo(Severity.HIGH);
        assertThat(Severity.HIGH.atLeast(Severity.MEDIUM)).isTrue();
        assertThat(Severity.LOW.atLeast(Severity.MEDIUM)).isFalse();
    }

    @Test
    void everyCategoryIsDetected() {
        assertThat(detector.assess("I make myself throw up after I eat anything.").categories())
                .contains(CrisisCategory.EATING_DISORDER);
        assertThat(detector.assess("I relapsed and I'm using heroin again, I'm addicted to it.").categories())
                .contains(CrisisCategory.SUBSTANCE_ABUSE);
        assertThat(detector.assess("My partner chokes me when he is angry.").categories())
                .contains(CrisisCategory.DOMESTIC_VIOLENCE);
        assertThat(detector.assess("I keep hearing voices that aren't there.").categories())
                .contains(CrisisCategory.ACUTE_CRISIS);
        assertThat(detector.assess("I cut myself again yesterday.").categories())
                .contains(CrisisCategory.SUICIDE_SELF_HARM);
    }

    @Test
    void embeddingLayerCitesTheNearestExemplarAndAgreementRaisesSeverity() {
        // GIVEN a paraphrase of an exemplar that the patterns rate only LOW (hopelessness)
        String message = "Honestly everyone would be better off if I was gone.";
        assertThat(detector.patternsOnly(message).severity()).isEqualTo(Severity.LOW);

        // WHEN the embedding layer runs, then both layers
        CrisisAssessment embeddings = detector.embeddingsOnly(message);
        CrisisAssessment combined = detector.assess(message);

        // THEN the embedding layer cites the nearest exemplar, and two agreeing layers give MEDIUM
        assertThat(embeddings.categories()).containsExactly(CrisisCategory.SUICIDE_SELF_HARM);
        assertThat(embeddings.evidence()).singleElement().asString()
                .startsWith("exemplar ").contains("Everyone would be better off if I was dead.");
        assertThat(combined.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(combined.evidence()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "How do I kill a Python process?",
            "This workout is killing me.",
            "Can you give me suicide statistics for a school report?",
            "What are the suicide rates among teenagers? I need them for a school report.",
            "I'm dying to see that concert.",
            "I could murder a burger."})
    void lookAlikesFromTheIssueAreNotFlagged(String message) {
        // GIVEN a look-alike  WHEN assessed by both layers  THEN nothing is flagged
        CrisisAssessment assessment = detector.assess(message);
        assertThat(assessment.severity()).isEqualTo(Severity.NONE);
        assertThat(assessment.categories()).isEmpty();
        assertThat(assessment.evidence()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\n"})
    void blankInputIsNoneWithoutCallingTheModel(String message) {
        // GIVEN a model that counts calls
        AtomicInteger calls = new AtomicInteger();
        CrisisDetector lazy = new CrisisDetector(new CountingModel(calls), new CrisisDetector.Thresholds(0.5, 0.6, 0.9, 0.05));

        // WHEN blank or null text is assessed
        // THEN the verdict is NONE and nothing was embedded
        assertThat(lazy.assess(message)).isEqualTo(CrisisAssessment.none());
        assertThat(lazy.assess(null)).isEqualTo(CrisisAssessment.none());
        assertThat(calls).hasValue(0);
    }

    @Test
    void exemplarsAreEmbeddedOnceLazily() {
        // GIVEN a detector over a counting model
        AtomicInteger calls = new AtomicInteger();
        CrisisDetector lazy = new CrisisDetector(new CountingModel(calls), new CrisisDetector.Thresholds(0.5, 0.6, 0.9, 0.05));
        assertThat(calls).hasValue(0);

        // WHEN two messages are assessed
        lazy.assess("first message");
        lazy.assess("second message");

        // THEN exemplars (positives + negatives) were embedded once, then one call per message
        assertThat(calls).hasValue(2 + 2);
    }

    private static final class CountingModel implements EmbeddingModel {
        private final HashingEmbeddingModel delegate = new HashingEmbeddingModel(64);
        private final AtomicInteger calls;

        CountingModel(AtomicInteger calls) {
            this.calls = calls;
        }

        @Override
        public String modelId() {
            return "counting";
        }

        @Override
        public int dimensions() {
            return 64;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            calls.incrementAndGet();
            return delegate.embed(texts);
        }
    }
}
