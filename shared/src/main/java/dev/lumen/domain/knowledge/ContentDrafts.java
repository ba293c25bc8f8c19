package dev.lumen.domain.knowledge;

import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.error.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/creators/{creatorId}/content}: drafts content (a post, an email, a lesson…) in
 * the creator's voice. The voice comes from the creator's profile and from passages of their own
 * documents on the topic, which the model is asked to imitate in style and to cite where it uses
 * their substance.
 */
public final class ContentDrafts {
    public static final Set<String> LENGTHS = Set.of("short", "medium", "long");
    static final int MAX_FIELD = 500;
    static final int STYLE_SAMPLES = 3;
    private static final Map<String, Integer> WORDS = Map.of("short", 150, "medium", 400, "long", 900);

    private final CreatorRepository creators;
    private final KnowledgeSearch knowledge;
    private final ChatModel model;

    public ContentDrafts(CreatorRepository creators, KnowledgeSearch knowledge, ChatModel model) {
        this.creators = creators;
        this.knowledge = knowledge;
        this.model = model;
    }

    private volatile dev.lumen.domain.usage.UsageMeter usage = dev.lumen.domain.usage.UsageMeter.NONE;

    /** The creator's budget checked before the model writes a draft, and its cost recorded after. */
    public ContentDrafts withUsage(dev.lumen.domain.usage.UsageMeter meter) {
        this.usage = java.util.Objects.requireNonNull(meter, "meter");
        return this;
    }

    /** The draft, the passages it was written from, and which of them it cites. */
    public record Draft(String creatorId, String contentType, String topic, String text,
                        List<KnowledgeQuery.Citation> citations, String model) {
    }

    public Draft draft(String creatorId, String contentType, String topic, String audience, String length,
                       List<String> objectives) {
        Ids.require("creatorId", creatorId);
        String type = required("contentType", contentType);
        String subject = required("topic", topic);
        String size = length == null ? "medium" : length.strip();
        if (!LENGTHS.contains(size)) {
            throw new ValidationException("invalid_length", "'length' must be short, medium or long");
        }
        if (objectives.size() > 10 || objectives.stream().anyMatch(o -> o == null || o.isBlank() || o.length() > MAX_FIELD)) {
            throw new ValidationException("invalid_objectives", "'objectives' holds at most 10 non-blank strings of up to "
                    + MAX_FIELD + " characters");
        }
        Creator creator = creators.find(creatorId).orElse(null);
        List<KnowledgeHit> samples = knowledge.search(creatorId, subject, STYLE_SAMPLES, Map.of(), SearchMode.HYBRID);
        StringBuilder system = new StringBuilder(1_024)
                .append("You write ").append(type).append(" content as ")
                .append(creator == null ? "the creator" : creator.name()).append(", in their voice.");
        if (creator != null && creator.communicationStyle() != null && !creator.communicationStyle().isBlank()) {
            system.append(" Their style: ").append(creator.communicationStyle()).append('.');
        }
        if (creator != null && creator.methodology() != null && !creator.methodology().isBlank()) {
            system.append(" Their methodology: ").append(creator.methodology()).append('.');
        }
        system.append(" Imitate the tone of the numbered passages from their own material and cite them as [1], [2]")
                .append(" where you use their substance. About ").append(WORDS.get(size)).append(" words.");
        StringBuilder brief = new StringBuilder(2_048).append("Passages:");
        for (int i = 0; i < samples.size(); i++) {
            brief.append("\n[").append(i + 1).append("] ").append(samples.get(i).text());
        }
        brief.append("\n\nWrite about: ").append(subject);
        if (audience != null && !audience.isBlank()) {
            brief.append("\nFor: ").append(limit("audience", audience));
        }
        objectives.forEach(objective -> brief.append("\nThe reader should: ").append(objective.strip()));
        usage.beforeCall(null, creatorId);
        ModelReply reply = model.reply(new ModelRequest(system.toString(), List.of(), brief.toString(),
                creator == null ? creatorId : creator.name(), List.of(), WORDS.get(size) * 2, List.of(),
                ModelRequest.Task.GROUNDED_ANSWER, samples.stream().map(KnowledgeHit::text).toList()));
        usage.afterCall(Ids.random(), null, null, creatorId, reply);
        return new Draft(creatorId, type, subject, reply.text(), KnowledgeQuery.citations(reply.text(), samples), reply.model());
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("missing_field", "'" + field + "' is required");
        }
        return limit(field, value);
    }

    private static String limit(String field, String value) {
        if (value.strip().length() > MAX_FIELD) {
            throw new ValidationException("too_long", "'" + field + "' is longer than " + MAX_FIELD + " characters");
        }
        return value.strip();
    }
}
