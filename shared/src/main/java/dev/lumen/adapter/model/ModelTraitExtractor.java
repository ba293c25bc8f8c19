package dev.lumen.adapter.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ExpressedTrait;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.learning.TraitExtractor;
import dev.lumen.domain.memory.InteractionRecorded;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TraitExtractor} on any {@link ChatModel}: asks the model for a JSON array of
 * {@code {name, description, intensity}} and reads the answer leniently, because models wrap JSON
 * in prose and code fences, invent fields and misjudge ranges. Whatever cannot be read becomes
 * fewer traits, never an exception; only an unavailable model
 * ({@link dev.lumen.domain.error.UnavailableException}) gets through, so the message is retried.
 */
public final class ModelTraitExtractor implements TraitExtractor {
    public static final int MAX_TRAITS = 8;
    static final int MAX_TOKENS = 300;
    /**
     * The event names the persona by id only; the exchange labels its side "Assistant", so the
     * prompt calls it that rather than costing the worker a persona read per message.
     */
    static final String PERSONA = "the assistant";
    // A reply with many '[' in its prose is not worth parsing from every one of them.
    private static final int MAX_ARRAY_STARTS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ModelTraitExtractor.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_TRAILING_COMMA)
            .enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES)
            .enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES);

    private final ChatModel model;

    public ModelTraitExtractor(ChatModel model) {
        this.model = model;
    }

    private volatile dev.lumen.domain.usage.UsageMeter usage = dev.lumen.domain.usage.UsageMeter.NONE;

    /**
     * Records each extraction's tokens for the interaction's user, persona and creator, under the
     * call id {@code {interactionId}:traits}: once per interaction, however often it is redelivered.
     */
    public ModelTraitExtractor withUsage(dev.lumen.domain.usage.UsageMeter meter) {
        this.usage = java.util.Objects.requireNonNull(meter, "meter");
        return this;
    }

    @Override
    public List<ExpressedTrait> extract(InteractionRecorded interaction) {
        String exchange = "User: " + interaction.userText() + "\nAssistant: " + interaction.replyText();
        ModelReply reply = model.reply(new ModelRequest(systemPrompt(PERSONA), List.of(), exchange, PERSONA,
                List.of(), MAX_TOKENS, List.of(), ModelRequest.Task.EXTRACT_TRAITS));
        usage.afterCall(interaction.interactionId() + ":traits", interaction.userId(), interaction.personaId(),
                interaction.tenant(), reply);
        Optional<JsonNode> array = firstArray(reply.text());
        if (array.isEmpty()) {
            LOG.atWarn().addKeyValue("interactionId", interaction.interactionId()).addKeyValue("model", reply.model())
                    .log("trait extraction answered without a readable JSON array; the message gets no traits");
            return List.of();
        }
        return traits(array.get());
    }

    static String systemPrompt(String persona) {
        return "You analyse one exchange between a user and " + persona + ", an AI persona."
                + " Name the personality traits " + persona + " showed in its reply (the text after 'Assistant:'),"
                + " such as empathy, curiosity, honesty, humor, encouragement, patience or directness."
                + " Answer with ONLY a JSON array, no prose and no code fences, of at most " + MAX_TRAITS
                + " objects {\"name\": string, \"description\": string, \"intensity\": number}: name is one or two"
                + " lower-case words, description says in one short sentence how the reply showed it, intensity"
                + " is from 0 (barely) to 1 (dominant). Answer [] when the reply shows no trait.";
    }

    /**
     * The traits in a model's answer: the first JSON array in the text, its elements validated
     * (a name, a numeric intensity, clamped), duplicates by lower-case name dropped, at most
     * {@link #MAX_TRAITS}. Never throws.
     */
    public static List<ExpressedTrait> parse(String text) {
        return firstArray(text).map(ModelTraitExtractor::traits).orElse(List.of());
    }

    private static Optional<JsonNode> firstArray(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int from = 0;
        for (int attempt = 0; attempt < MAX_ARRAY_STARTS; attempt++) {
            int start = text.indexOf('[', from);
            if (start < 0) {
                return Optional.empty();
            }
            try (JsonParser parser = JSON.createParser(text.substring(start))) {
                // readTree stops after the first value, so prose or a closing fence after it is fine.
                JsonNode node = JSON.readTree(parser);
                if (node != null && node.isArray()) {
                    return Optional.of(node);
                }
            } catch (IOException | RuntimeException e) {
                // Not an array that starts here ("[see above]", a truncated answer): try the next '['.
            }
            from = start + 1;
        }
        return Optional.empty();
    }

    private static List<ExpressedTrait> traits(JsonNode array) {
        List<ExpressedTrait> traits = new ArrayList<>(MAX_TRAITS);
        Set<String> seen = new HashSet<>();
        for (JsonNode element : array) {
            if (traits.size() == MAX_TRAITS) {
                break;
            }
            trait(element).ifPresent(trait -> {
                if (seen.add(trait.name().toLowerCase(Locale.ROOT))) {
                    traits.add(trait);
                }
            });
        }
        return List.copyOf(traits);
    }

    private static Optional<ExpressedTrait> trait(JsonNode element) {
        if (!element.isObject()) {
            return Optional.empty();
        }
        JsonNode name = element.get("name");
        JsonNode description = element.get("description");
        Optional<Double> intensity = number(element.get("intensity"));
        if (name == null || !name.isTextual() || name.asText().isBlank() || intensity.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ExpressedTrait(name.asText(),
                    description != null && description.isTextual() ? description.asText() : "", intensity.get()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a name too long to be a trait, an infinite intensity
        }
    }

    /** A JSON number, or a string holding one ("0.8"): models quote numbers now and then. */
    private static Optional<Double> number(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(node.asDouble());
        }
        if (node.isTextual()) {
            try {
                return Optional.of(Double.parseDouble(node.asText().strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
