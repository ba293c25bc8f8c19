package dev.lumen.adapter.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveAnswerTest {

    @Test
    void theOfflineModelAnswersFromTheBestMatchingSentencesAndCitesTheirSources() {
        // GIVEN
        ModelRequest request = new ModelRequest("system", List.of(), "When should I stop drinking caffeine?", "Lumen",
                List.of(), 600, List.of(), ModelRequest.Task.GROUNDED_ANSWER, List.of(
                        "Keep a fixed wake-up time. Use the bed only for sleep.",
                        "Stop caffeine after 2 pm. Caffeine stays in the blood for hours."));

        // WHEN
        ModelReply reply = new OfflineChatModel().reply(request);

        // THEN the caffeine sentences come first, cited as source 2
        assertThat(reply.text()).startsWith("(Offline mode) From the sources: Stop caffeine after 2 pm. [2]");
        assertThat(reply.text()).contains("[2]");
        assertThat(reply.model()).isEqualTo("lumen-offline");
    }

    @Test
    void withoutSourcesItSaysSoInsteadOfInventing() {
        ModelRequest request = new ModelRequest("system", List.of(), "Anything?", "Lumen", List.of(), 600, List.of(),
                ModelRequest.Task.GROUNDED_ANSWER, List.of());

        assertThat(new OfflineChatModel().reply(request).text()).contains("nothing on this").doesNotContain("[");
    }
}
