package org.sanke.server;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sanke.signaling.OriginPolicy;

/**
 * How browsers reach the HTTP port: over HTTPS or not, with which certificate, and which other sites' pages may use
 * the server. Documented in docs/configuration.md and docs/deployment.md.
 *
 * @param tls                AUTO: HTTPS with the given certificate, else with a generated one when the server is
 *                           announced at an address other machines use, else plain HTTP; ON: HTTPS always (a
 *                           generated certificate when none is given); OFF: plain HTTP (behind a proxy that ends TLS)
 * @param certificate        PEM certificate (chain) to serve, or null
 * @param key                its PEM private key, or null
 * @param generatedDirectory where a generated certificate and its key are kept
 * @param allowedOrigins     origins besides the server's own whose pages may open /ws and change data
 */
public record TransportOptions(Tls tls, Path certificate, Path key, Path generatedDirectory,
                               List<String> allowedOrigins) {
    /** Whether the HTTP port speaks TLS. */
    public enum Tls { AUTO, ON, OFF }

    /** Next to the embedded database's default file, ./data/sanke. */
    public static final Path DEFAULT_GENERATED_DIRECTORY = Path.of("data", "tls");

    public TransportOptions {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static TransportOptions defaults() {
        return new TransportOptions(Tls.AUTO, null, null, DEFAULT_GENERATED_DIRECTORY, List.of());
    }

    /** From option text (null: not given); throws IllegalArgumentException naming the option at fault. */
    static TransportOptions parse(String tls, String certificate, String key, String allowedOrigins) {
        Tls mode = Tls.AUTO;
        if (tls != null) {
            mode = switch (tls.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> Tls.AUTO;
                case "on" -> Tls.ON;
                case "off" -> Tls.OFF;
                default -> throw new IllegalArgumentException("--tls must be auto, on or off, not '" + tls + "'");
            };
        }
        Path certificateFile = blank(certificate) ? null : Path.of(certificate.trim());
        Path keyFile = blank(key) ? null : Path.of(key.trim());
        if ((certificateFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException(certificateFile == null ? "--tls-key needs --tls-cert"
                    : "--tls-cert needs --tls-key");
        }
        if (mode == Tls.OFF && certificateFile != null) {
            throw new IllegalArgumentException("--tls=off serves plain HTTP: leave out --tls-cert and --tls-key");
        }
        List<String> origins = blank(allowedOrigins) ? List.of()
                : Arrays.stream(allowedOrigins.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        try {
            new OriginPolicy(origins);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--allowed-origins: " + e.getMessage(), e);
        }
        return new TransportOptions(mode, certificateFile, keyFile, DEFAULT_GENERATED_DIRECTORY, origins);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
