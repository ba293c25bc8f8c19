package dev.lumen.fakes;

import dev.lumen.contract.ExamTranscriptsContract;
import dev.lumen.domain.custody.ExamTranscripts;

class InMemoryExamTranscriptsTest extends ExamTranscriptsContract {
    @Override
    protected ExamTranscripts newTranscripts() {
        return new InMemoryExamTranscripts();
    }
}
