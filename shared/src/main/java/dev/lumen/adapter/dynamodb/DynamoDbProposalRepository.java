package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.key;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalInstant;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalString;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.proposal.Proposal;
import dev.lumen.domain.proposal.ProposalRepository;
import dev.lumen.domain.proposal.ProposalStatus;
import dev.lumen.domain.proposal.ProposalType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link ProposalRepository} on the single table (see {@link LumenTable}): one item per proposal in
 * its own partition, indexed in the GSI under {@code PROPOSALS#{status}} by creation time, so a
 * review queue ("pending, newest first") is one Query and never a Scan. A transition rewrites the
 * item, index keys included, under the condition that the stored status is still the expected one.
 * Listing every status merges the five status partitions; an agent filter is a filter expression
 * (proposals are few: a handful per agent cycle).
 */
public final class DynamoDbProposalRepository implements ProposalRepository {
    private static final String ID = "proposalId";
    private static final String AGENT = "agent";
    private static final String RUN_ID = "runId";
    private static final String KIND = "proposalType";
    private static final String TITLE = "title";
    private static final String RATIONALE = "rationale";
    private static final String CHANGE = "change";
    private static final String EVIDENCE = "evidence";
    private static final String STATUS = "status";
    private static final String CREATED_AT = "createdAt";
    private static final String REVIEWER = "reviewer";
    private static final String REVIEW_REASON = "reviewReason";
    private static final String REVIEWED_AT = "reviewedAt";
    private static final String APPLIED_AT = "appliedAt";
    private static final String INELIGIBLE_REASON = "ineligibleReason";
    private static final String APPLY_FAILURE = "applyFailure";
    private static final Comparator<Proposal> NEWEST_FIRST =
            Comparator.comparing(Proposal::createdAt).thenComparing(Proposal::id).reversed();

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbProposalRepository(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public boolean add(Proposal proposal) {
        return PutIfAbsent.put(client, tableName, item(proposal));
    }

    @Override
    public Optional<Proposal> find(String id) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName)
                .key(key(LumenTable.proposalPk(id), LumenTable.PROPOSAL)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(proposal(item));
    }

    @Override
    public List<Proposal> list(ProposalStatus status, AgentType agent, int limit) {
        List<Proposal> found = new ArrayList<>();
        for (ProposalStatus each : status == null ? List.of(ProposalStatus.values()) : List.of(status)) {
            found.addAll(byStatus(each, agent, limit));
        }
        return found.stream().sorted(NEWEST_FIRST).limit(limit).toList();
    }

    private List<Proposal> byStatus(ProposalStatus status, AgentType agent, int limit) {
        Map<String, String> names = new HashMap<>(Map.of("#gpk", LumenTable.GSI1_PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":gpk", s(LumenTable.proposalsGsiPk(status.name()))));
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(LumenTable.GSI1)
                .keyConditionExpression("#gpk = :gpk").scanIndexForward(false);
        if (agent != null) {
            names.put("#agent", AGENT);
            values.put(":agent", s(agent.name()));
            query.filterExpression("#agent = :agent");
        } else {
            query.limit(limit);
        }
        query.expressionAttributeNames(names).expressionAttributeValues(values);
        List<Proposal> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : client.queryPaginator(query.build()).items()) {
            found.add(proposal(item));
            if (found.size() == limit) {
                break;
            }
        }
        return found;
    }

    @Override
    public boolean transition(Proposal updated, ProposalStatus expected) {
        try {
            client.putItem(r -> r.tableName(tableName).item(item(updated))
                    .conditionExpression("#status = :expected")
                    .expressionAttributeNames(Map.of("#status", STATUS))
                    .expressionAttributeValues(Map.of(":expected", s(expected.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(Proposal p) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.proposalPk(p.id())));
        item.put(LumenTable.SK, s(LumenTable.PROPOSAL));
        item.put(LumenTable.GSI1_PK, s(LumenTable.proposalsGsiPk(p.status().name())));
        item.put(LumenTable.GSI1_SK, s(LumenTable.proposalGsiSk(p.createdAt(), p.id())));
        item.put(LumenTable.TYPE, s("PROPOSAL"));
        item.put(ID, s(p.id()));
        item.put(AGENT, s(p.agent().name()));
        item.put(RUN_ID, s(p.runId()));
        item.put(KIND, s(p.type().name()));
        item.put(TITLE, s(p.title()));
        item.put(RATIONALE, s(p.rationale()));
        item.put(CHANGE, map(p.change()));
        item.put(EVIDENCE, map(p.evidence()));
        item.put(STATUS, s(p.status().name()));
        item.put(CREATED_AT, instant(p.createdAt()));
        putOptional(item, REVIEWER, p.reviewer());
        putOptional(item, REVIEW_REASON, p.reviewReason());
        if (p.reviewedAt() != null) {
            item.put(REVIEWED_AT, instant(p.reviewedAt()));
        }
        if (p.appliedAt() != null) {
            item.put(APPLIED_AT, instant(p.appliedAt()));
        }
        putOptional(item, INELIGIBLE_REASON, p.ineligibleReason());
        putOptional(item, APPLY_FAILURE, p.applyFailure());
        return item;
    }

    private static AttributeValue map(Map<String, String> values) {
        Map<String, AttributeValue> m = new HashMap<>();
        values.forEach((k, v) -> m.put(k, s(v)));
        return AttributeValue.fromM(m);
    }

    private static Map<String, String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        Map<String, String> out = new HashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((k, v) -> out.put(k, v.s()));
        }
        return out;
    }

    private static void putOptional(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static Proposal proposal(Map<String, AttributeValue> item) {
        return new Proposal(string(item, ID), AgentType.valueOf(string(item, AGENT)), string(item, RUN_ID),
                ProposalType.valueOf(string(item, KIND)), string(item, TITLE), string(item, RATIONALE),
                strings(item, CHANGE), strings(item, EVIDENCE), ProposalStatus.valueOf(string(item, STATUS)),
                instant(item, CREATED_AT), optionalString(item, REVIEWER), optionalString(item, REVIEW_REASON),
                optionalInstant(item, REVIEWED_AT), optionalInstant(item, APPLIED_AT),
                optionalString(item, INELIGIBLE_REASON), optionalString(item, APPLY_FAILURE));
    }
}
