package dev.lumen.adapter.sqs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.domain.escalation.Escalation;

/**
 * An {@link Escalation} as the escalations queue's message body, for whoever picks up the hand-off:
 * {@code {type:"crisis-escalation", escalationId, severity, categories, evidence, tenant, personaId,
 * sessionId, userId?, messageId, locale, createdAt}}. It names the conversation rather than copying it.
 */
public final class EscalationJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EscalationJson() {
    }

    public static String write(Escalation escalation) {
        ObjectNode node = JSON.createObjectNode()
                .put("type", "crisis-escalation")
                .put("escalationId", escalation.escalationId())
                .put("severity", escalation.severity().name());
        ArrayNode categories = node.putArray("categories");
        escalation.categories().stream().map(Enum::name).sorted().forEach(categories::add);
        ArrayNode evidence = node.putArray("evidence");
        escalation.evidence().forEach(evidence::add);
        node.put("tenant", escalation.tenant())
                .put("personaId", escalation.personaId())
                .put("sessionId", escalation.sessionId());
        if (escalation.userId() != null) {
            node.put("userId", escalation.userId());
        }
        node.put("messageId", escalation.messageId())
                .put("locale", escalation.locale())
                .put("createdAt", escalation.createdAt().toString());
        return node.toString();
    }
}
