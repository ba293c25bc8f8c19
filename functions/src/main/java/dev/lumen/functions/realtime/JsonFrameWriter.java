package dev.lumen.functions.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.domain.realtime.FrameWriter;
import dev.lumen.domain.realtime.RealtimeFrame;
import dev.lumen.functions.http.Json;

/**
 * Frames as JSON with the functions' one mapper: a {@code reply} frame is {@code POST /api/chat}'s body
 * with {@code "type":"reply"} in front, so a client parses both the same way.
 */
public final class JsonFrameWriter implements FrameWriter {

    @Override
    public String write(RealtimeFrame frame) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        if (frame instanceof RealtimeFrame.Typing typing) {
            json.put("type", "typing");
            json.put("typing", typing.typing());
            if (typing.personaId() != null) {
                json.put("personaId", typing.personaId());
            }
            if (typing.sessionId() != null) {
                json.put("sessionId", typing.sessionId());
            }
        } else if (frame instanceof RealtimeFrame.Reply reply) {
            json.put("type", "reply");
            json.setAll((ObjectNode) Json.MAPPER.valueToTree(reply.reply()));
        } else if (frame instanceof RealtimeFrame.Presence presence) {
            json.put("type", "presence");
            json.put("online", presence.online());
            json.put("devices", presence.devices());
        } else if (frame instanceof RealtimeFrame.Error error) {
            json.put("type", "error");
            ObjectNode detail = json.putObject("error");
            detail.put("code", error.code());
            detail.put("message", error.message());
        }
        try {
            return Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a frame could not be written", e);
        }
    }
}
