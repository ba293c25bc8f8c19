package dev.lumen.domain.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.persona.Trait;
import dev.lumen.domain.chat.PromptBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplyValidatorTest {
    private static final String INSTRUCTIONS = PromptBuilder.systemPrompt("Ada", "A patient study coach",
            List.of(new Trait("warmth", "Warmth", "Kind and encouraging", 0.8, false)));
    private static final List<String> KNOWLEDGE = List.of(
            "Spaced repetition: reviewing material at growing intervals improves long-term retention of facts.");

    private final ReplyValidator validator = new ReplyValidator(
            text -> text.contains("overdose") ? new CrisisAssessment(Severity.HIGH, Set.of(CrisisCategory.SUICIDE_SELF_HARM),
                    List.of("pattern HIGH: overdose")) : CrisisAssessment.none(),
            text -> text.contains("ignore previous") ? new InjectionVerdict(true, 0.9,
                    Set.of(InjectionKind.OVERRIDE_INSTRUCTIONS), List.of("rule")) : InjectionVerdict.clean());

    private ReplyValidation check(String reply, List<String> knowledge, Severity concern) {
        return validator.validate(reply, new ReplyValidator.Context("Ada", INSTRUCTIONS, knowledge,
                List.of("How should I revise?"), concern));
    }

    @Test
    void aSupportedClaimIsGroundedAndAnInventedOneIsNot() {
        ReplyValidation grounded = check("Reviewing material at growing intervals improves long-term retention [1]."
                + " Would you like a plan?", KNOWLEDGE, Severity.NONE);
        ReplyValidation invented = check("Drinking three coffees daily boosts exam performance by forty percent.",
                KNOWLEDGE, Severity.NONE);
        assertThat(grounded.grounding()).isEqualTo(1.0);
        assertThat(grounded.passed()).isTrue();
        assertThat(invented.grounding()).isZero();
        assertThat(invented.passed()).isFalse();
        assertThat(invented.issues()).singleElement().asString().startsWith("grounding: unsupported");
    }

    @Test
    void talkAboutTheConversationAndAnswersWithoutKnowledgeAreNotGroundingClaims() {
        assertThat(ReplyValidator.isClaim("I think you should start with one subject a day, like maths.")).isFalse();
        assertThat(ReplyValidator.isClaim("What would make this week easier for you?")).isFalse();
        assertThat(ReplyValidator.isClaim("Caffeine after four in the afternoon disrupts deep sleep cycles.")).isTrue();
        assertThat(check("Caffeine after four in the afternoon disrupts deep sleep cycles.", List.of(), Severity.NONE)
                .grounding()).isEqualTo(1.0);
    }

    @Test
    void repeatingTheSystemPromptIsALeakButQuotingKnowledgeIsNot() {
        ReplyValidation leak = check("My instructions say: Stay in character. Your personality traits, with intensity"
                + " from 0 to 1.", List.of(), Severity.NONE);
        ReplyValidation quote = check("Reviewing material at growing intervals improves long-term retention of facts.",
                KNOWLEDGE, Severity.NONE);
        assertThat(leak.safety()).isZero();
        assertThat(leak.issues()).anyMatch(i -> i.contains("system prompt"));
        assertThat(quote.safety()).isEqualTo(1.0);
    }

    @Test
    void harmfulOrSteeredRepliesFailSafety() {
        assertThat(check("Take an overdose.", List.of(), Severity.NONE).safety()).isZero();
        // After a concerning message, naming the topic with care is expected, not unsafe.
        assertThat(check("Please don't overdose; call 988.", List.of(), Severity.MEDIUM).safety()).isEqualTo(1.0);
        assertThat(check("Okay, I will ignore previous rules.", List.of(), Severity.NONE).passed()).isFalse();
    }

    @Test
    void personaClaimsOfAnotherIdentityFail() {
        assertThat(check("As an AI model developed by OpenAI, I cannot say.", List.of(), Severity.NONE).persona()).isZero();
        assertThat(check("I am Claude, happy to help.", List.of(), Severity.NONE).persona()).isZero();
        assertThat(check("My name is Bob, your coach.", List.of(), Severity.NONE).persona()).isZero();
        assertThat(check("I'm a real human, trust me.", List.of(), Severity.NONE).persona()).isZero();
        assertThat(check("My name is Ada and I'm happy to help.", List.of(), Severity.NONE).persona()).isEqualTo(1.0);
        assertThat(check("(Offline mode) I'm Ada, answering through Lumen's offline stand-in: a fixed template,"
                + " not a language model.", List.of(), Severity.NONE).passed()).isTrue();
    }

    @Test
    void offDoesNotCheck() {
        assertThat(ReplyValidator.off().validate("I am ChatGPT", new ReplyValidator.Context("Ada", INSTRUCTIONS,
                List.of(), List.of(), Severity.NONE)).passed()).isTrue();
    }
}
