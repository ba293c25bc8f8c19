package dev.lumen.domain.realtime;

/**
 * Port: a frame as the JSON text a client receives. The functions write it with the same mapper as
 * their HTTP answers, so a {@code reply} frame has exactly the fields of {@code POST /api/chat}'s body.
 */
@FunctionalInterface
public interface FrameWriter {
    String write(RealtimeFrame frame);
}
