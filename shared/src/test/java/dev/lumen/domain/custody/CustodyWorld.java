package dev.lumen.domain.custody;

import dev.lumen.adapter.offline.OfflineChatModel;
import dev.lumen.fakes.InMemoryCustodyRepository;
import dev.lumen.fakes.InMemoryExamTranscripts;
import dev.lumen.fakes.InMemoryMentoringMaterial;
import dev.lumen.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;

/** The custody use case over the real bank and the offline model (examinee and judge), with in-memory stores. */
final class CustodyWorld {
    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final OfflineChatModel MODEL = new OfflineChatModel();
    private static final Graders GRADERS = Graders.standard(MODEL);
    private static final TestBank BANK = TestBank.load(GRADERS);

    final MutableClock clock = new MutableClock(START);
    final InMemoryCustodyRepository repository = new InMemoryCustodyRepository();
    final InMemoryExamTranscripts transcripts = new InMemoryExamTranscripts();
    final InMemoryMentoringMaterial material = new InMemoryMentoringMaterial();
    final Custody custody = new Custody(BANK, GRADERS, MODEL, repository, transcripts, material, clock);

    static TestBank bank() {
        return BANK;
    }

    void later() {
        clock.advance(Duration.ofMinutes(5));
    }
}
