package dev.lumen.domain.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.ValidationException;
import dev.lumen.fakes.InMemoryPersonaRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonaCursorTest {

    @Test
    void aTokenDecodesToTheCursorItWasMadeFromToTheNanosecond() {
        PersonaCursor cursor = new PersonaCursor(Instant.parse("2024-05-01T10:15:30.000000001Z"), "ada_2-x");
        String token = cursor.encode();
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(PersonaCursor.decode(token)).isEqualTo(cursor);
        assertThat(PersonaCursor.decode(null)).isNull();
        assertThat(PersonaCursor.decode("")).isNull();
    }

    @Test
    void anythingElseIsA400NamingNextToken() {
        for (String bad : List.of("not base64!", "%%%", b64("v2|1|0|ada"), b64("v1|1|0"), b64("v1|x|0|ada"),
                b64("v1|1|1000000000|ada"), b64("v1|1|-1|ada"), b64("v1|1|0|a#b"), b64("v1|1|0|"),
                b64("v1|99999999999999999999|0|ada"), "A".repeat(300))) {
            assertThatThrownBy(() -> PersonaCursor.decode(bad)).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.code()).isEqualTo("invalid_nextToken");
                        assertThat(e.getMessage()).contains("'nextToken'");
                    });
        }
    }

    @Test
    void theServiceListsThroughTheTokenAndChecksItsArguments() {
        // GIVEN three personas of one creator
        InMemoryPersonaRepository repository = new InMemoryPersonaRepository();
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC);
        PersonaService service = new PersonaService(repository, new CoreTraits(List.of()), clock);
        for (String id : List.of("p1", "p2", "p3")) {
            service.create(new NewPersona(id, "Name " + id, null, "coach", List.of()));
        }

        // WHEN paged by two through the encoded token
        PersonaPage first = service.list("coach", 2, null);
        PersonaPage second = service.list("coach", 2, first.next().encode());

        // THEN same instant: by id, descending
        assertThat(first.personas()).extracting(PersonaSummary::id).containsExactly("p3", "p2");
        assertThat(second.personas()).extracting(PersonaSummary::id).containsExactly("p1");
        assertThat(second.next()).isNull();
        assertThatThrownBy(() -> service.list("coach", 0, null)).isInstanceOf(ValidationException.class).hasMessageContaining("'limit'");
        assertThatThrownBy(() -> service.list("coach", 101, null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> service.list("co#ach", 5, null)).isInstanceOf(ValidationException.class).hasMessageContaining("'creatorId'");
        assertThatThrownBy(() -> service.list("coach", 5, "garbage")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("'nextToken'");
    }

    private static String b64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
