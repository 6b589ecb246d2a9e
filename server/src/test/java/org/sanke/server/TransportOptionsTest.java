package org.sanke.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTPS and origin options, from flags and the environment, and each mistake named. */
class TransportOptionsTest {
    @Test
    void defaultsDecideByTheAnnouncedAddresses() {
        TransportOptions transport = SankeOptions.parse(new String[0], Map.of()).transport();
        assertThat(transport.tls()).isEqualTo(TransportOptions.Tls.AUTO);
        assertThat(transport.certificate()).isNull();
        assertThat(transport.generatedDirectory()).isEqualTo(Path.of("data", "tls"));
        assertThat(transport.allowedOrigins()).isEmpty();
    }

    @Test
    void flagsWinOverTheEnvironment() {
        TransportOptions transport = SankeOptions.parse(new String[] {"--tls-cert=/etc/sanke/cert.pem",
                        "--tls-key", "/etc/sanke/key.pem", "--allowed-origins=https://portal.school.example, "
                        + "http://10.0.0.5:8080"},
                Map.of("SANKE_TLS_CERT", "/elsewhere.pem", "SANKE_TLS", "ON")).transport();
        assertThat(transport.tls()).isEqualTo(TransportOptions.Tls.ON);
        assertThat(transport.certificate()).isEqualTo(Path.of("/etc/sanke/cert.pem"));
        assertThat(transport.key()).isEqualTo(Path.of("/etc/sanke/key.pem"));
        assertThat(transport.allowedOrigins()).containsExactly("https://portal.school.example",
                "http://10.0.0.5:8080");
        assertThat(SankeOptions.parse(new String[] {"--tls=off"}, Map.of("SANKE_TLS", "on")).transport().tls())
                .isEqualTo(TransportOptions.Tls.OFF);
    }

    @Test
    void mistakesNameTheirOption() {
        assertRefused(new String[] {"--tls=yes"}, Map.of(), "--tls must be auto, on or off");
        assertRefused(new String[] {"--tls-cert=cert.pem"}, Map.of(), "--tls-cert needs --tls-key");
        assertRefused(new String[0], Map.of("SANKE_TLS_KEY", "key.pem"), "--tls-key needs --tls-cert");
        assertRefused(new String[] {"--tls=off", "--tls-cert=c.pem", "--tls-key=k.pem"}, Map.of(), "--tls=off");
        for (String origin : List.of("portal.school.example", "https://portal.school.example/page", "null",
                "ftp://school.example")) {
            assertRefused(new String[] {"--allowed-origins=" + origin}, Map.of(), "--allowed-origins: '" + origin);
        }
    }

    private static void assertRefused(String[] args, Map<String, String> env, String message) {
        assertThatThrownBy(() -> SankeOptions.parse(args, env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
