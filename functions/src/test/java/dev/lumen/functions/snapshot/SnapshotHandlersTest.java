package dev.lumen.functions.snapshot;

import static dev.lumen.functions.HandlerFixture.asAdmin;
import static dev.lumen.functions.HandlerFixture.asCreator;
import static dev.lumen.functions.HandlerFixture.asUser;
import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.adapter.cbor.CborSnapshotCodec;
import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.persona.TraitAction;
import dev.lumen.domain.persona.TraitUpdate;
import dev.lumen.domain.snapshot.AgentStateAccess;
import dev.lumen.domain.snapshot.PersonaStateAccess;
import dev.lumen.domain.snapshot.ScheduledSnapshots;
import dev.lumen.domain.snapshot.SnapshotKind;
import dev.lumen.domain.snapshot.Snapshots;
import dev.lumen.domain.snapshot.UserStateAccess;
import dev.lumen.fakes.InMemoryActivityFeed;
import dev.lumen.fakes.InMemoryCustodyRepository;
import dev.lumen.fakes.InMemoryMentoringMaterial;
import dev.lumen.fakes.InMemorySnapshotStore;
import dev.lumen.functions.HandlerFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotHandlersTest {
    private final HandlerFixture fixture = new HandlerFixture();
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final Snapshots snapshots = new Snapshots(store, new CborSnapshotCodec(), List.of(
            new PersonaStateAccess(fixture.personas), new UserStateAccess(fixture.learning, Clock.systemUTC()),
            new AgentStateAccess(new InMemoryCustodyRepository(), new InMemoryMentoringMaterial())), 100, Clock.systemUTC());
    private final TakeSnapshotHandler take = new TakeSnapshotHandler(snapshots, fixture.personas);
    private final ListSnapshotsHandler list = new ListSnapshotsHandler(snapshots, fixture.personas);
    private final GetSnapshotHandler get = new GetSnapshotHandler(snapshots, fixture.personas);
    private final DiffSnapshotsHandler diff = new DiffSnapshotsHandler(snapshots, fixture.personas);
    private final RestoreSnapshotHandler restore = new RestoreSnapshotHandler(snapshots, fixture.personas);

    @BeforeEach
    void persona() {
        fixture.personas.create(new NewPersona("persona-ada", "Ada", "A study coach", "coach-sleep",
                List.of(new NewPersona.NewTrait("warmth", "Warmth", "Kind", 0.5))));
    }

    private void setWarmth(double value) {
        fixture.personas.updateTrait(new TraitUpdate("persona-ada", "warmth", TraitAction.SET, value, "test"));
    }

    private static APIGatewayV2HTTPEvent path(String name, Map<String, String> changes) {
        APIGatewayV2HTTPEvent event = event(name);
        Map<String, String> params = new HashMap<>(event.getPathParameters());
        params.putAll(changes);
        event.setPathParameters(params);
        return event;
    }

    @Test
    void takeListGetDiffRestoreAPersona() {
        // GIVEN two snapshots with warmth 0.5 then 0.9
        APIGatewayV2HTTPResponse first = take.handleRequest(event("snapshot-take.json"), null);
        setWarmth(0.9);
        take.handleRequest(event("snapshot-take.json"), null);

        // THEN
        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(json(first).path("version").asLong()).isEqualTo(1);
        assertThat(json(first).path("kind").asText()).isEqualTo("persona");
        assertThat(json(first).path("reason").asText()).isEqualTo("manual");
        assertThat(json(first).path("checksum").asText()).hasSize(64);

        JsonNode versions = json(list.handleRequest(event("snapshot-list.json"), null));
        assertThat(versions.path("versions").findValuesAsText("version")).containsExactly("2", "1");

        JsonNode detail = json(get.handleRequest(event("snapshot-get.json"), null));
        assertThat(detail.at("/snapshot/version").asLong()).isEqualTo(1);
        assertThat(detail.at("/state/name").asText()).isEqualTo("Ada");
        assertThat(detail.at("/state/traits").findValuesAsText("id")).contains("warmth", "empathy");

        JsonNode changes = json(diff.handleRequest(event("snapshot-diff.json"), null));
        assertThat(changes.path("kind").asText()).isEqualTo("persona");
        assertThat(changes.path("from").asLong()).isEqualTo(1);
        assertThat(changes.path("to").asLong()).isEqualTo(2);
        assertThat(changes.at("/traits/changed/0/id").asText()).isEqualTo("warmth");
        assertThat(changes.at("/traits/changed/0/from").asDouble()).isEqualTo(0.5);
        assertThat(changes.at("/traits/changed/0/to").asDouble()).isEqualTo(0.9);

        APIGatewayV2HTTPResponse restored = restore.handleRequest(event("snapshot-restore.json"), null);
        assertThat(restored.getStatusCode()).isEqualTo(200);
        assertThat(json(restored).at("/undo/version").asLong()).isEqualTo(3);
        assertThat(json(restored).at("/undo/reason").asText()).isEqualTo("pre_restore");
        assertThat(json(restored).path("changed").get(0).asText()).isEqualTo("traits.warmth.intensity");
        assertThat(fixture.personas.get("persona-ada").traits().stream().filter(t -> t.id().equals("warmth"))
                .findFirst().orElseThrow().intensity()).isEqualTo(0.5);
    }

    @Test
    void aCorruptedSnapshotIsA422AndNothingChanges() {
        take.handleRequest(event("snapshot-take.json"), null);
        setWarmth(0.9);
        byte[] bytes = store.get(SnapshotKind.PERSONA, "persona-ada", 1).orElseThrow().bytes();
        bytes[bytes.length / 2] ^= 0x01;
        store.overwrite(SnapshotKind.PERSONA, "persona-ada", 1, bytes);

        APIGatewayV2HTTPResponse refused = restore.handleRequest(event("snapshot-restore.json"), null);

        assertError(refused, 422, "version 1");
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("snapshot_corrupted");
        assertThat(fixture.personas.get("persona-ada").traits().stream().filter(t -> t.id().equals("warmth"))
                .findFirst().orElseThrow().intensity()).isEqualTo(0.9);
        assertThat(store.versions(SnapshotKind.PERSONA, "persona-ada", 10)).hasSize(1);
    }

    @Test
    void badKindAndVersionAre400sNamingTheFieldAndUnknownsAre404s() {
        assertError(take.handleRequest(path("snapshot-take.json", Map.of("kind", "planet")), null), 400, "'kind'");
        assertError(get.handleRequest(path("snapshot-get.json", Map.of("version", "zero")), null), 400, "'version'");
        assertError(get.handleRequest(path("snapshot-get.json", Map.of("version", "0")), null), 400, "'version'");
        APIGatewayV2HTTPEvent noFrom = event("snapshot-diff.json");
        noFrom.setQueryStringParameters(Map.of("to", "2"));
        assertError(diff.handleRequest(noFrom, null), 400, "'from'");
        assertError(get.handleRequest(event("snapshot-get.json"), null), 404, "version 1");
        assertError(take.handleRequest(asAdmin(path("snapshot-take.json", Map.of("id", "persona-nobody"))), null), 404,
                "persona-nobody");
        assertError(take.handleRequest(asAdmin(path("snapshot-take.json", Map.of("kind", "agent", "id", "nobody"))), null),
                404, "nobody");
        assertThat(store.versions(SnapshotKind.PERSONA, "persona-ada", 10)).isEmpty();
    }

    @Test
    void usersSnapshotThemselvesAndAgentsAreForAdminsAndNotRestorable() {
        fixture.learning.setEmotionalState("user-sam", new EmotionalState(0.4, "calm", List.of(), java.time.Instant.now(),
                "explicit"));
        APIGatewayV2HTTPEvent mine = asUser(path("snapshot-take.json", Map.of("kind", "user", "id", "user-sam")), "user-sam");
        assertThat(take.handleRequest(mine, null).getStatusCode()).isEqualTo(201);
        APIGatewayV2HTTPEvent theirs = asUser(path("snapshot-take.json", Map.of("kind", "user", "id", "user-sam")), "user-kim");
        assertThat(take.handleRequest(theirs, null).getStatusCode()).isEqualTo(403);

        APIGatewayV2HTTPEvent agent = path("snapshot-take.json", Map.of("kind", "agent", "id", "guardian"));
        assertThat(take.handleRequest(asCreator(agent, "coach-sleep"), null).getStatusCode()).isEqualTo(403);
        assertThat(take.handleRequest(asAdmin(path("snapshot-take.json", Map.of("kind", "agent", "id", "guardian"))), null)
                .getStatusCode()).isEqualTo(201);
        APIGatewayV2HTTPResponse refused = restore.handleRequest(asAdmin(path("snapshot-restore.json",
                Map.of("kind", "agent", "id", "guardian"))), null);
        assertThat(refused.getStatusCode()).isEqualTo(409);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("snapshot_restore_unsupported");
    }

    @Test
    void theScheduleSnapshotsWhatTheFeedSaysWasActive() {
        InMemoryActivityFeed feed = new InMemoryActivityFeed();
        feed.record(new dev.lumen.domain.activity.Activity("a1", dev.lumen.domain.activity.ActivityKind.CHAT_TURN,
                java.time.Instant.now().minusSeconds(60), "coach-sleep", "persona-ada", null, "s1", "POST /api/chat",
                "offline", 5, 1, 1, 0, false, null));
        SnapshotScheduleHandler handler = new SnapshotScheduleHandler(
                new ScheduledSnapshots(snapshots, feed, Clock.systemUTC()), Duration.ofMinutes(10));
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/schedule-snapshots.json");

        SnapshotScheduleHandler.Result first = handler.handleRequest(event, null);
        SnapshotScheduleHandler.Result second = handler.handleRequest(event, null);

        assertThat(first).isEqualTo(new SnapshotScheduleHandler.Result(5, 0, 0));
        assertThat(second).isEqualTo(new SnapshotScheduleHandler.Result(0, 5, 0));
        assertThat(store.versions(SnapshotKind.PERSONA, "persona-ada", 10)).hasSize(1);
    }
}
