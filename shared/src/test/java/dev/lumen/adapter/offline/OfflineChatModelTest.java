package dev.lumen.adapter.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.adapter.model.ModelTraitExtractor;
import dev.lumen.domain.chat.ExpressedTrait;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.ModelRequest.Turn;
import dev.lumen.domain.chat.PromptBuilder;
import dev.lumen.domain.knowledge.CoachingContext;
import dev.lumen.domain.chat.Role;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.Trait;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineChatModelTest {
    // Core traits are empathy 0.70, honesty 0.90, curiosity 0.50; humor 0.95 becomes the strongest.
    private static final List<Trait> TRAITS = CoreTraits.defaults().effective(List.of(
            new Trait("humor", "Humor", "Lightens serious moments with a joke", 0.95, false)));

    private final OfflineChatModel model = new OfflineChatModel();

    @Test
    void answersTheSameRequestTheSameWay() {
        // GIVEN
        ModelRequest request = request("Bruno", TRAITS, List.of(new Turn(Role.USER, "Hello there")),
                "How should I prepare for my marathon?");

        // WHEN
        ModelReply first = model.reply(request);
        ModelReply second = new OfflineChatModel().reply(request);

        // THEN
        assertThat(second).isEqualTo(first);
    }

    @Test
    void saysItIsAnOfflineStandInLabelledAsSuch() {
        // WHEN
        ModelReply reply = model.reply(request("Bruno", TRAITS, List.of(), "How should I prepare for my marathon?"));

        // THEN
        assertThat(reply.text()).contains("Offline").contains("not a language model");
        assertThat(reply.model()).isEqualTo("lumen-offline");
        assertThat(reply.stopReason()).isEqualTo("offline");
    }

    @Test
    void reflectsThePersonasNameAndItsTwoStrongestTraits() {
        // WHEN
        String text = model.reply(request("Bruno", TRAITS, List.of(), "How should I prepare for my marathon?")).text();

        // THEN humor (0.95) and honesty (0.90), not the weaker empathy and curiosity
        assertThat(text).contains("I'm Bruno").contains("Humor (0.95)").contains("Honesty (0.90)")
                .doesNotContain("Empathy").doesNotContain("Curiosity");
    }

    @Test
    void answersFromTheMessagesKeyTerms() {
        // WHEN a question and a statement
        String question = model.reply(request("Bruno", TRAITS, List.of(), "How should I prepare for my marathon?")).text();
        String statement = model.reply(request("Bruno", TRAITS, List.of(), "My knee hurts after long runs.")).text();

        // THEN each reply picks up its own message's topic, and tells a question from a statement
        assertThat(question).contains("You asked about").contains("marathon").contains("prepare")
                .doesNotContain("knee");
        assertThat(statement).contains("You told me about").contains("knee").contains("hurts")
                .doesNotContain("marathon");
    }

    @Test
    void toneFollowsTheStrongestCoreTrait() {
        // GIVEN a persona whose empathy dominates
        List<Trait> empathic = CoreTraits.defaults().effective(List.of(
                new Trait("empathy", "Empathy", "Notices feelings", 0.95, false)));

        // WHEN
        String text = model.reply(request("Mia", empathic, List.of(), "I failed my exam today.")).text();

        // THEN the reply acknowledges feelings first
        assertThat(text).contains("Whatever you are feeling about this, it matters");
        assertThat(model.reply(request("Bruno", TRAITS, List.of(), "I failed my exam today.")).text())
                .doesNotContain("feeling");
    }

    @Test
    void remembersTheEarlierTurnsOfTheSession() {
        // GIVEN two earlier turns, the first about the user's dog
        List<Turn> history = List.of(
                new Turn(Role.USER, "My puppy Biscuit keeps chewing shoes."),
                new Turn(Role.ASSISTANT, "That sounds frustrating."));

        // WHEN
        String later = model.reply(request("Bruno", TRAITS, history, "What toys would help?")).text();
        String fresh = model.reply(request("Bruno", TRAITS, List.of(), "What toys would help?")).text();

        // THEN the reply names a term from the first user turn and the history's size
        assertThat(later).contains("Earlier you mentioned \"biscuit\"").contains("2 earlier messages");
        assertThat(fresh).doesNotContain("Earlier").doesNotContain("earlier messages");
    }

    @Test
    void estimatesTokenUsage() {
        // GIVEN
        ModelRequest request = request("Bruno", TRAITS, List.of(), "Hi");

        // WHEN
        ModelReply reply = model.reply(request);

        // THEN about four characters a token, the prompt counted as input
        assertThat(reply.usage().inputTokens())
                .isEqualTo(OfflineChatModel.estimateTokens(request.systemPrompt().length() + 2))
                .isGreaterThan(1);
        assertThat(reply.usage().outputTokens()).isEqualTo(OfflineChatModel.estimateTokens(reply.text().length()));
        assertThat(OfflineChatModel.estimateTokens(0)).isEqualTo(1);
        assertThat(OfflineChatModel.estimateTokens(9)).isEqualTo(3);
    }

    @Test
    void weavesTheMostSimilarMemoryIntoTheReply() {
        // GIVEN two recalled exchanges, most similar first, as chat passes them
        List<String> memories = List.of(
                "User: My puppy Biscuit keeps chewing shoes.\nAssistant: That sounds frustrating.",
                "User: I like green tea.\nAssistant: Noted.");

        // WHEN
        String remembering = model.reply(withMemories("What toys would help?", memories)).text();
        String forgetful = model.reply(withMemories("What toys would help?", List.of())).text();

        // THEN the user's own words of the first memory come back, not the assistant's
        assertThat(remembering)
                .contains("Earlier you told me: \"My puppy Biscuit keeps chewing shoes.\" (and 1 more thing you told me before).")
                .doesNotContain("That sounds frustrating").doesNotContain("green tea");
        assertThat(forgetful).doesNotContain("Earlier you told me");
    }

    @Test
    void quotesALongMemoryShortened() {
        // GIVEN
        String told = "I have been training for the Berlin marathon since January and my left knee started"
                + " hurting after every long run over twenty kilometres";

        // WHEN
        String text = model.reply(withMemories("Any news?", List.of("User: " + told + "\nAssistant: Ouch."))).text();

        // THEN at most 80 characters of it, cut between words
        String quoted = text.substring(text.indexOf("Earlier you told me: \"") + 22, text.indexOf("\u2026\""));
        assertThat(quoted).hasSizeLessThan(80);
        assertThat(told).startsWith(quoted + " ");
        assertThat(text).doesNotContain("Ouch");
    }

    @Test
    void extractsTheTraitsAReplyShowsAsAJsonArray() {
        // GIVEN an exchange whose reply is empathic, curious and encouraging; "honestly" is the user's word only
        String exchange = "User: Honestly, I failed my exam.\nAssistant: I'm sorry, that sounds hard. What happened?"
                + " You can do this, keep going.";

        // WHEN
        ModelReply reply = model.reply(extraction(exchange));
        List<ExpressedTrait> traits = ModelTraitExtractor.parse(reply.text());

        // THEN
        assertThat(reply.text()).startsWith("[").endsWith("]");
        assertThat(reply.model()).isEqualTo("lumen-offline");
        assertThat(traits).extracting(ExpressedTrait::name)
                .containsExactlyInAnyOrder("empathy", "curiosity", "encouragement");
        assertThat(traits).allSatisfy(t -> assertThat(t.intensity()).isBetween(0.3, 1.0));
        // two empathy cues in three sentences are denser than one question
        ExpressedTrait empathy = traits.stream().filter(t -> t.name().equals("empathy")).findFirst().orElseThrow();
        ExpressedTrait curiosity = traits.stream().filter(t -> t.name().equals("curiosity")).findFirst().orElseThrow();
        assertThat(empathy.intensity()).isGreaterThan(curiosity.intensity());
        assertThat(empathy.description()).contains("\"sorry\"").contains("\"that sounds\"");
        assertThat(model.reply(extraction(exchange))).isEqualTo(reply);
    }

    @Test
    void extractsNoTraitsFromAFlatReply() {
        assertThat(model.reply(extraction("User: When?\nAssistant: The meeting is at noon.")).text()).isEqualTo("[]");
    }

    @Test
    void findsTheToneOfItsOwnOfflineReplies() {
        // GIVEN an offline reply in an empathic persona's voice
        List<Trait> empathic = CoreTraits.defaults().effective(List.of(
                new Trait("empathy", "Empathy", "Notices feelings", 0.95, false)));
        String reply = model.reply(request("Mia", empathic, List.of(), "I failed my exam today.")).text();

        // WHEN
        List<ExpressedTrait> traits = ModelTraitExtractor.parse(
                model.reply(extraction("User: I failed my exam today.\nAssistant: " + reply)).text());

        // THEN the tone line reads as empathy, the stand-in's disclaimer as honesty
        assertThat(traits).extracting(ExpressedTrait::name).contains("empathy", "honesty");
    }

    private static ModelRequest withMemories(String message, List<String> memories) {
        return new ModelRequest(PromptBuilder.systemPrompt("Bruno", "A coach.", TRAITS, memories, CoachingContext.NONE), List.of(), message,
                "Bruno", TRAITS, 1_024, memories, ModelRequest.Task.REPLY);
    }

    private static ModelRequest extraction(String exchange) {
        return new ModelRequest("Name the traits as a JSON array.", List.of(), exchange, "the assistant", List.of(),
                300, List.of(), ModelRequest.Task.EXTRACT_TRAITS);
    }

    private static ModelRequest request(String name, List<Trait> traits, List<Turn> history, String message) {
        return new ModelRequest(PromptBuilder.systemPrompt(name, "A coach for runners.", traits),
                history, message, name, traits, 1_024);
    }
}
