package dev.lumen.local.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) that queues the frames it receives, for tests. Presence frames
 * go to a queue of their own ({@link #nextPresence}): every test connects as the same dev user, so a
 * previous test's closing connections announce themselves to the next test's connections.
 */
public final class WebSocketClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<String> frames;
    private final BlockingQueue<String> presence;
    private final CompletableFuture<Integer> closed;

    private WebSocketClient(WebSocket socket, BlockingQueue<String> frames, BlockingQueue<String> presence,
                            CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.frames = frames;
        this.presence = presence;
        this.closed = closed;
    }

    /** Opens {@code uri}; fails with the handshake's error (e.g. a 401) when it is refused. */
    public static WebSocketClient connect(URI uri) {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        BlockingQueue<String> presence = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String frame = partial.toString();
                    (frame.startsWith("{\"type\":\"presence\"") ? presence : frames).add(frame);
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.completeExceptionally(error);
            }
        };
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, listener).orTimeout(15, TimeUnit.SECONDS).join();
        return new WebSocketClient(socket, frames, presence, closed);
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The next frame other than presence as JSON; fails when none comes within the timeout. */
    public JsonNode next(Duration timeout) {
        return take(frames, timeout);
    }

    /** The next presence frame as JSON; fails when none comes within the timeout. */
    public JsonNode nextPresence(Duration timeout) {
        return take(presence, timeout);
    }

    private static JsonNode take(BlockingQueue<String> queue, Duration timeout) {
        try {
            String frame = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + timeout);
            }
            return JSON.readTree(frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next {@code count} frames. */
    public List<JsonNode> next(int count, Duration timeout) {
        List<JsonNode> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(next(timeout));
        }
        return received;
    }

    /** Frames other than presence received and not yet taken. */
    public int pending() {
        return frames.size();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        closed.completeOnTimeout(-1, 5, TimeUnit.SECONDS).exceptionally(e -> -1).join();
    }
}
