package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.decimal;
import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.persona.Persona;
import dev.lumen.domain.persona.PersonaCursor;
import dev.lumen.domain.persona.PersonaPage;
import dev.lumen.domain.persona.PersonaRepository;
import dev.lumen.domain.persona.PersonaSummary;
import dev.lumen.domain.persona.Trait;
import dev.lumen.domain.persona.TraitAction;
import dev.lumen.domain.persona.TraitChange;
import dev.lumen.domain.persona.VersionedTrait;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link PersonaRepository} on the single table (see {@link LumenTable}): the persona's profile,
 * its own traits (each with a version for optimistic concurrency) and the trait audit trail all
 * live in the persona's partition. Reads are strongly consistent, so a persona can be used the
 * moment it is created and a retrying writer always sees the version that beat it.
 */
public final class DynamoDbPersonaRepository implements PersonaRepository {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbPersonaRepository.class);
    private static final int CREATE_ATTEMPTS = 3;

    private static final String TRAIT_ID = "traitId";
    private static final String NAME = "name";
    private static final String DESCRIPTION = "description";
    private static final String INTENSITY = "intensity";
    private static final String UPDATED_AT = "updatedAt";
    /** Index of a trait in the list it was created with; keeps the creator's order on read. */
    private static final String POSITION = "position";
    private static final String CREATOR_ID = "creatorId";
    private static final String CREATED_AT = "createdAt";
    private static final String PERSONA_ID = "personaId";
    private static final String CHANGE_ID = "changeId";
    private static final String ACTION = "action";
    private static final String AMOUNT = "amount";
    private static final String BEFORE = "before";
    private static final String AFTER = "after";
    private static final String ACTOR = "actor";
    private static final String AT = "at";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbPersonaRepository(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public void create(Persona persona) {
        List<TransactWriteItem> writes = new ArrayList<>(persona.traits().size() + 2);
        // Only the profile carries the condition: without a profile there are no trait items either.
        writes.add(TransactWriteItem.builder().put(PutIfAbsent.inTransaction(tableName, profileItem(persona))).build());
        for (int i = 0; i < persona.traits().size(); i++) {
            writes.add(TransactWriteItem.builder().put(Put.builder()
                    .tableName(tableName)
                    .item(initialTraitItem(persona, persona.traits().get(i), i))
                    .build()).build());
        }
        // Counted in the same transaction, so the persona count cannot drift from the personas stored.
        writes.add(StatsShards.bump(tableName, StatsShards.of(StatsShards.PERSONAS, 1)));
        for (int attempt = 1; ; attempt++) {
            try {
                client.transactWriteItems(r -> r.transactItems(writes));
                return;
            } catch (TransactionCanceledException e) {
                if (TransactionFailures.conditionFailed(e)) {
                    throw new ConflictException("persona_exists", "persona '" + persona.id() + "' already exists");
                }
                // Another write was adding to the same stats shard; the next try picks another one.
                if (!TransactionFailures.conflicted(e) || attempt == CREATE_ATTEMPTS) {
                    throw e;
                }
                writes.set(writes.size() - 1, StatsShards.bump(tableName, StatsShards.of(StatsShards.PERSONAS, 1)));
            }
        }
    }

    @Override
    public Optional<Persona> find(String personaId) {
        // One query for PROFILE and every TRAIT#: the range stops short of the AUDIT# records,
        // which sort before PROFILE and grow without bound.
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK, "#sk", LumenTable.SK))
                .expressionAttributeValues(Map.of(
                        ":pk", s(LumenTable.personaPk(personaId)),
                        ":from", s(LumenTable.PROFILE),
                        ":to", s(LumenTable.PERSONA_RANGE_END)))
                .consistentRead(true)
                .build();
        Map<String, AttributeValue> profile = null;
        List<Map<String, AttributeValue>> traitItems = new ArrayList<>();
        for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
            String sk = string(item, LumenTable.SK);
            if (sk.equals(LumenTable.PROFILE)) {
                profile = item;
            } else if (sk.startsWith(LumenTable.TRAIT_PREFIX)) {
                traitItems.add(item);
            }
        }
        if (profile == null) {
            return Optional.empty();
        }
        // Query order is by trait id; the stable sort restores the creation order and puts traits
        // added later (no position) after those, by id.
        traitItems.sort(Comparator.comparingLong(DynamoDbPersonaRepository::position));
        List<Trait> traits = traitItems.stream().map(DynamoDbPersonaRepository::trait).toList();
        return Optional.of(new Persona(personaId, string(profile, NAME), string(profile, DESCRIPTION),
                string(profile, CREATOR_ID), traits, instant(profile, CREATED_AT)));
    }

    @Override
    public Optional<VersionedTrait> findTrait(String personaId, String traitId) {
        Map<String, AttributeValue> item = client.getItem(r -> r
                .tableName(tableName)
                .key(Map.of(LumenTable.PK, s(LumenTable.personaPk(personaId)),
                        LumenTable.SK, s(LumenTable.traitSk(traitId))))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VersionedTrait(trait(item), integer(item, LumenTable.VERSION)));
    }

    @Override
    public boolean saveTrait(String personaId, Trait updated, long expectedVersion, TraitChange change) {
        Map<String, String> names = new HashMap<>(Map.of(
                "#type", LumenTable.TYPE, "#traitId", TRAIT_ID, "#name", NAME,
                "#description", DESCRIPTION, "#intensity", INTENSITY, "#version", LumenTable.VERSION,
                "#updatedAt", UPDATED_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":type", s("TRAIT"), ":traitId", s(updated.id()), ":name", s(updated.name()),
                ":description", s(updated.description()), ":intensity", n(updated.intensity()),
                ":next", n(expectedVersion + 1), ":updatedAt", AttributeValues.instant(change.at())));
        String condition;
        if (expectedVersion == 0) {
            condition = "attribute_not_exists(#pk)";
            names.put("#pk", LumenTable.PK);
        } else {
            condition = "#version = :expected";
            values.put(":expected", n(expectedVersion));
        }
        // An update rather than a put, so attributes this write does not own (position) survive.
        Update traitWrite = Update.builder()
                .tableName(tableName)
                .key(Map.of(LumenTable.PK, s(LumenTable.personaPk(personaId)),
                        LumenTable.SK, s(LumenTable.traitSk(updated.id()))))
                .updateExpression("SET #type = :type, #traitId = :traitId, #name = :name, "
                        + "#description = :description, #intensity = :intensity, #version = :next, "
                        + "#updatedAt = :updatedAt")
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
        Put auditWrite = PutIfAbsent.inTransaction(tableName, auditItem(personaId, change));
        try {
            client.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().update(traitWrite).build(),
                    TransactWriteItem.builder().put(auditWrite).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (TransactionFailures.lostRace(e)) {
                LOG.atDebug().addKeyValue("personaId", personaId).addKeyValue("traitId", updated.id())
                        .addKeyValue("expectedVersion", expectedVersion)
                        .addKeyValue("reasons", TransactionFailures.codes(e))
                        .log("trait write lost a race");
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<TraitChange> traitHistory(String personaId, String traitId) {
        QueryRequest query = PrefixQuery.of(tableName, LumenTable.personaPk(personaId), LumenTable.auditPrefix(traitId)).build();
        List<TraitChange> changes = new ArrayList<>();
        for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
            changes.add(change(item));
        }
        return List.copyOf(changes);
    }

    /**
     * One Query on the creator's GSI partition, descending: the sort key is creation time then id
     * ({@link LumenTable#personaGsiSk}), so that is the newest-first order, and a cursor becomes a
     * key condition ({@code <} its own sort key). One item more than the page is asked for, so the
     * last page says so without a second, empty round trip. The GSI projects every attribute, so
     * the profile is read from the index; GSI reads are eventually consistent, so a persona created
     * a moment ago may show up a moment later.
     */
    @Override
    public PersonaPage listByCreator(String creatorId, int limit, PersonaCursor after) {
        Map<String, String> names = new HashMap<>(Map.of("#gpk", LumenTable.GSI1_PK, "#gsk", LumenTable.GSI1_SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":creator", s(LumenTable.creatorGsiPk(creatorId)),
                ":prefix", s(LumenTable.PERSONA_GSI_PREFIX)));
        String condition;
        if (after == null) {
            condition = "#gpk = :creator AND begins_with(#gsk, :prefix)";
        } else {
            // BETWEEN is inclusive: the cursor's own persona is dropped below.
            condition = "#gpk = :creator AND #gsk BETWEEN :prefix AND :after";
            values.put(":after", s(LumenTable.personaGsiSk(after.createdAt(), after.id())));
        }
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .indexName(LumenTable.GSI1)
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(limit + 2)
                .build();
        List<PersonaSummary> found = new ArrayList<>(limit + 1);
        for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
            PersonaSummary persona = summary(item);
            if (after != null && !after.precedes(persona)) {
                continue;
            }
            found.add(persona);
            if (found.size() > limit) {
                break;
            }
        }
        if (found.size() <= limit) {
            return new PersonaPage(found, null);
        }
        List<PersonaSummary> page = found.subList(0, limit);
        return new PersonaPage(page, page.get(limit - 1).cursor());
    }

    private static PersonaSummary summary(Map<String, AttributeValue> item) {
        return new PersonaSummary(string(item, PERSONA_ID), string(item, NAME), string(item, DESCRIPTION),
                string(item, CREATOR_ID), instant(item, CREATED_AT));
    }

    private static Map<String, AttributeValue> profileItem(Persona persona) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.personaPk(persona.id())));
        item.put(LumenTable.SK, s(LumenTable.PROFILE));
        item.put(LumenTable.GSI1_PK, s(LumenTable.creatorGsiPk(persona.creatorId())));
        item.put(LumenTable.GSI1_SK, s(LumenTable.personaGsiSk(persona.createdAt(), persona.id())));
        item.put(LumenTable.TYPE, s("PERSONA"));
        item.put(PERSONA_ID, s(persona.id()));
        item.put(NAME, s(persona.name()));
        item.put(DESCRIPTION, s(persona.description()));
        item.put(CREATOR_ID, s(persona.creatorId()));
        item.put(CREATED_AT, AttributeValues.instant(persona.createdAt()));
        return item;
    }

    private static Map<String, AttributeValue> initialTraitItem(Persona persona, Trait trait, int position) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.personaPk(persona.id())));
        item.put(LumenTable.SK, s(LumenTable.traitSk(trait.id())));
        item.put(LumenTable.TYPE, s("TRAIT"));
        item.put(TRAIT_ID, s(trait.id()));
        item.put(NAME, s(trait.name()));
        item.put(DESCRIPTION, s(trait.description()));
        item.put(INTENSITY, n(trait.intensity()));
        item.put(LumenTable.VERSION, n(1L));
        item.put(POSITION, n((long) position));
        item.put(UPDATED_AT, AttributeValues.instant(persona.createdAt()));
        return item;
    }

    private static Map<String, AttributeValue> auditItem(String personaId, TraitChange change) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.personaPk(personaId)));
        item.put(LumenTable.SK, s(LumenTable.auditSk(change.traitId(), change.at(), change.changeId())));
        item.put(LumenTable.TYPE, s("AUDIT"));
        item.put(CHANGE_ID, s(change.changeId()));
        item.put(PERSONA_ID, s(personaId));
        item.put(TRAIT_ID, s(change.traitId()));
        item.put(ACTION, s(change.action().wireName()));
        item.put(AMOUNT, n(change.amount()));
        item.put(BEFORE, n(change.before()));
        item.put(AFTER, n(change.after()));
        item.put(ACTOR, s(change.actor()));
        item.put(AT, AttributeValues.instant(change.at()));
        return item;
    }

    private static Trait trait(Map<String, AttributeValue> item) {
        return new Trait(string(item, TRAIT_ID), string(item, NAME), string(item, DESCRIPTION),
                decimal(item, INTENSITY), false);
    }

    private static long position(Map<String, AttributeValue> item) {
        AttributeValue position = item.get(POSITION);
        return position == null ? Long.MAX_VALUE : Long.parseLong(position.n());
    }

    private static TraitChange change(Map<String, AttributeValue> item) {
        return new TraitChange(string(item, CHANGE_ID), string(item, PERSONA_ID), string(item, TRAIT_ID),
                TraitAction.parse(string(item, ACTION)), decimal(item, AMOUNT), decimal(item, BEFORE),
                decimal(item, AFTER), string(item, ACTOR), instant(item, AT));
    }
}
