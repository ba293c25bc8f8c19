package dev.lumen.domain.chat;

/** Who wrote a message. */
public enum Role {
    USER, ASSISTANT
}
