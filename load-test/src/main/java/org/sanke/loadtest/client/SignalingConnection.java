package org.sanke.loadtest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A client's WebSocket to the server, speaking docs/protocol.md: requests answered by requestId, events handed to
 * a listener. Thread-safe; events arrive on the HTTP client's threads, one at a time.
 */
public final class SignalingConnection implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextRequestId = new AtomicLong(1);
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<JsonNode> events;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;
    /** When the WebSocket opened, for join timing. */
    public final long openedNanos;

    private SignalingConnection(Consumer<JsonNode> events) {
        this.events = events;
        this.openedNanos = System.nanoTime();
    }

    public static SignalingConnection open(HttpClient http, URI wsUri, Consumer<JsonNode> events) throws Exception {
        SignalingConnection connection = new SignalingConnection(events);
        connection.socket = http.newWebSocketBuilder().buildAsync(wsUri, connection).get(30, TimeUnit.SECONDS);
        return connection;
    }

    /** Sends a request; completes with the reply, or exceptionally with a {@link ServerRefusal}. */
    public CompletableFuture<JsonNode> request(String type, Map<String, Object> fields) {
        long id = nextRequestId.getAndIncrement();
        ObjectNode message = JSON.createObjectNode();
        message.put("type", type);
        message.put("requestId", id);
        fields.forEach((name, value) -> message.set(name, JSON.valueToTree(value)));
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        synchronized (this) {
            socket.sendText(message.toString(), true);
        }
        return reply;
    }

    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            dispatch(text);
        }
        ws.request(1);
        return null;
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            return;
        }
        JsonNode id = message.get("requestId");
        CompletableFuture<JsonNode> waiting = id == null ? null : pending.remove(id.asLong());
        if (waiting == null) {
            events.accept(message);
        } else if ("error".equals(message.path("type").asText())) {
            waiting.completeExceptionally(new ServerRefusal(message.path("code").asText(),
                    message.path("message").asText()));
        } else {
            waiting.complete(message);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        pending.values().forEach(f -> f.completeExceptionally(new ServerRefusal("closed", "connection closed")));
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.completeExceptionally(error);
        pending.values().forEach(f -> f.completeExceptionally(error));
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            socket.abort();
        }
    }

    /** An error reply from the server. */
    public static final class ServerRefusal extends RuntimeException {
        public final String code;

        ServerRefusal(String code, String message) {
            super(code + ": " + message);
            this.code = code;
        }
    }
}
