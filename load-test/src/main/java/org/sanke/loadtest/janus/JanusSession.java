package org.sanke.loadtest.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One session on Janus's HTTP API (https://janus.conf.meetecho.com/docs/rest): requests are acknowledged at once,
 * plugin results arrive later through a long poll, matched here by transaction. Lives with the benchmark only.
 */
final class JanusSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final long id;
    private final Map<String, CompletableFuture<JsonNode>> events = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private JanusSession(HttpClient http, URI base, long id) {
        this.http = http;
        this.base = base;
        this.id = id;
        Thread.ofVirtual().name("janus-poll").start(this::poll);
    }

    static JanusSession create(HttpClient http, URI server) throws IOException, InterruptedException {
        URI base = server.resolve("/janus");
        JsonNode created = post(http, base, message("create"));
        return new JanusSession(http, base, created.path("data").path("id").asLong());
    }

    /** Attaches the VideoRoom plugin; returns the handle id. */
    long attachVideoRoom() throws IOException, InterruptedException {
        ObjectNode attach = message("attach");
        attach.put("plugin", "janus.plugin.videoroom");
        return post(http, session(), attach).path("data").path("id").asLong();
    }

    /** Sends a plugin message (with an optional JSEP) and completes with the plugin's asynchronous event. */
    CompletableFuture<JsonNode> message(long handle, Map<String, Object> body, String jsepType, String sdp)
            throws IOException, InterruptedException {
        ObjectNode message = message("message");
        message.set("body", JSON.valueToTree(body));
        if (jsepType != null) {
            message.putObject("jsep").put("type", jsepType).put("sdp", sdp);
        }
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        events.put(message.path("transaction").asText(), event);
        JsonNode ack = post(http, session().resolve("/janus/" + id + "/" + handle), message);
        if ("error".equals(ack.path("janus").asText())) {
            events.remove(message.path("transaction").asText());
            event.completeExceptionally(new IOException("Janus refused: " + ack.path("error").path("reason").asText()));
        } else if ("success".equals(ack.path("janus").asText())) {
            events.remove(message.path("transaction").asText());
            event.complete(ack);
        }
        return event;
    }

    /** Tells Janus this handle has no more candidates (ours are all in the SDP). */
    void trickleCompleted(long handle) throws IOException, InterruptedException {
        ObjectNode trickle = message("trickle");
        trickle.putObject("candidate").put("completed", true);
        post(http, session().resolve("/janus/" + id + "/" + handle), trickle);
    }

    private URI session() {
        return URI.create(base + "/" + id);
    }

    private void poll() {
        while (!closed) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(session() + "?maxev=10"))
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode body = JSON.readTree(response.body());
                for (JsonNode event : body.isArray() ? body : JSON.createArrayNode().add(body)) {
                    CompletableFuture<JsonNode> waiting = events.remove(event.path("transaction").asText());
                    if (waiting != null && "event".equals(event.path("janus").asText())) {
                        waiting.complete(event);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    sleepQuietly();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode message(String type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("janus", type);
        node.put("transaction", UUID.randomUUID().toString());
        return node;
    }

    private static JsonNode post(HttpClient http, URI uri, ObjectNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode reply = JSON.readTree(response.body());
        if ("error".equals(reply.path("janus").asText()) && !reply.has("transaction")) {
            throw new IOException("Janus refused: " + reply);
        }
        return reply;
    }

    @Override
    public void close() {
        closed = true;
        try {
            post(http, session(), message("destroy"));
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // the session times out on Janus's side anyway
        }
    }
}
