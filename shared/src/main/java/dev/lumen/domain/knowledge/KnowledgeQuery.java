package dev.lumen.domain.knowledge;

import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /api/creators/{creatorId}/query}: retrieval from a creator's knowledge and, when
 * asked, an answer from the model that cites the retrieved chunks as {@code [1]}, {@code [2]}…
 */
public final class KnowledgeQuery {
    public static final int MAX_K = 50;
    public static final int MAX_QUERY = 2_000;
    /** Chunks given to the model for an answer: the best ones, enough to answer, few enough to read. */
    static final int SOURCES_IN_ANSWER = 5;
    static final int MAX_ANSWER_TOKENS = 600;
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,2})]");

    private final KnowledgeSearch search;
    private final ChatModel model;

    public KnowledgeQuery(KnowledgeSearch search, ChatModel model) {
        this.search = search;
        this.model = model;
    }

    private volatile dev.lumen.domain.usage.UsageMeter usage = dev.lumen.domain.usage.UsageMeter.NONE;

    /** The creator's budget checked before an answer is asked of the model, and its cost recorded after. */
    public KnowledgeQuery withUsage(dev.lumen.domain.usage.UsageMeter meter) {
        this.usage = java.util.Objects.requireNonNull(meter, "meter");
        return this;
    }

    /** A source the answer cites: {@code marker} is the number in the answer's brackets. */
    public record Citation(int marker, String chunkId, String documentId, String title) {
    }

    /** The model's answer; {@code citations} in order of first mention, only markers that exist. */
    public record Answer(String text, List<Citation> citations, String model) {
    }

    /** @param answer null when no answer was asked for */
    public record Result(String query, String mode, List<KnowledgeHit> hits, Answer answer) {
    }

    public Result query(String creatorId, String query, int k, Map<String, String> filter, SearchMode mode,
                        boolean answer) {
        Ids.require("creatorId", creatorId);
        if (query == null || query.isBlank()) {
            throw new ValidationException("missing_field", "'query' is required");
        }
        if (query.length() > MAX_QUERY) {
            throw new ValidationException("query_too_long", "'query' is longer than " + MAX_QUERY + " characters");
        }
        if (k < 1 || k > MAX_K) {
            throw new ValidationException("invalid_k", "'k' must be a whole number from 1 to " + MAX_K);
        }
        List<KnowledgeHit> hits = search.search(creatorId, query.strip(), k, filter, mode);
        return new Result(query.strip(), mode.name().toLowerCase(java.util.Locale.ROOT), hits,
                answer ? answer(creatorId, query.strip(), hits) : null);
    }

    private Answer answer(String creatorId, String query, List<KnowledgeHit> hits) {
        List<KnowledgeHit> sources = hits.subList(0, Math.min(SOURCES_IN_ANSWER, hits.size()));
        List<String> texts = sources.stream().map(KnowledgeHit::text).toList();
        usage.beforeCall(null, creatorId);
        ModelReply reply = model.reply(new ModelRequest(GroundedPrompt.system(), List.of(),
                GroundedPrompt.question(query, sources), "Lumen", List.of(), MAX_ANSWER_TOKENS, List.of(),
                ModelRequest.Task.GROUNDED_ANSWER, texts));
        usage.afterCall(Ids.random(), null, null, creatorId, reply);
        return new Answer(reply.text(), citations(reply.text(), sources), reply.model());
    }

    /** The sources the text cites, in order of first mention; markers with no source are ignored. */
    public static List<Citation> citations(String text, List<KnowledgeHit> sources) {
        Set<Integer> markers = new LinkedHashSet<>();
        Matcher matcher = MARKER.matcher(text);
        while (matcher.find()) {
            int marker = Integer.parseInt(matcher.group(1));
            if (marker >= 1 && marker <= sources.size()) {
                markers.add(marker);
            }
        }
        List<Citation> citations = new ArrayList<>(markers.size());
        for (int marker : markers) {
            KnowledgeHit hit = sources.get(marker - 1);
            citations.add(new Citation(marker, hit.chunkId(), hit.documentId(), hit.title()));
        }
        return List.copyOf(citations);
    }
}
