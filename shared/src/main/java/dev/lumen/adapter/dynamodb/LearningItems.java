package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.decimal;
import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalInstant;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalString;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;
import static dev.lumen.adapter.dynamodb.AttributeValues.stringList;
import static dev.lumen.adapter.dynamodb.AttributeValues.strings;

import dev.lumen.domain.learning.ConversationPattern;
import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.learning.TokenUsage;
import dev.lumen.domain.learning.TokenUsage.UsageScope;
import dev.lumen.domain.learning.UserEmotion;
import dev.lumen.domain.learning.UserProfile;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items of what Lumen learns about users (see {@link LumenTable}): emotional state, profile,
 * pattern, usage total. Emotional states nest as Maps in one item (current plus a bounded
 * history), so a user's state is read and replaced in one request.
 */
final class LearningItems {
    static final String USER_ID = "userId";
    static final String PERSONA_ID = "personaId";
    static final String INTENT = "intent";
    static final String FREQUENCY = "frequency";
    static final String LAST_USED_AT = "lastUsedAt";
    static final String INTERACTIONS = "interactions";
    static final String INPUT_TOKENS = "inputTokens";
    static final String OUTPUT_TOKENS = "outputTokens";
    private static final String CURRENT = "current";
    private static final String HISTORY = "history";
    private static final String LEVEL = "level";
    private static final String STATE = "state";
    private static final String TRIGGERS = "triggers";
    private static final String AT = "at";
    private static final String SOURCE = "source";
    private static final String GOALS = "goals";
    private static final String PREFERENCES = "preferences";
    private static final String PROGRESS = "progress";
    private static final String COMMUNICATION_STYLE = "communicationStyle";
    private static final String UPDATED_AT = "updatedAt";

    private LearningItems() {
    }

    /** A stored item's value and its {@link LumenTable#VERSION}; version 0 means no item yet. */
    record Versioned<T>(T value, long version) {
        boolean exists() {
            return version > 0;
        }
    }

    static Map<String, AttributeValue> emotionItem(UserEmotion emotion, long version) {
        Map<String, AttributeValue> item = userItem(emotion.userId(), LumenTable.EMOTION, "EMOTIONAL_STATE", version);
        item.put(CURRENT, state(emotion.current()));
        item.put(HISTORY, AttributeValue.fromL(emotion.history().stream().map(LearningItems::state).toList()));
        item.put(UPDATED_AT, AttributeValues.instant(emotion.current().at()));
        return item;
    }

    static UserEmotion emotion(Map<String, AttributeValue> item) {
        return new UserEmotion(string(item, USER_ID), state(item.get(CURRENT).m()),
                item.get(HISTORY).l().stream().map(v -> state(v.m())).toList());
    }

    static Map<String, AttributeValue> profileItem(UserProfile profile, long version) {
        Map<String, AttributeValue> item = userItem(profile.userId(), LumenTable.PROFILE, "USER_PROFILE", version);
        item.put(GOALS, strings(profile.goals()));
        item.put(PREFERENCES, strings(profile.preferences()));
        item.put(PROGRESS, strings(profile.progress()));
        if (profile.communicationStyle() != null) {
            item.put(COMMUNICATION_STYLE, s(profile.communicationStyle()));
        }
        item.put(INTERACTIONS, n(profile.interactions()));
        if (profile.updatedAt() != null) {
            item.put(UPDATED_AT, AttributeValues.instant(profile.updatedAt()));
        }
        return item;
    }

    static UserProfile profile(Map<String, AttributeValue> item) {
        return new UserProfile(string(item, USER_ID), stringList(item, GOALS), stringList(item, PREFERENCES),
                stringList(item, PROGRESS), optionalString(item, COMMUNICATION_STYLE), integer(item, INTERACTIONS),
                optionalInstant(item, UPDATED_AT));
    }

    static ConversationPattern pattern(Map<String, AttributeValue> item) {
        return new ConversationPattern(string(item, PERSONA_ID), string(item, USER_ID), string(item, INTENT),
                integer(item, FREQUENCY), instant(item, LAST_USED_AT));
    }

    static TokenUsage usage(UsageScope scope, String id, Map<String, AttributeValue> item) {
        return new TokenUsage(scope, id, integer(item, INTERACTIONS), integer(item, INPUT_TOKENS),
                integer(item, OUTPUT_TOKENS));
    }

    /** The version an item read from the table carries; 0 when there was no item. */
    static long version(Map<String, AttributeValue> item) {
        return item == null ? 0 : integer(item, LumenTable.VERSION);
    }

    private static Map<String, AttributeValue> userItem(String userId, String sk, String type, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.userPk(userId)));
        item.put(LumenTable.SK, s(sk));
        item.put(LumenTable.TYPE, s(type));
        item.put(USER_ID, s(userId));
        item.put(LumenTable.VERSION, n(version));
        return item;
    }

    private static AttributeValue state(EmotionalState state) {
        return AttributeValue.fromM(Map.of(
                LEVEL, n(state.level()), STATE, s(state.state()), TRIGGERS, strings(state.triggers()),
                AT, AttributeValues.instant(state.at()), SOURCE, s(state.source())));
    }

    private static EmotionalState state(Map<String, AttributeValue> map) {
        return new EmotionalState(decimal(map, LEVEL), string(map, STATE), stringList(map, TRIGGERS),
                instant(map, AT), string(map, SOURCE));
    }
}
