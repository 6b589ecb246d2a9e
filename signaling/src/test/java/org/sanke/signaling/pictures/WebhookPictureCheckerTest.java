package org.sanke.signaling.pictures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook's contract: what is sent, what answers are taken, and that a bad or slow checker acts on nothing. */
class WebhookPictureCheckerTest {
    private static final PictureContext CONTEXT = new PictureContext("lesson-1", "Maths", "dedicated", "p1",
            "Room A", "classroom", "camera", Instant.parse("2026-12-02T08:00:00Z"));
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, 1, 2, 3};

    private HttpServer http;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<JsonNode> received = new AtomicReference<>();
    private volatile long delayMillis;
    private WebhookPictureChecker checker;

    @BeforeEach
    void start() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        http.createContext("/check", exchange -> {
            try (exchange) {
                received.set(new ObjectMapper().readTree(exchange.getRequestBody()));
                Thread.sleep(delayMillis);
                byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status.get(), body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.start();
        checker = new WebhookPictureChecker(URI.create("http://127.0.0.1:" + http.getAddress().getPort()
                + "/check"), Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        checker.close();
        http.stop(0);
    }

    private Verdict check() throws Exception {
        return checker.check(CONTEXT, JPEG).get(5, TimeUnit.SECONDS);
    }

    @Test
    void sendsThePictureWithItsContextAndReadsTheVerdict() throws Exception {
        answer.set("{\"verdict\":\"cut_off\",\"reason\":\"weapon\"}");
        assertThat(check()).isEqualTo(new Verdict(Verdict.Action.CUT_OFF, "weapon"));
        JsonNode sent = received.get();
        assertThat(sent.path("lesson").path("id").asText()).isEqualTo("lesson-1");
        assertThat(sent.path("lesson").path("mode").asText()).isEqualTo("dedicated");
        assertThat(sent.path("stream").path("participantId").asText()).isEqualTo("p1");
        assertThat(sent.path("stream").path("role").asText()).isEqualTo("classroom");
        assertThat(sent.path("stream").path("source").asText()).isEqualTo("camera");
        assertThat(sent.path("takenAt").asText()).isEqualTo("2026-12-02T08:00:00Z");
        assertThat(Base64.getDecoder().decode(sent.path("jpegBase64").asText())).isEqualTo(JPEG);

        answer.set("{\"verdict\":\"pass\"}");
        assertThat(check()).isEqualTo(Verdict.PASS);
        answer.set("{\"verdict\":\"flag\",\"reason\":\"" + "x".repeat(300) + "\"}");
        assertThat(check().reason()).hasSize(200);
    }

    @Test
    void aBadAnswerIsNoVerdict() {
        for (String bad : new String[] {"not json", "{\"verdict\":\"delete_everything\"}", "{}", "[]",
                "{\"verdict\":\"pass\",\"padding\":\"" + "y".repeat(5000) + "\"}"}) {
            answer.set(bad);
            assertThatThrownBy(this::check).as(bad.length() > 40 ? bad.substring(0, 40) : bad)
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("checker");
        }
        answer.set("{\"verdict\":\"pass\"}");
        status.set(500);
        assertThatThrownBy(this::check).hasMessageContaining("HTTP 500");
    }

    @Test
    void aSlowCheckerTimesOut() {
        answer.set("{\"verdict\":\"cut_off\"}");
        delayMillis = 3000;
        assertThatThrownBy(this::check).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(java.net.http.HttpTimeoutException.class);
    }
}
