package dev.lumen.fakes;

import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.realtime.RealtimePush;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link RealtimePush} that records every frame; connections marked {@link #gone} answer false (HTTP 410),
 * and {@link #failNext} makes the next pushes throw as an unreachable management API does.
 */
public final class RecordingPush implements RealtimePush {
    /** One frame sent to one connection. */
    public record Frame(String connectionId, String payload) {
    }

    private final List<Frame> frames = new ArrayList<>();
    private final Set<String> gone = new HashSet<>();
    private int failures;

    @Override
    public synchronized boolean push(String connectionId, String payload) {
        if (failures > 0) {
            failures--;
            throw new UnavailableException("realtime_unavailable", "management API unreachable (test)", null);
        }
        if (gone.contains(connectionId)) {
            return false;
        }
        frames.add(new Frame(connectionId, payload));
        return true;
    }

    public synchronized void gone(String connectionId) {
        gone.add(connectionId);
    }

    public synchronized void failNext(int times) {
        failures = times;
    }

    public synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    public synchronized List<String> payloadsTo(String connectionId) {
        return frames.stream().filter(f -> f.connectionId().equals(connectionId)).map(Frame::payload).toList();
    }
}
