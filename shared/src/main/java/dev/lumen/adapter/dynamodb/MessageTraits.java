package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.decimal;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.chat.ExpressedTrait;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code traits} attribute of a reply message item: a List of Maps {@code name},
 * {@code description}, {@code intensity}. The learning repository writes it, the conversation
 * repository reads it; both go through here so the two cannot drift apart.
 */
final class MessageTraits {
    static final String ATTRIBUTE = "traits";
    private static final String NAME = "name";
    private static final String DESCRIPTION = "description";
    private static final String INTENSITY = "intensity";

    private MessageTraits() {
    }

    static AttributeValue attribute(List<ExpressedTrait> traits) {
        return AttributeValue.fromL(traits.stream()
                .map(t -> AttributeValue.fromM(Map.of(
                        NAME, s(t.name()), DESCRIPTION, s(t.description()), INTENSITY, n(t.intensity()))))
                .toList());
    }

    /** The message's traits; empty when none were stored (user messages, replies not yet learned from). */
    static List<ExpressedTrait> read(Map<String, AttributeValue> messageItem) {
        AttributeValue traits = messageItem.get(ATTRIBUTE);
        if (traits == null) {
            return List.of();
        }
        return traits.l().stream()
                .map(AttributeValue::m)
                .map(m -> new ExpressedTrait(string(m, NAME), string(m, DESCRIPTION), decimal(m, INTENSITY)))
                .toList();
    }
}
