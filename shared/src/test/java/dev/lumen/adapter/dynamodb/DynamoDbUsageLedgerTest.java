package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.UsageLedgerContract;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.usage.ChargedCall;
import dev.lumen.domain.usage.UsageLedger;
import dev.lumen.testing.LocalDynamoDb;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbUsageLedgerTest extends UsageLedgerContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected UsageLedger newLedger() {
        return new DynamoDbUsageLedger(LocalDynamoDb.client(), TABLE);
    }

    @Test
    void keepsItemsWhereLumenTableSaysAndTheReceiptExpires() {
        // GIVEN
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        newLedger().record(new ChargedCall("call-1x", "u-keys", "ada", "c-keys", "m", new Usage(3, 4),
                new BigDecimal("0.25"), at));

        // WHEN
        Map<String, AttributeValue> day = item(LumenTable.ledgerPk("USER", "u-keys"), "DAY#2026-12-01");
        Map<String, AttributeValue> persona = item(LumenTable.ledgerPk("CREATOR", "c-keys"), "DAY#2026-12-01#PERSONA#ada");
        Map<String, AttributeValue> receipt = item(LumenTable.ledgerCallPk("call-1x"), LumenTable.RECORDED);

        // THEN
        assertThat(day.get("costUsd").n()).isEqualTo("0.25");
        assertThat(day.get("inputTokens").n()).isEqualTo("3");
        assertThat(persona.get("personaId").s()).isEqualTo("ada");
        assertThat(Long.parseLong(receipt.get(LumenTable.EXPIRES_AT).n()))
                .isEqualTo(at.plus(DynamoDbUsageLedger.RECEIPT_RETENTION).getEpochSecond());
    }

    @Test
    void anAgentsCallIsKeptUnderTheAgentsLedgerPartition() {
        // GIVEN
        newLedger().record(ChargedCall.forAgent("agent:run-keys:grade:kv-basic-01:1", "sandbox",
                "anthropic.claude-3-haiku-20240307-v1:0", new Usage(3600, 200), new BigDecimal("0.00115"),
                Instant.parse("2026-12-02T10:00:00Z")));

        // WHEN
        Map<String, AttributeValue> day = item(LumenTable.ledgerPk("AGENT", "sandbox"), "DAY#2026-12-02");
        Map<String, AttributeValue> month = item(LumenTable.ledgerPk("AGENT", "sandbox"), "MONTH#2026-12");

        // THEN
        assertThat(day.get("costUsd").n()).isEqualTo("0.00115");
        assertThat(day.get("inputTokens").n()).isEqualTo("3600");
        assertThat(month.get("calls").n()).isEqualTo("1");
        assertThat(item(LumenTable.ledgerCallPk("agent:run-keys:grade:kv-basic-01:1"), LumenTable.RECORDED)).isNotEmpty();
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return LocalDynamoDb.client().getItem(r -> r.tableName(TABLE).key(AttributeValues.key(pk, sk))).item();
    }
}
