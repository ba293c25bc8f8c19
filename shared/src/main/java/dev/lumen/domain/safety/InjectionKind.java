package dev.lumen.domain.safety;

/** What a prompt-injection attempt tries to achieve. */
public enum InjectionKind {
    /** Replace or cancel the persona's or the system's instructions ("ignore all previous instructions"). */
    OVERRIDE_INSTRUCTIONS,
    /** Make the model reveal its system prompt, hidden instructions or secrets it was given. */
    PROMPT_EXFILTRATION,
    /** Reach other users' data or conversations, or send data somewhere (e.g. a link that carries it). */
    DATA_EXFILTRATION,
    /** Switch the model into an unrestricted persona or mode ("you are now DAN", "developer mode"). */
    ROLE_PLAY_JAILBREAK,
    /** Hide an instruction from a reader: base64 / hex / rot13 / reversed text, invisible or look-alike characters. */
    ENCODED_PAYLOAD
}
