package dev.lumen.fakes;

import dev.lumen.domain.custody.ExamTranscripts;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ExamTranscripts} in memory, for domain tests. */
public final class InMemoryExamTranscripts implements ExamTranscripts {
    private final Map<String, Transcript> transcripts = new ConcurrentHashMap<>();

    @Override
    public Transcript saveIfAbsent(Transcript transcript) {
        Transcript earlier = transcripts.putIfAbsent(transcript.agent() + "|" + transcript.runId(), transcript);
        return earlier == null ? transcript : earlier;
    }

    @Override
    public Optional<Transcript> find(String agent, String runId) {
        return Optional.ofNullable(transcripts.get(agent + "|" + runId));
    }
}
