package org.sanke.server;

import org.sanke.server.e2e.TestLessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.signaling.TrustingClient;
import org.sanke.signaling.WsClient;
import org.sanke.signaling.tls.SelfSignedCertificate;
import org.sanke.signaling.tls.TlsIdentity;

/**
 * The whole server deciding how it is reached: a certificate it makes when announced at an address other machines
 * use (kept across restarts, made again when the address changes), a certificate given, a bad one named, and TLS
 * switched off for a proxy.
 */
class HttpsServerTest {
    @TempDir
    Path data;

    @Test
    void announcedBeyondLoopbackItServesHttpsWithACertificateItKeeps() throws Exception {
        X509Certificate first;
        try (SankeServer server = SankeServer.start(options("192.0.2.10", TransportOptions.Tls.AUTO, null, null))) {
            assertThat(server.baseUrl()).startsWith("https://127.0.0.1:");
            first = server.certificate().orElseThrow();
            assertThat(TlsIdentity.subjectAlternativeNames(first))
                    .containsExactlyInAnyOrder("192.0.2.10", "127.0.0.1", "localhost");
            assertThat(data.resolve("tls/sanke-cert.pem")).exists();
            HttpClient trusting = TrustingClient.trusting(first);
            assertThat(health(trusting, server)).isEqualTo(200);
            WsClient socket = WsClient.open(trusting, server.baseUrl().replace("https://", "wss://") + "/ws",
                    Map.of("Origin", server.baseUrl()));
            socket.send("{\"type\":\"join\",\"lessonId\":\"demo\",\"role\":\"classroom\",\"name\":\"Village\","
                    + "\"grant\":\"" + TestLessons.grant(server, "demo", "classroom") + "\"}");
            assertThat(socket.next()).contains("\"type\":\"joined\"");
            socket.close();
        }

        try (SankeServer again = SankeServer.start(options("192.0.2.10", TransportOptions.Tls.AUTO, null, null))) {
            assertThat(health(TrustingClient.trusting(first), again)).as("the machines that trust it still do")
                    .isEqualTo(200);
        }

        try (SankeServer moved = SankeServer.start(options("192.0.2.11", TransportOptions.Tls.AUTO, null, null))) {
            X509Certificate renewed = moved.certificate().orElseThrow();
            assertThat(renewed).isNotEqualTo(first);
            assertThat(TlsIdentity.subjectAlternativeNames(renewed)).contains("192.0.2.11");
            assertThatThrownBy(() -> health(TrustingClient.trusting(first), moved))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(health(TrustingClient.trusting(renewed), moved)).isEqualTo(200);
        }
    }

    @Test
    void aGivenCertificateIsServedAndNothingIsGenerated() throws Exception {
        TlsIdentity school = SelfSignedCertificate.generate(List.of("127.0.0.1"), Instant.now(), Duration.ofDays(90));
        Path cert = Files.writeString(data.resolve("school-cert.pem"), school.certificatePem());
        Path key = Files.writeString(data.resolve("school-key.pem"), school.privateKeyPem());
        try (SankeServer server = SankeServer.start(options("127.0.0.1", TransportOptions.Tls.AUTO, cert, key))) {
            assertThat(server.certificate()).hasValue(school.certificate());
            assertThat(health(TrustingClient.trusting(school.certificate()), server)).isEqualTo(200);
        }
        assertThat(data.resolve("tls")).doesNotExist();
    }

    @Test
    void anUnusableFileStopsTheStartNamingItsOption() throws Exception {
        TlsIdentity school = SelfSignedCertificate.generate(List.of("127.0.0.1"), Instant.now(), Duration.ofDays(90));
        Path cert = Files.writeString(data.resolve("cert.pem"), school.certificatePem());
        Path key = Files.writeString(data.resolve("key.pem"), school.privateKeyPem());
        Path garbage = Files.writeString(data.resolve("garbage.pem"), "hello");

        assertThatThrownBy(() -> SankeServer.start(options("127.0.0.1", TransportOptions.Tls.AUTO,
                data.resolve("missing.pem"), key))).isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("--tls-cert: ").hasMessageContaining("missing.pem");
        assertThatThrownBy(() -> SankeServer.start(options("127.0.0.1", TransportOptions.Tls.AUTO, cert, garbage)))
                .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("--tls-key: ");
    }

    @Test
    void aPlaceThatCannotKeepTheCertificateIsNamed() throws Exception {
        Path notADirectory = Files.writeString(data.resolve("tls"), "a file where the directory should be");
        assertThatThrownBy(() -> SankeServer.start(options("192.0.2.10", TransportOptions.Tls.AUTO, null, null)))
                .isInstanceOf(IOException.class).hasMessageContaining(notADirectory.toString())
                .hasMessageContaining("--tls-cert");
    }

    @Test
    void offServesPlainHttpWhateverIsAnnounced() throws Exception {
        try (SankeServer server = SankeServer.start(options("192.0.2.10", TransportOptions.Tls.OFF, null, null))) {
            assertThat(server.baseUrl()).startsWith("http://");
            assertThat(server.certificate()).isEmpty();
            assertThat(health(HttpClient.newHttpClient(), server)).isEqualTo(200);
        }
        assertThat(data.resolve("tls")).doesNotExist();
    }

    @Test
    void onServesHttpsEvenOnLoopback() throws Exception {
        try (SankeServer server = SankeServer.start(options("127.0.0.1", TransportOptions.Tls.ON, null, null))) {
            assertThat(server.baseUrl()).startsWith("https://");
            assertThat(health(TrustingClient.trusting(server.certificate().orElseThrow()), server)).isEqualTo(200);
        }
    }

    private SankeOptions options(String announced, TransportOptions.Tls tls, Path cert, Path key) {
        return new SankeOptions("127.0.0.1", 0, 0, List.of(announced), 1, true,
                "jdbc:h2:mem:https" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "")
                .withTransport(new TransportOptions(tls, cert, key, data.resolve("tls"), List.of()));
    }

    private static int health(HttpClient client, SankeServer server) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
