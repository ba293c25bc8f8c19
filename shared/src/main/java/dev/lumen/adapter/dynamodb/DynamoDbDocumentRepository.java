package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.key;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalString;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.knowledge.ContentType;
import dev.lumen.domain.knowledge.DocumentRepository;
import dev.lumen.domain.knowledge.DocumentStatus;
import dev.lumen.domain.knowledge.KnowledgeDocument;
import java.time.Instant;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link DocumentRepository} on the single table (see {@link LumenTable}): one item per document,
 * {@code DOC#{documentId}} in its creator's partition, with the creator's metadata as a Map
 * attribute. Reads are strongly consistent: the worker reads a document right after the upload
 * that queued it. State updates are guarded by the document's revision, so a worker still busy
 * with an older upload cannot overwrite the state of a newer one.
 */
public final class DynamoDbDocumentRepository implements DocumentRepository {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbDocumentRepository.class);

    private static final String DOCUMENT_ID = "documentId";
    private static final String CREATOR_ID = "creatorId";
    private static final String TITLE = "title";
    private static final String CONTENT_TYPE = "contentType";
    private static final String METADATA = "metadata";
    private static final String STATUS = "status";
    /** Absent unless the document failed: DynamoDB has no null string worth storing. */
    private static final String REASON = "reason";
    private static final String CHUNKS_DONE = "chunksDone";
    private static final String CHUNKS_TOTAL = "chunksTotal";
    private static final String CONTENT_BYTES = "contentBytes";
    private static final String REVISION = "revision";
    private static final String CREATED_AT = "createdAt";
    private static final String UPDATED_AT = "updatedAt";
    /** Absent until a revision had chunks quarantined; replaced with the item on a re-upload. */
    private static final String QUARANTINED_CHUNKS = "quarantinedChunks";
    private static final String QUARANTINE = "quarantine";

    /**
     * Newest upload first, by {@code createdAt} (kept across re-uploads), so progress updates do not
     * reorder the list; the id only makes the order of documents created at the same instant stable.
     */
    private static final Comparator<KnowledgeDocument> NEWEST_FIRST =
            Comparator.comparing(KnowledgeDocument::createdAt).reversed().thenComparing(KnowledgeDocument::documentId);

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbDocumentRepository(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public void save(KnowledgeDocument document) {
        client.putItem(r -> r.tableName(tableName).item(item(document)));
    }

    @Override
    public Optional<KnowledgeDocument> find(String creatorId, String documentId) {
        Map<String, AttributeValue> item = client.getItem(r -> r
                .tableName(tableName)
                .key(key(LumenTable.creatorPk(creatorId), LumenTable.documentSk(documentId)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(document(item));
    }

    @Override
    public List<KnowledgeDocument> list(String creatorId) {
        // Sort keys order the documents by id; the order callers want is by creation time, sorted
        // here (a creator's document list is small enough to read whole).
        QueryRequest query = PrefixQuery.of(tableName, LumenTable.creatorPk(creatorId), LumenTable.DOCUMENT_PREFIX)
                .build();
        List<KnowledgeDocument> documents = new ArrayList<>();
        client.queryPaginator(query).items().forEach(item -> documents.add(document(item)));
        documents.sort(NEWEST_FIRST);
        return List.copyOf(documents);
    }

    @Override
    public boolean updateState(String creatorId, String documentId, int revision, DocumentStatus status,
                               String reason, int chunksDone, int chunksTotal, Instant at) {
        Map<String, String> names = new HashMap<>(Map.of(
                "#revision", REVISION, "#status", STATUS, "#reason", REASON, "#chunksDone", CHUNKS_DONE,
                "#chunksTotal", CHUNKS_TOTAL, "#updatedAt", UPDATED_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":revision", n((long) revision), ":status", s(status.name()), ":chunksDone", n((long) chunksDone),
                ":chunksTotal", n((long) chunksTotal), ":updatedAt", instant(at)));
        String update = "SET #status = :status, #chunksDone = :chunksDone, #chunksTotal = :chunksTotal, "
                + "#updatedAt = :updatedAt";
        if (reason == null) {
            update += " REMOVE #reason";
        } else {
            update += ", #reason = :reason";
            values.put(":reason", s(reason));
        }
        String expression = update;
        try {
            // A missing item has no revision, so the condition also keeps this from creating a stub.
            client.updateItem(r -> r
                    .tableName(tableName)
                    .key(key(LumenTable.creatorPk(creatorId), LumenTable.documentSk(documentId)))
                    .updateExpression(expression)
                    .conditionExpression("#revision = :revision")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            LOG.atDebug().addKeyValue("creatorId", creatorId).addKeyValue("documentId", documentId)
                    .addKeyValue("revision", revision).addKeyValue("status", status)
                    .log("document is gone or has a newer revision; state not recorded");
            return false;
        }
    }

    @Override
    public boolean recordQuarantine(String creatorId, String documentId, int revision, int quarantinedChunks,
                                    List<String> reasons) {
        try {
            client.updateItem(r -> r
                    .tableName(tableName)
                    .key(key(LumenTable.creatorPk(creatorId), LumenTable.documentSk(documentId)))
                    .updateExpression("SET #count = :count, #reasons = :reasons")
                    .conditionExpression("#revision = :revision")
                    .expressionAttributeNames(Map.of("#count", QUARANTINED_CHUNKS, "#reasons", QUARANTINE,
                            "#revision", REVISION))
                    .expressionAttributeValues(Map.of(":count", n((long) quarantinedChunks),
                            ":reasons", AttributeValues.strings(reasons), ":revision", n((long) revision))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void delete(String creatorId, String documentId) {
        client.deleteItem(r -> r.tableName(tableName)
                .key(key(LumenTable.creatorPk(creatorId), LumenTable.documentSk(documentId))));
    }

    private static Map<String, AttributeValue> item(KnowledgeDocument document) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.creatorPk(document.creatorId())));
        item.put(LumenTable.SK, s(LumenTable.documentSk(document.documentId())));
        item.put(LumenTable.TYPE, s("DOCUMENT"));
        item.put(DOCUMENT_ID, s(document.documentId()));
        item.put(CREATOR_ID, s(document.creatorId()));
        item.put(TITLE, s(document.title()));
        item.put(CONTENT_TYPE, s(document.contentType().name()));
        item.put(METADATA, metadataMap(document.metadata()));
        item.put(STATUS, s(document.status().name()));
        if (document.reason() != null) {
            item.put(REASON, s(document.reason()));
        }
        item.put(CHUNKS_DONE, n((long) document.chunksDone()));
        item.put(CHUNKS_TOTAL, n((long) document.chunksTotal()));
        item.put(CONTENT_BYTES, n(document.contentBytes()));
        item.put(REVISION, n((long) document.revision()));
        item.put(CREATED_AT, instant(document.createdAt()));
        item.put(UPDATED_AT, instant(document.updatedAt()));
        if (document.quarantinedChunks() > 0) {
            item.put(QUARANTINED_CHUNKS, n((long) document.quarantinedChunks()));
            item.put(QUARANTINE, AttributeValues.strings(document.quarantine()));
        }
        return item;
    }

    private static KnowledgeDocument document(Map<String, AttributeValue> item) {
        return new KnowledgeDocument(string(item, DOCUMENT_ID), string(item, CREATOR_ID), string(item, TITLE),
                ContentType.valueOf(string(item, CONTENT_TYPE)), metadata(item), DocumentStatus.valueOf(string(item, STATUS)),
                optionalString(item, REASON), (int) integer(item, CHUNKS_DONE), (int) integer(item, CHUNKS_TOTAL),
                integer(item, CONTENT_BYTES), (int) integer(item, REVISION), instant(item, CREATED_AT),
                instant(item, UPDATED_AT), (int) integer(item, QUARANTINED_CHUNKS, 0),
                AttributeValues.stringList(item, QUARANTINE));
    }

    /** The metadata as a DynamoDB Map of Strings (an empty Map is allowed, unlike an empty set). */
    private static AttributeValue metadataMap(Map<String, String> metadata) {
        Map<String, AttributeValue> map = new HashMap<>();
        metadata.forEach((name, value) -> map.put(name, s(value)));
        return AttributeValue.fromM(map);
    }

    private static Map<String, String> metadata(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(METADATA);
        Map<String, String> metadata = new HashMap<>();
        if (value != null) {
            value.m().forEach((name, entry) -> metadata.put(name, entry.s()));
        }
        return metadata;
    }
}
