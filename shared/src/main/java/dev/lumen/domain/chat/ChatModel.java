package dev.lumen.domain.chat;

/**
 * Port: a conversational model. Implementations retry transient failures themselves and throw
 * {@link dev.lumen.domain.error.UnavailableException} when they give up.
 */
public interface ChatModel {

    ModelReply reply(ModelRequest request);
}
