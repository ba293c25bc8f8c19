package dev.lumen.adapter.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.ModelRequest.Turn;
import dev.lumen.domain.chat.PromptBuilder;
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

    private static ModelRequest request(String name, List<Trait> traits, List<Turn> history, String message) {
        return new ModelRequest(PromptBuilder.systemPrompt(name, "A coach for runners.", traits),
                history, message, name, traits, 1_024);
    }
}
