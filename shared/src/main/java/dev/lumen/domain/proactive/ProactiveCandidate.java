package dev.lumen.domain.proactive;

import dev.lumen.domain.persona.PersonaView;
import java.util.Objects;

/**
 * One user and the persona they talk to, as the hourly evaluation sees them.
 *
 * @param persona   the persona whose voice the message is written in (effective traits)
 * @param connected whether the user has an open WebSocket connection now
 */
public record ProactiveCandidate(BehaviourInput behaviour, PersonaView persona, boolean connected) {

    public ProactiveCandidate {
        Objects.requireNonNull(behaviour, "behaviour");
        Objects.requireNonNull(persona, "persona");
    }
}
