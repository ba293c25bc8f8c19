package dev.lumen.domain.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.chat.ChatRequest;
import dev.lumen.domain.chat.ChatService;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.fakes.Coachings;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryConversationRepository;
import dev.lumen.fakes.InMemoryPendingInteractions;
import dev.lumen.fakes.InMemoryPersonaRepository;
import dev.lumen.fakes.MutableClock;
import dev.lumen.fakes.RecordingInteractionPublisher;
import dev.lumen.fakes.ScriptedChatModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InteractionSweeperTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final InMemoryPendingInteractions pending = new InMemoryPendingInteractions();
    private final RecordingInteractionPublisher queue = new RecordingInteractionPublisher();
    private final InteractionSweeper sweeper = new InteractionSweeper(pending, queue, clock);
    private ChatService chat;

    @BeforeEach
    void setUp() {
        PersonaService personas = new PersonaService(new InMemoryPersonaRepository(), CoreTraits.defaults(), clock);
        personas.create(new NewPersona("ada", "Ada", "A coach", null, List.of()));
        chat = new ChatService(personas, CoreTraits.defaults(), new InMemoryConversationRepository(pending),
                new ScriptedChatModel("Sure."), new MemoryService(new HashingEmbeddingModel(32), new ExactVectorStore()),
                queue, Coachings.none(), clock);
    }

    @Test
    void aTurnWhosePublishFailedIsPublishedByTheSweeperAfterTheGrace() {
        // GIVEN a turn stored while the queue was down
        queue.failing(true);
        String interactionId = chat.chat(new ChatRequest("ada", "s1", "u1", "hello")).messageId();
        queue.failing(false);

        // WHEN the sweeper runs before and after the grace period
        InteractionSweeper.Result early = sweeper.sweep();
        clock.advance(InteractionSweeper.GRACE.plusSeconds(1));
        InteractionSweeper.Result late = sweeper.sweep();

        // THEN nothing was lost: it is published once the grace is over, and not again right away
        assertThat(early.published()).isZero();
        assertThat(late.published()).isEqualTo(1);
        assertThat(queue.published()).extracting(InteractionRecorded::interactionId).containsExactly(interactionId);
        assertThat(sweeper.sweep().published()).isZero();
        assertThat(pending.find(interactionId)).hasValueSatisfying(p -> assertThat(p.attempts()).isEqualTo(1));
    }

    @Test
    void aQueueStillDownLeavesTheInteractionDueForTheNextSweep() {
        // GIVEN
        queue.failing(true);
        chat.chat(new ChatRequest("ada", "s1", "u1", "hello"));
        clock.advance(Duration.ofMinutes(3));

        // WHEN
        InteractionSweeper.Result result = sweeper.sweep();

        // THEN
        assertThat(result.failed()).isEqualTo(1);
        assertThat(pending.due(clock.instant(), 10)).hasSize(1);
    }

    @Test
    void anInteractionNeverProcessedIsParkedAfterTheLastAttempt() {
        // GIVEN a worker that never processes it (the published copies go nowhere)
        String interactionId = chat.chat(new ChatRequest("ada", "s1", "u1", "hello")).messageId();

        // WHEN the sweeper keeps finding it due
        int parked = 0;
        for (int sweep = 0; sweep < 20 && parked == 0; sweep++) {
            clock.advance(Duration.ofDays(1));
            parked = sweeper.sweep().parked();
        }

        // THEN it was published MAX_ATTEMPTS more times, then parked for an operator
        assertThat(parked).isEqualTo(1);
        assertThat(queue.published()).hasSize(1 + InteractionSweeper.MAX_ATTEMPTS);
        assertThat(pending.isParked(interactionId)).isTrue();
        assertThat(pending.due(clock.instant().plus(Duration.ofDays(365)), 10)).isEmpty();
    }
}
