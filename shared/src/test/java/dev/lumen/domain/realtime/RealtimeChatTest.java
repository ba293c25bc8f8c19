package dev.lumen.domain.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.contract.InteractionStores;
import dev.lumen.domain.chat.ChatRequest;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.memory.MemoryService;
import dev.lumen.domain.presence.TypingService;
import dev.lumen.domain.privacy.UserErasure;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryConnectionRegistry;
import dev.lumen.fakes.InMemoryStores;
import dev.lumen.fakes.InMemoryTypingRepository;
import dev.lumen.fakes.RecordingPush;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The WebSocket use case over fakes, with a fixed clock. Frames are written as their {@code toString}. */
class RealtimeChatTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();
    private final RecordingPush push = new RecordingPush();
    private final AtomicInteger chatsBuilt = new AtomicInteger();
    private final RealtimeChat realtime = new RealtimeChat(registry, push, Object::toString, () -> {
        chatsBuilt.incrementAndGet();
        throw new NotFoundException("persona_not_found", "persona 'nobody' does not exist");
    }, () -> new TypingService(new InMemoryTypingRepository(), clock), clock);

    @Test
    void aConnectionLastsTwoHoursAtMostAndDisconnectForgetsIt() {
        // WHEN
        Connection connection = realtime.connect("c-1", "ann");

        // THEN
        assertThat(connection.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(new LiveConnections(registry, clock).connected("ann")).isTrue();
        assertThat(new LiveConnections(registry, Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC)).connected("ann"))
                .isFalse();
        assertThat(realtime.connection("c-1")).contains(connection);

        // AND
        realtime.disconnect("c-1");
        assertThat(new LiveConnections(registry, clock).connected("ann")).isFalse();
        assertThatThrownBy(() -> realtime.connect(" ", "ann")).hasMessageContaining("connection");
        assertThatThrownBy(() -> realtime.connect("c-2", "a b")).hasMessageContaining("userId");
    }

    @Test
    void aUsersOtherDevicesHearWhenOneComesAndGoesAndPresenceNeverFailsAConnect() {
        // GIVEN a phone connected, and another user's connection
        realtime.connect("phone", "ann");
        realtime.connect("other", "bob");

        // WHEN a laptop connects, then the phone leaves
        realtime.connect("laptop", "ann");
        realtime.disconnect("phone");

        // THEN the phone heard the laptop come, the laptop heard the phone go, bob heard nothing of ann
        assertThat(push.payloadsTo("phone")).containsExactly(new RealtimeFrame.Presence(true, 2).toString());
        assertThat(push.payloadsTo("laptop")).containsExactly(new RealtimeFrame.Presence(false, 1).toString());
        assertThat(push.payloadsTo("other")).isEmpty();

        // AND an unreachable management API loses the hint, not the connection
        push.failNext(1);
        assertThat(realtime.connect("tablet", "ann").connectionId()).isEqualTo("tablet");
        assertThat(registry.ofUser("ann", NOW)).extracting(Connection::connectionId).containsExactly("laptop", "tablet");
    }

    @Test
    void connectingBuildsNoChat() {
        realtime.connect("c-1", "ann");
        realtime.disconnect("c-1");
        assertThat(chatsBuilt).hasValue(0);
    }

    @Test
    void aFailedChatStillSwitchesTypingOffAndLetsTheErrorThrough() {
        // GIVEN
        realtime.connect("c-1", "ann");

        // WHEN / THEN
        assertThatThrownBy(() -> realtime.send("c-1", new ChatRequest("nobody", null, "ann", "hi")))
                .isInstanceOf(NotFoundException.class);
        assertThat(push.payloadsTo("c-1")).containsExactly(
                new RealtimeFrame.Typing(true, "nobody", null).toString(),
                new RealtimeFrame.Typing(false, "nobody", null).toString());
    }

    @Test
    void aBroadcastReachesTheLiveDevicesForgetsTheGoneAndFailsOnlyWhenNoneGotIt() {
        // GIVEN three devices, one gone, and another user's
        realtime.connect("laptop", "ann");
        realtime.connect("phone", "ann");
        registry.register(new Connection("old-tab", "ann", NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1))));
        realtime.connect("bob-1", "bob");
        push.gone("old-tab");

        // WHEN
        int delivered = realtime.broadcast("ann", null, new RealtimeFrame.Error("x", "y"));

        // THEN
        assertThat(delivered).isEqualTo(2);
        assertThat(registry.ofUser("ann", NOW)).extracting(Connection::connectionId).containsExactlyInAnyOrder("laptop", "phone");
        assertThat(push.payloadsTo("bob-1")).isEmpty();

        // AND one unreachable push among good ones is tolerated; all unreachable is reported
        push.failNext(1);
        assertThat(realtime.broadcast("ann", null, new RealtimeFrame.Error("x", "y"))).isEqualTo(1);
        push.failNext(2);
        assertThatThrownBy(() -> realtime.broadcast("ann", null, new RealtimeFrame.Error("x", "y")))
                .isInstanceOf(UnavailableException.class);
    }

    @Test
    void aConnectionStillCompletingItsHandshakeIsNotForgottenWhenAPushIsRefused() {
        // GIVEN a laptop, and a phone whose $connect has just been recorded but whose handshake is not
        // complete yet: pushes to it are refused (410) exactly as to a gone connection
        registry.register(new Connection("laptop", "ann", NOW.minusSeconds(600), NOW.plus(Duration.ofHours(1))));
        realtime.connect("phone", "ann");
        push.gone("phone");

        // WHEN the laptop's frame and its presence on leaving reach for the phone
        realtime.broadcast("ann", "laptop", new RealtimeFrame.Error("x", "y"));
        realtime.disconnect("laptop");

        // THEN the phone's record is kept: it is connecting, not gone
        assertThat(registry.ofUser("ann", NOW)).extracting(Connection::connectionId).containsExactly("phone");

        // AND once past the handshake grace, a refused push does forget it
        RealtimeChat later = new RealtimeChat(registry, push, Object::toString, () -> null, () -> null,
                Clock.fixed(NOW.plus(Connection.HANDSHAKE_GRACE), ZoneOffset.UTC));
        later.broadcast("ann", null, new RealtimeFrame.Error("x", "y"));
        assertThat(registry.ofUser("ann", NOW)).isEmpty();
    }

    @Test
    void erasingAUserForgetsTheirConnections() {
        // GIVEN
        InteractionStores stores = InMemoryStores.create();
        UserErasure erasure = new UserErasure(stores.conversations(),
                new MemoryService(new HashingEmbeddingModel(64), new ExactVectorStore()), stores.learning(), userId -> 0)
                .withConnections(registry);
        realtime.connect("laptop", "ann");
        realtime.connect("phone", "ann");
        realtime.connect("bob-1", "bob");

        // WHEN
        UserErasure.Report report = erasure.erase("ann");

        // THEN
        assertThat(report.learnedRecords()).isEqualTo(2);
        assertThat(registry.ofUser("ann", NOW)).isEmpty();
        assertThat(registry.ofUser("bob", NOW)).hasSize(1);
        assertThat(List.of(chatsBuilt.get())).containsExactly(0);
    }

}
