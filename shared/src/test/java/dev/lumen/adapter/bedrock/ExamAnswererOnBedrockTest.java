package dev.lumen.adapter.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.custody.AgentProfiles;
import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.CustodyTest;
import dev.lumen.domain.custody.ExamAnswerer;
import dev.lumen.domain.custody.Graders;
import dev.lumen.domain.custody.TestBank;
import dev.lumen.domain.custody.Tier;
import dev.lumen.domain.custody.WorkedExample;
import dev.lumen.fakes.InMemoryMentoringMaterial;
import dev.lumen.fakes.ScriptedChatModel;
import dev.lumen.testing.BedrockStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * In AWS an examination is a real few-shot request: Bedrock's Converse call carries the agent's
 * role as the system prompt, its worked examples for the test's category as alternating
 * user/assistant turns, and the test's question last.
 */
class ExamAnswererOnBedrockTest {
    private static final TestBank BANK = TestBank.load(Graders.standard(new ScriptedChatModel("SCORE: 1")));

    @Test
    void anExaminationIsAConverseRequestWithTheWorkedExamplesAsTurns() {
        InMemoryMentoringMaterial material = new InMemoryMentoringMaterial();
        material.add("guardian", List.of(new WorkedExample("po-basic-01", CustodyCategory.PERFORMANCE_OPTIMIZATION,
                "Taught question?", "Taught answer.", "conquest", Instant.parse("2026-12-01T10:00:00Z"))));
        CustodyTest security = BANK.tests(CustodyCategory.SECURITY_AWARENESS, Tier.BASIC).get(0);
        CustodyTest performance = BANK.tests(CustodyCategory.PERFORMANCE_OPTIMIZATION, Tier.BASIC).get(1);
        try (BedrockStub stub = BedrockStub.start().answerByDefault(BedrockStub.Answer.reply("An answer."));
             BedrockRuntimeClient client = BedrockClients.create("us-east-1", Optional.of(stub.url()), Duration.ofSeconds(10))) {
            ExamAnswerer answerer = new ExamAnswerer(new BedrockChatModel(client, "anthropic.claude-3-haiku-20240307-v1:0"),
                    BANK, material);

            var guardian = answerer.of(AgentType.GUARDIAN);
            assertThat(guardian.apply(security)).isEqualTo("An answer.");
            guardian.apply(performance);

            // THEN a home category: the bank's reference answers as turns, the question last
            JsonNode home = stub.requests().get(0).body();
            assertThat(home.at("/system/0/text").asText()).isEqualTo(AgentProfiles.of(AgentType.GUARDIAN).systemPrompt());
            List<WorkedExample> examples = answerer.examples(AgentProfiles.of(AgentType.GUARDIAN),
                    CustodyCategory.SECURITY_AWARENESS, List.of());
            JsonNode messages = home.get("messages");
            assertThat(messages).hasSize(examples.size() * 2 + 1);
            assertThat(messages.get(0).path("role").asText()).isEqualTo("user");
            assertThat(messages.at("/0/content/0/text").asText()).isEqualTo(examples.get(0).question());
            assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
            assertThat(messages.at("/1/content/0/text").asText()).isEqualTo(examples.get(0).answer());
            assertThat(messages.get(messages.size() - 1).at("/content/0/text").asText()).isEqualTo(security.prompt());
            // AND elsewhere only what it was taught
            JsonNode taught = stub.requests().get(1).body().get("messages");
            assertThat(taught).hasSize(3);
            assertThat(taught.at("/0/content/0/text").asText()).isEqualTo("Taught question?");
            assertThat(taught.at("/1/content/0/text").asText()).isEqualTo("Taught answer.");
        }
    }
}
