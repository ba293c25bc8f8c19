package dev.lumen.adapter.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.UnprocessableContentException;
import dev.lumen.domain.snapshot.SnapshotKind;
import dev.lumen.domain.snapshot.SnapshotState;
import dev.lumen.domain.snapshot.SnapshotState.AgentState;
import dev.lumen.domain.snapshot.SnapshotState.EmotionState;
import dev.lumen.domain.snapshot.SnapshotState.ExampleState;
import dev.lumen.domain.snapshot.SnapshotState.PersonaState;
import dev.lumen.domain.snapshot.SnapshotState.ProfileState;
import dev.lumen.domain.snapshot.SnapshotState.TraitState;
import dev.lumen.domain.snapshot.SnapshotState.UserState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CborSnapshotCodecTest {
    private final CborSnapshotCodec codec = new CborSnapshotCodec();

    static PersonaState persona(int traits) {
        List<TraitState> list = new ArrayList<>();
        for (int i = 0; i < traits; i++) {
            list.add(new TraitState("trait-" + i, "Trait " + i, "What trait " + i + " means for how the persona speaks",
                    (i % 10) / 10.0, i < 3));
        }
        return new PersonaState("Coach Ada", "A patient running coach", "creator-1", list);
    }

    static UserState user() {
        EmotionState now = new EmotionState(0.4, "calm", List.of("run", "sleep"), "2026-12-07T09:00:00Z", "learned");
        EmotionState before = new EmotionState(0.8, "anxious", List.of("race"), "2026-12-06T09:00:00Z", "explicit");
        return new UserState(now, List.of(before), new ProfileState(List.of("marathon"), List.of("short answers"),
                List.of("ran 10k"), "concise-casual", 12, "2026-12-07T09:00:00Z"));
    }

    static AgentState agent() {
        return new AgentState("guardian", 420, true, "2026-12-07T08:00:00Z", List.of(new ExampleState("sa-1",
                "SECURITY_AWARENESS", "Q?", "A.", "imperium", null)));
    }

    @Test
    void everyKindRoundTripsExactly() {
        for (SnapshotState state : List.of(persona(5), user(), agent(),
                new UserState(null, List.of(), null), new PersonaState("n", "", "default", List.of()))) {
            SnapshotKind kind = state instanceof PersonaState ? SnapshotKind.PERSONA
                    : state instanceof UserState ? SnapshotKind.USER : SnapshotKind.AGENT;
            assertThat(codec.decode(kind, codec.encode(state))).isEqualTo(state);
        }
    }

    @Test
    void theSameStateEncodesToTheSameBytes() {
        assertThat(codec.encode(persona(20))).isEqualTo(codec.encode(persona(20)));
        assertThat(codec.encode(user())).isEqualTo(codec.encode(user()));
    }

    @Test
    void encodingCarriesTheFormatHeaderAndIsCompact() {
        byte[] bytes = codec.encode(persona(50));
        assertThat(bytes[0]).isEqualTo((byte) 'L');
        assertThat(bytes[1]).isEqualTo((byte) 'S');
        assertThat(bytes[2]).isEqualTo((byte) 1);
        int json = ("" + persona(50)).getBytes(StandardCharsets.UTF_8).length;
        // 50 traits: the compressed CBOR is far below the text form and the 350 KB item budget.
        assertThat(bytes.length).isLessThan(json / 3).isLessThan(4_000);
    }

    @Test
    void damagedBytesAreRefusedAsUndecodableNeverAsSomeOtherState() {
        byte[] bytes = codec.encode(persona(3));
        byte[] unknownFormat = bytes.clone();
        unknownFormat[2] = 9;
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        byte[] noHeader = {1, 2};
        for (byte[] bad : List.of(unknownFormat, truncated, noHeader)) {
            assertThatThrownBy(() -> codec.decode(SnapshotKind.PERSONA, bad))
                    .isInstanceOf(UnprocessableContentException.class)
                    .extracting(e -> ((UnprocessableContentException) e).code()).isEqualTo("snapshot_undecodable");
        }
    }
}
