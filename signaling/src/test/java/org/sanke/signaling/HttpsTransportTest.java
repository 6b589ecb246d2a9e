package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.media.MediaServer;
import org.sanke.media.MediaServerConfig;
import org.sanke.signaling.testing.NoBlockingOnEventLoops;
import org.sanke.signaling.tls.SelfSignedCertificate;
import org.sanke.signaling.tls.TlsIdentity;

/**
 * HTTPS and the checks that keep other sites out: one server over TLS with a freshly made certificate, one over
 * plain HTTP, both with a real media server behind them.
 */
@NoBlockingOnEventLoops
class HttpsTransportTest {
    private static final String ALLOWED = "https://portal.school.example";
    private static final String JOIN = "{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"demo\","
            + "\"role\":\"classroom\",\"name\":\"Village %d\",\"grant\":\"%s\"}";

    private static MediaServer media;
    private static SignalingServer https;
    private static SignalingServer plain;
    private static LessonDirectory lessons;
    private static TlsIdentity identity;
    private static HttpClient trusting;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        media = MediaServer.start(new MediaServerConfig("127.0.0.1", 0, List.of("127.0.0.1"), 1,
                Duration.ofSeconds(30)), registry);
        lessons = new LessonDirectory();
        lessons.createWithId("demo", "Demo lesson", LessonMode.DEDICATED, 6);
        identity = SelfSignedCertificate.generate(List.of("127.0.0.1", "localhost"), Instant.now(),
                Duration.ofDays(1));
        trusting = TrustingClient.trusting(identity.certificate());
        SignalingConfig config = new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web")
                .withAllowedOrigins(List.of(ALLOWED));
        https = SignalingServer.start(config.withTls(identity), media::createRouter, lessons, registry);
        plain = SignalingServer.start(config, media::createRouter, lessons, registry);
    }

    @AfterAll
    static void stop() {
        https.close();
        plain.close();
        media.close();
    }

    @Test
    void healthAndAWebSocketJoinWorkOverTlsForAClientThatTrustsTheCertificate() throws Exception {
        HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(URI.create(httpsBase() + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");

        WsClient socket = WsClient.open(trusting, "wss://127.0.0.1:" + https.port() + "/ws", Map.of());
        socket.send(JOIN.formatted(1, TestAccess.grant(https.domain(), "demo", "classroom")));
        assertThat(socket.next()).contains("\"type\":\"joined\"");
        socket.close();
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateAndPlainHttpAreRefused() {
        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(URI.create(httpsBase() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + https.port()
                        + "/health")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndHstsOnlyOverTls() throws Exception {
        for (String path : List.of("/health", "/api/lessons", "/no-such-page.html")) {
            HttpResponse<String> overTls = trusting.send(HttpRequest.newBuilder(URI.create(httpsBase() + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> overPlain = HTTP.send(HttpRequest.newBuilder(URI.create(plainBase() + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            for (HttpResponse<String> response : List.of(overTls, overPlain)) {
                assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).get(
                        org.assertj.core.api.InstanceOfAssertFactories.STRING)
                        .contains("default-src 'self'", "frame-ancestors 'self'", "script-src 'self'")
                        .contains("connect-src 'self' ws://127.0.0.1:" + response.uri().getPort()
                                + " wss://127.0.0.1:" + response.uri().getPort());
                assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
                assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
                assertThat(response.headers().firstValue("Permissions-Policy")).as(path)
                        .hasValue("camera=(self), microphone=(self), display-capture=(self)");
            }
            assertThat(overTls.headers().firstValue("Strict-Transport-Security")).as(path)
                    .hasValue("max-age=31536000");
            assertThat(overPlain.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
        }
    }

    @Test
    void aWebSocketFromAnotherSitesPageIsRefusedBeforeTheUpgrade() throws Exception {
        String url = "wss://127.0.0.1:" + https.port() + "/ws";
        assertThatThrownBy(() -> WsClient.open(trusting, url, Map.of("Origin", "https://evil.example")))
                .isInstanceOf(ExecutionException.class)
                .extracting(Throwable::getCause).isInstanceOf(WebSocketHandshakeException.class)
                .extracting(e -> ((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403);
        // The same host over the other scheme, or another port, is another origin.
        for (String foreign : List.of("http://127.0.0.1:" + https.port(), "https://127.0.0.1:" + plain.port())) {
            assertThatThrownBy(() -> WsClient.open(trusting, url, Map.of("Origin", foreign)))
                    .as(foreign).isInstanceOf(ExecutionException.class);
        }

        for (Map<String, String> headers : List.of(Map.of("Origin", "https://127.0.0.1:" + https.port()),
                Map.of("Origin", ALLOWED))) {
            WsClient socket = WsClient.open(trusting, url, headers);
            socket.send(JOIN.formatted(2, TestAccess.grant(https.domain(), "demo", "classroom")));
            assertThat(socket.next()).as(headers.toString()).contains("\"type\":\"joined\"");
            socket.close();
        }
    }

    @Test
    void aPlainServerKnowsItsOwnOriginAndOneBehindATlsProxyTrustsTheProxysScheme() throws Exception {
        String url = "ws://127.0.0.1:" + plain.port() + "/ws";
        WsClient own = WsClient.open(HTTP, url, Map.of("Origin", plainBase()));
        own.send(JOIN.formatted(3, TestAccess.grant(plain.domain(), "demo", "classroom")));
        assertThat(own.next()).contains("\"type\":\"joined\"");
        own.close();
        assertThatThrownBy(() -> WsClient.open(HTTP, url, Map.of("Origin", "https://127.0.0.1:" + plain.port())))
                .isInstanceOf(ExecutionException.class);
        WsClient proxied = WsClient.open(HTTP, url, Map.of("Origin", "https://127.0.0.1:" + plain.port(),
                "X-Forwarded-Proto", "https"));
        proxied.send(JOIN.formatted(4, TestAccess.grant(plain.domain(), "demo", "classroom")));
        assertThat(proxied.next()).contains("\"type\":\"joined\"");
        proxied.close();
    }

    @Test
    void aCrossSiteChangeIsRefusedAndChangesNothing() throws Exception {
        int before = lessons.all().size();
        for (Map<String, String> headers : List.of(Map.of("Origin", "https://evil.example"),
                Map.of("Origin", "null"), Map.of("Sec-Fetch-Site", "cross-site"))) {
            HttpResponse<String> refused = post(headers);
            assertThat(refused.statusCode()).as(headers.toString()).isEqualTo(403);
            assertThat(refused.body()).as(headers.toString()).contains("\"error\":\"cross_origin\"");
        }
        assertThat(lessons.all()).hasSize(before);

        // The server's own pages, an allowed origin, a same-site fetch and a client that is no browser page.
        for (Map<String, String> headers : List.of(Map.of("Origin", plainBase()), Map.of("Origin", ALLOWED),
                Map.of("Sec-Fetch-Site", "same-origin"), Map.<String, String>of())) {
            assertThat(post(headers).statusCode()).as(headers.toString()).isEqualTo(201);
        }
        assertThat(lessons.all()).hasSize(before + 4);
        // Reading is not changing: a foreign GET is answered (the browser keeps its answer from the other site).
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(plainBase() + "/api/lessons"))
                .header("Origin", "https://evil.example").header("Cookie", admin()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> post(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(plainBase() + "/api/lessons"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Planted\"}")).header("Cookie", admin());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String adminCookie;

    private static synchronized String admin() {
        if (adminCookie == null) {
            adminCookie = TestAccess.adminCookie(plain.domain());
        }
        return adminCookie;
    }

    private static String httpsBase() {
        return "https://127.0.0.1:" + https.port();
    }

    private static String plainBase() {
        return "http://127.0.0.1:" + plain.port();
    }
}
