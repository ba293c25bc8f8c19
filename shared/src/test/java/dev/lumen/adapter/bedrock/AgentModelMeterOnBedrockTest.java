package dev.lumen.adapter.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.adapter.dynamodb.DynamoDbUsageLedger;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.custody.CustodyTest;
import dev.lumen.domain.custody.ExamAnswerer;
import dev.lumen.domain.custody.Grade;
import dev.lumen.domain.custody.Graders;
import dev.lumen.domain.custody.RubricGrader;
import dev.lumen.domain.custody.TestBank;
import dev.lumen.domain.usage.Account;
import dev.lumen.domain.usage.AgentCallScope;
import dev.lumen.domain.usage.AgentModelMeter;
import dev.lumen.domain.usage.ModelPrices;
import dev.lumen.domain.usage.UsageTotals;
import dev.lumen.fakes.InMemoryMentoringMaterial;
import dev.lumen.fakes.ScriptedChatModel;
import dev.lumen.testing.BedrockStub;
import dev.lumen.testing.LocalDynamoDb;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * In AWS an agent's examination answer and its rubric grading are two Converse calls whose tokens
 * Bedrock reports; metered, both are priced at the model's list price and kept in the agent's ledger
 * account in DynamoDB, once per run, test and purpose.
 */
class AgentModelMeterOnBedrockTest {
    private static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final TestBank BANK = TestBank.load(Graders.standard(new ScriptedChatModel("SCORE: 1")));

    @Test
    void anAnswerAndItsGradeAreTwoPricedCallsInTheAgentsAccount() {
        // GIVEN a rubric-graded test, Bedrock answering with 3,600 input and 120 output tokens a call
        CustodyTest test = BANK.all().stream().filter(t -> t.grader().type().equals(RubricGrader.TYPE)).findFirst()
                .orElseThrow();
        DynamoDbUsageLedger ledger = new DynamoDbUsageLedger(LocalDynamoDb.client(), LocalDynamoDb.newTable());
        try (BedrockStub stub = BedrockStub.start()
                .answerByDefault(BedrockStub.Answer.reply("Covers the rubric.\nSCORE: 0.9", "end_turn", 3600, 120));
             BedrockRuntimeClient client = BedrockClients.create("us-east-1", Optional.of(stub.url()), Duration.ofSeconds(10))) {
            AgentModelMeter model = new AgentModelMeter(new BedrockChatModel(client, HAIKU), ledger,
                    ModelPrices.defaults(), null, Clock.fixed(NOW, ZoneOffset.UTC));
            ExamAnswerer answerer = new ExamAnswerer(model, BANK, new InMemoryMentoringMaterial());
            RubricGrader judge = new RubricGrader(model);

            // WHEN Imperium answers and is graded, and the same run does it again (a retaken run)
            Grade grade = null;
            for (int attempt = 0; attempt < 2; attempt++) {
                grade = AgentCallScope.run("imperium", "imperium-exam-bedrock",
                        () -> judge.grade(test, answerer.of(AgentType.IMPERIUM).apply(test)));
            }

            // THEN four Converse calls, two counted: (3600 × 0.00025 + 120 × 0.00125) / 1000 = $0.00105 each
            assertThat(stub.requests()).hasSize(4);
            assertThat(grade.score()).isEqualTo(0.9);
            assertThat(ledger.day(Account.agent("imperium"), LocalDate.parse("2026-12-07")))
                    .isEqualTo(new UsageTotals(2, 7200, 240, new BigDecimal("0.0021")));
        }
    }
}
