package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.decimal;
import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalInstant;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.proactive.GoalStatus;
import dev.lumen.domain.proactive.GoalStore;
import dev.lumen.domain.proactive.UserGoal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link GoalStore} on the single table: the user's {@code GOALS#} partition holds one item per goal
 * ({@code GOAL#{goalId}}) and the time zone ({@code TIMEZONE}). A user has a handful of goals, so the
 * partition is read whole with one consistent Query; erasure deletes the partition.
 */
public final class DynamoDbGoalStore implements GoalStore {
    private static final String GOAL_ID = "goalId";
    private static final String GOAL = "goal";
    private static final String PROGRESS = "progress";
    private static final String EXPECTED = "expected";
    private static final String LAST_PROGRESS_AT = "lastProgressAt";
    private static final String MILESTONE_DUE_AT = "milestoneDueAt";
    private static final String UPDATED_AT = "updatedAt";
    private static final String ZONE = "zone";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbGoalStore(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public Optional<UserGoal> find(String userId, String goalId) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(AttributeValues.key(LumenTable.goalsPk(userId), LumenTable.goalSk(goalId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(goal(item));
    }

    @Override
    public void put(String userId, UserGoal goal) {
        GoalStatus status = goal.status();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.goalsPk(userId)));
        item.put(LumenTable.SK, s(LumenTable.goalSk(goal.goalId())));
        item.put(LumenTable.TYPE, s("GOAL"));
        item.put("userId", s(userId));
        item.put(GOAL_ID, s(goal.goalId()));
        item.put(GOAL, s(status.goal()));
        item.put(PROGRESS, n(status.progress()));
        item.put(EXPECTED, n(status.expected()));
        if (status.lastProgressAt() != null) {
            item.put(LAST_PROGRESS_AT, instant(status.lastProgressAt()));
        }
        if (status.milestoneDueAt() != null) {
            item.put(MILESTONE_DUE_AT, instant(status.milestoneDueAt()));
        }
        item.put(UPDATED_AT, instant(goal.updatedAt()));
        client.putItem(r -> r.tableName(tableName).item(item));
    }

    @Override
    public List<UserGoal> ofUser(String userId) {
        List<UserGoal> goals = new ArrayList<>();
        for (Map<String, AttributeValue> item : Partitions.items(client,
                PrefixQuery.of(tableName, LumenTable.goalsPk(userId), LumenTable.GOAL_PREFIX))) {
            goals.add(goal(item));
        }
        return List.copyOf(goals);
    }

    @Override
    public Optional<ZoneId> timeZone(String userId) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(AttributeValues.key(LumenTable.goalsPk(userId), LumenTable.TIME_ZONE))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ZoneId.of(string(item, ZONE)));
    }

    @Override
    public void setTimeZone(String userId, ZoneId zone) {
        client.putItem(r -> r.tableName(tableName).item(Map.of(
                LumenTable.PK, s(LumenTable.goalsPk(userId)), LumenTable.SK, s(LumenTable.TIME_ZONE),
                LumenTable.TYPE, s("TIMEZONE"), "userId", s(userId), ZONE, s(zone.getId()))));
    }

    @Override
    public int eraseUser(String userId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : Partitions.items(client, Partitions.whole(tableName, LumenTable.goalsPk(userId)))) {
            keys.add(Partitions.key(item));
        }
        Partitions.delete(client, tableName, keys);
        return keys.size();
    }

    private static UserGoal goal(Map<String, AttributeValue> item) {
        return new UserGoal(string(item, GOAL_ID), new GoalStatus(string(item, GOAL), decimal(item, PROGRESS),
                decimal(item, EXPECTED), optionalInstant(item, LAST_PROGRESS_AT), optionalInstant(item, MILESTONE_DUE_AT)),
                instant(item, UPDATED_AT));
    }
}
