package org.sanke.signaling.pictures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Sends each picture to an HTTP endpoint as JSON and reads its verdict (docs/moderation.md):
 * <pre>POST {"lesson": {...}, "stream": {...}, "takenAt": "...", "jpegBase64": "..."}
 * → 200 {"verdict": "pass" | "flag" | "cut_off", "reason": "..."}</pre>
 * At most {@link #IN_FLIGHT} checks wait for answers at once; past that a picture is not sent (a slow checker costs
 * checks, never memory), and each answer must come within the timeout.
 */
public final class WebhookPictureChecker implements PictureChecker {
    static final int IN_FLIGHT = 16;
    private static final int MAX_ANSWER_BYTES = 4096;

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);

    public WebhookPictureChecker(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public CompletableFuture<Verdict> check(PictureContext context, byte[] jpeg) {
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.failedFuture(new IOException("the checker has " + IN_FLIGHT
                    + " pictures unanswered; this one is not sent"));
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(context, jpeg))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(this::verdict)
                .whenComplete((verdict, failure) -> inFlight.release());
    }

    private String body(PictureContext c, byte[] jpeg) {
        ObjectNode body = json.createObjectNode();
        body.putObject("lesson").put("id", c.lessonId()).put("title", c.lessonTitle()).put("mode", c.mode());
        body.putObject("stream").put("participantId", c.participantId()).put("name", c.displayName())
                .put("role", c.role()).put("source", c.source());
        body.put("takenAt", c.takenAt().toString());
        body.put("jpegBase64", Base64.getEncoder().encodeToString(jpeg));
        return body.toString();
    }

    private Verdict verdict(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the checker answered HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_ANSWER_BYTES) {
            throw new IllegalStateException("the checker's answer is over " + MAX_ANSWER_BYTES + " bytes");
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the checker's answer is not JSON");
        }
        String name = answer == null ? null : answer.path("verdict").asText(null);
        Verdict.Action action = name == null ? null : Verdict.Action.fromWireName(name).orElse(null);
        if (action == null) {
            throw new IllegalStateException("the checker's verdict must be pass, flag or cut_off");
        }
        return new Verdict(action, answer.path("reason").asText(null));
    }

    @Override
    public void close() {
        http.close();
    }
}
