package dev.lumen.fakes;

import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.Usage;
import java.util.ArrayList;
import java.util.List;

/** A {@link ChatModel} for unit tests: records every request and answers with a fixed text. */
public final class ScriptedChatModel implements ChatModel {
    private final List<ModelRequest> requests = new ArrayList<>();
    private final String answer;

    public ScriptedChatModel(String answer) {
        this.answer = answer;
    }

    @Override
    public synchronized ModelReply reply(ModelRequest request) {
        requests.add(request);
        return new ModelReply(answer, "scripted", new Usage(request.userMessage().length(), answer.length()), "end_turn");
    }

    public synchronized List<ModelRequest> requests() {
        return List.copyOf(requests);
    }
}
