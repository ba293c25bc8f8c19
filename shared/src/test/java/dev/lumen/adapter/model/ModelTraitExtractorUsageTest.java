package dev.lumen.adapter.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.usage.Account;
import dev.lumen.domain.usage.Budgets;
import dev.lumen.domain.usage.ModelPrices;
import dev.lumen.domain.usage.UsageMeter;
import dev.lumen.fakes.InMemoryUsageLedger;
import dev.lumen.fakes.ScriptedChatModel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ModelTraitExtractorUsageTest {
    @Test
    void anExtractionIsChargedToTheTurnsUserPersonaAndCreatorOncePerInteraction() {
        // GIVEN
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        ModelTraitExtractor extractor = new ModelTraitExtractor(new ScriptedChatModel("[]"))
                .withUsage(new UsageMeter(Budgets.UNLIMITED, ledger, ModelPrices.defaults(), Clock.fixed(at, ZoneOffset.UTC)));
        InteractionRecorded turn = new InteractionRecorded("turn-9", "coach", "ada", "u1", "s1", "m1", "hi", "hello",
                "m", new Usage(1, 1), at);

        // WHEN the same interaction is extracted twice (an SQS redelivery)
        extractor.extract(turn);
        extractor.extract(turn);

        // THEN one call, for each of the three accounts
        LocalDate day = LocalDate.parse("2026-12-07");
        assertThat(ledger.day(Account.user("u1"), day).calls()).isEqualTo(1);
        assertThat(ledger.day(Account.persona("ada"), day).calls()).isEqualTo(1);
        assertThat(ledger.day(Account.creator("coach"), day).inputTokens()).isPositive();
    }
}
