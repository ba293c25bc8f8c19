package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.key;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;

import dev.lumen.domain.usage.Account;
import dev.lumen.domain.usage.ChargedCall;
import dev.lumen.domain.usage.DayUsage;
import dev.lumen.domain.usage.UsageLedger;
import dev.lumen.domain.usage.UsageTotals;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link UsageLedger} on the single table (see {@link LumenTable}): one partition per account
 * ({@code LEDGER#USER#u1}, {@code LEDGER#AGENT#imperium}) holding a day item, a day-and-persona item and a month item per period.
 *
 * <p>{@link #record} is one TransactWriteItems: a receipt keyed by the call id (put only if absent:
 * a call recorded before changes nothing) and atomic {@code ADD}s to the user's, creator's and
 * persona's day and month items (an agent's call: the agent's alone). Costs are DynamoDB Numbers, exact decimals, so sums do not drift.
 * A report of a year is one Query of at most a few hundred small items; no Scan.
 */
public final class DynamoDbUsageLedger implements UsageLedger {
    /** Longer than SQS keeps a message (14 days), so a redelivered turn still finds its receipt. */
    static final Duration RECEIPT_RETENTION = Duration.ofDays(30);
    static final int MAX_ATTEMPTS = 8;
    static final String CALLS = "calls";
    static final String INPUT_TOKENS = "inputTokens";
    static final String OUTPUT_TOKENS = "outputTokens";
    static final String COST_USD = "costUsd";
    private static final String PERSONA_ID = "personaId";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbUsageLedger(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public boolean record(ChargedCall call) {
        LocalDate day = LocalDate.ofInstant(call.at(), ZoneOffset.UTC);
        YearMonth month = YearMonth.from(day);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(receipt(call)).build());
        for (Account account : call.accounts()) {
            // Users and creators also keep a per-persona row of each day; personas and agents do not.
            boolean perPersona = account.kind() == Account.Kind.USER || account.kind() == Account.Kind.CREATOR;
            accountWrites(writes, account, call, day, month, perPersona);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                client.transactWriteItems(r -> r.transactItems(writes));
                return true;
            } catch (TransactionCanceledException e) {
                List<String> codes = TransactionFailures.codes(e);
                if (!codes.isEmpty() && codes.get(0).equals(TransactionFailures.CONDITION_FAILED)) {
                    return false;
                }
                // Concurrent calls of one user or creator meet on the same day item; ADDs commute,
                // so trying again after a short random pause is all it takes.
                if (!TransactionFailures.conflicted(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(10L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording usage", e);
        }
    }

    @Override
    public UsageTotals day(Account account, LocalDate day) {
        return read(account, LumenTable.ledgerDaySk(day));
    }

    @Override
    public UsageTotals month(Account account, YearMonth month) {
        return read(account, LumenTable.ledgerMonthSk(month));
    }

    @Override
    public List<DayUsage> days(Account account, LocalDate from, LocalDate to) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK, "#sk", LumenTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(pk(account)), ":from", s(LumenTable.ledgerDaySk(from)),
                        ":to", s(LumenTable.ledgerDayRangeEnd(to))))
                .build();
        List<DayUsage> rows = new ArrayList<>();
        for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
            String sk = item.get(LumenTable.SK).s();
            LocalDate day = LocalDate.parse(sk.substring("DAY#".length(), "DAY#".length() + 10));
            AttributeValue persona = item.get(PERSONA_ID);
            rows.add(new DayUsage(day, persona == null ? null : persona.s(), totals(item)));
        }
        return List.copyOf(rows);
    }

    @Override
    public int eraseUser(String userId) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK))
                .expressionAttributeValues(Map.of(":pk", s(LumenTable.ledgerPk(Account.Kind.USER.name(), userId))))
                .projectionExpression("#pk, sk")
                .build();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        client.queryPaginator(query).items().forEach(item -> keys.add(key(item.get(LumenTable.PK).s(),
                item.get(LumenTable.SK).s())));
        // BatchWriteItem takes 25 requests at a time and may hand some back unprocessed.
        for (int start = 0; start < keys.size(); start += 25) {
            List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch = keys
                    .subList(start, Math.min(start + 25, keys.size())).stream()
                    .map(k -> software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                            .deleteRequest(d -> d.key(k)).build())
                    .toList();
            Map<String, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> pending = Map.of(tableName, batch);
            while (!pending.isEmpty()) {
                Map<String, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> request = pending;
                var response = client.batchWriteItem(r -> r.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
        return keys.size();
    }

    private void accountWrites(List<TransactWriteItem> writes, Account account, ChargedCall call, LocalDate day,
                               YearMonth month, boolean perPersona) {
        writes.add(add(account, LumenTable.ledgerDaySk(day), call, null));
        if (perPersona && call.personaId() != null) {
            writes.add(add(account, LumenTable.ledgerDayPersonaSk(day, call.personaId()), call, call.personaId()));
        }
        writes.add(add(account, LumenTable.ledgerMonthSk(month), call, null));
    }

    private TransactWriteItem add(Account account, String sk, ChargedCall call, String personaId) {
        Map<String, String> names = new HashMap<>(Map.of("#type", LumenTable.TYPE, "#calls", CALLS,
                "#input", INPUT_TOKENS, "#output", OUTPUT_TOKENS, "#cost", COST_USD));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":type", s("LEDGER"), ":one", n(1L),
                ":input", n((long) call.usage().inputTokens()), ":output", n((long) call.usage().outputTokens()),
                ":cost", AttributeValue.fromN(call.costUsd().toPlainString())));
        String set = "SET #type = :type";
        if (personaId != null) {
            names.put("#persona", PERSONA_ID);
            values.put(":persona", s(personaId));
            set += ", #persona = :persona";
        }
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(tableName)
                .key(key(pk(account), sk))
                .updateExpression(set + " ADD #calls :one, #input :input, #output :output, #cost :cost")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build();
    }

    private Put receipt(ChargedCall call) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.ledgerCallPk(call.callId())));
        item.put(LumenTable.SK, s(LumenTable.RECORDED));
        item.put(LumenTable.TYPE, s("LEDGER_RECEIPT"));
        item.put("model", s(call.model() == null ? "-" : call.model()));
        item.put(LumenTable.EXPIRES_AT, n(call.at().plus(RECEIPT_RETENTION).getEpochSecond()));
        return PutIfAbsent.inTransaction(tableName, item);
    }

    private UsageTotals read(Account account, String sk) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName).key(key(pk(account), sk))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? UsageTotals.ZERO : totals(item);
    }

    private static UsageTotals totals(Map<String, AttributeValue> item) {
        AttributeValue cost = item.get(COST_USD);
        return new UsageTotals(integer(item, CALLS, 0), integer(item, INPUT_TOKENS, 0), integer(item, OUTPUT_TOKENS, 0),
                cost == null ? BigDecimal.ZERO : new BigDecimal(cost.n()));
    }

    private static String pk(Account account) {
        return LumenTable.ledgerPk(account.kind().name(), account.id());
    }
}
