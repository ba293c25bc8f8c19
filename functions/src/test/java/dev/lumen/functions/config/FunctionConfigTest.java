package dev.lumen.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.persona.CoreTraits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FunctionConfigTest {
    private static final List<String> NAMES = List.of("TABLE_NAME", "LUMEN_CHAT_MODEL", "BEDROCK_MODEL_ID",
            "LUMEN_CORE_TRAITS", "LUMEN_MESSAGE_RETENTION_DAYS", "LUMEN_DYNAMODB_ENDPOINT");

    @AfterEach
    void clear() {
        NAMES.forEach(System::clearProperty);
    }

    @Test
    void readsConfigurationWithDefaults() {
        System.setProperty("TABLE_NAME", "lumen");
        System.setProperty("LUMEN_CHAT_MODEL", "offline");
        System.setProperty("LUMEN_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000");

        FunctionConfig config = FunctionConfig.fromEnvironment();

        assertThat(config.tableName()).isEqualTo("lumen");
        assertThat(config.chatModel()).isEqualTo(FunctionConfig.ChatModelKind.OFFLINE);
        assertThat(config.dynamoDbEndpoint()).hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(8000));
        assertThat(config.messageRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(config.coreTraits().all()).isEqualTo(CoreTraits.defaults().all());
    }

    @Test
    void failsFastNamingTheVariable() {
        assertThatThrownBy(FunctionConfig::fromEnvironment).hasMessageContaining("TABLE_NAME");
        System.setProperty("TABLE_NAME", "lumen");
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment().requireBedrockModelId()).hasMessageContaining("BEDROCK_MODEL_ID");
        System.setProperty("LUMEN_CHAT_MODEL", "gpt");
        assertThatThrownBy(FunctionConfig::fromEnvironment).hasMessageContaining("LUMEN_CHAT_MODEL");
        System.setProperty("LUMEN_CHAT_MODEL", "offline");
        System.setProperty("LUMEN_MESSAGE_RETENTION_DAYS", "-1");
        assertThatThrownBy(FunctionConfig::fromEnvironment).hasMessageContaining("LUMEN_MESSAGE_RETENTION_DAYS");
    }

    @Test
    void coreTraitsComeFromJson() {
        CoreTraits traits = FunctionConfig.parseCoreTraits(
                "[{\"id\":\"calm\",\"name\":\"Calm\",\"description\":\"Even-tempered\",\"intensity\":0.6}]");
        assertThat(traits.all()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("calm");
            assertThat(t.intensity()).isEqualTo(0.6);
            assertThat(t.inherited()).isTrue();
        });
        assertThatThrownBy(() -> FunctionConfig.parseCoreTraits("{\"id\":1}")).hasMessageContaining("LUMEN_CORE_TRAITS");
        assertThatThrownBy(() -> FunctionConfig.parseCoreTraits("[{\"name\":\"x\",\"intensity\":2}]"))
                .hasMessageContaining("LUMEN_CORE_TRAITS");
    }
}
