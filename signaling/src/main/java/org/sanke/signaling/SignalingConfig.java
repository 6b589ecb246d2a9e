package org.sanke.signaling;

import java.nio.file.Path;
import java.util.List;
import org.sanke.classroom.moderation.TextPolicy;
import org.sanke.signaling.oidc.OidcSettings;
import org.sanke.signaling.tls.TlsIdentity;

/**
 * Settings of the HTTP and WebSocket server.
 *
 * @param bindAddress     address to listen on, e.g. "0.0.0.0"
 * @param port            HTTP port (0 picks a free one, for tests)
 * @param maxMessageBytes the largest WebSocket message accepted; larger ones close the connection with 1009
 * @param webRoot         classpath folder whose files are served at "/" (the web client)
 * @param tls             the certificate to serve everything over HTTPS with, or null for plain HTTP
 * @param allowedOrigins  origins besides the server's own whose pages may open /ws and change data through the
 *                        REST API, e.g. "https://portal.school.example"
 * @param singleSignOn    the OpenID Connect provider people may log in through, or null for local logins only
 * @param textFilter      the lexicon chat, questions and chosen names are checked against, and what a hit does
 * @param personLimits    how fast one person may chat, ask and raise or lower a hand
 * @param pictures        how often live video is pictured (patrol wall, moderation hook) and who checks it
 * @param recordings      the folder live lessons are recorded into, or null to record nothing
 */
public record SignalingConfig(String bindAddress, int port, int maxMessageBytes, String webRoot,
                              Liveness liveness, TlsIdentity tls, List<String> allowedOrigins,
                              OidcSettings singleSignOn, TextFilterSettings textFilter,
                              PersonLimits personLimits, PictureSettings pictures,
                              Path recordings) {
    public SignalingConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public SignalingConfig(String bindAddress, int port, int maxMessageBytes, String webRoot) {
        this(bindAddress, port, maxMessageBytes, webRoot, Liveness.DEFAULT, null, List.of(), null,
                TextFilterSettings.DEFAULT, PersonLimits.DEFAULT, PictureSettings.DEFAULT, null);
    }

    public static SignalingConfig defaults() {
        return new SignalingConfig("0.0.0.0", 8080, 64 * 1024, "web");
    }

    public SignalingConfig withLiveness(Liveness liveness) {
        return new SignalingConfig(bindAddress, port, maxMessageBytes, webRoot, liveness, tls, allowedOrigins,
                singleSignOn, textFilter, personLimits, pictures, recordings);
    }

    /** Serves over HTTPS with this certificate (null: plain HTTP). */
    public SignalingConfig withTls(TlsIdentity tls) {
        return new SignalingConfig(bindAddress, port, maxMessageBytes, webRoot, liveness, tls, allowedOrigins,
                singleSignOn, textFilter, personLimits, pictures, recordings);
    }

    /** The same, with people logging in through this OpenID Connect provider too. */
    public SignalingConfig withSingleSignOn(OidcSettings settings) {
        return new SignalingConfig(bindAddress, port, maxMessageBytes, webRoot, liveness, tls, allowedOrigins,
                settings, textFilter, personLimits, pictures, recordings);
    }

    public SignalingConfig withAllowedOrigins(List<String> allowedOrigins) {
        return new SignalingConfig(bindAddress, port, maxMessageBytes, webRoot, liveness, tls, allowedOrigins,
                singleSignOn, textFilter, personLimits, pictures, recordings);
    }

    /** The same, with this lexicon and policy for chat, questions and chosen names (S13). */
    public SignalingConfig withTextFilter(TextFilterSettings settings) {
        return new SignalingConfig(bindAddress, port, maxMessageBytes, webRoot, liveness, tls, allowedOrigins,
                singleSignOn, settings, personLimits, pictures, recordings);
    }

    /** The same, with other per-person limits (S38). */
    public SignalingConfig withPersonLimits(PersonLimits limits) {
        return new SignalingConfig(bindAddress, port, maxMessageBytes, webRoot, liveness, tls, allowedOrigins,
                singleSignOn, textFilter, limits, pictures, recordings);
    }

    /** The same, recording live lessons into this folder (null: not at all). */
    public SignalingConfig withRecordings(Path folder) {
        return new SignalingConfig(bindAddress, port, maxMessageBytes, webRoot, liveness, tls, allowedOrigins,
                singleSignOn, textFilter, personLimits, pictures, folder);
    }

    /** The same, with live video pictured this way (S12, S15). */
    public SignalingConfig withPictures(PictureSettings settings) {
        return new SignalingConfig(bindAddress, port, maxMessageBytes, webRoot, liveness, tls, allowedOrigins,
                singleSignOn, textFilter, personLimits, settings, recordings);
    }

    /**
     * Still pictures of live video, for the inspectors' patrol wall (S12) and the moderation hook (S15).
     *
     * @param interval       each video stream is pictured this often; zero turns pictures off
     * @param checker        where each picture is sent for a verdict (an HTTP webhook, docs/moderation.md), or null
     * @param checkerTimeout a checker slower than this gives no verdict (counted as an error)
     */
    public record PictureSettings(java.time.Duration interval, java.net.URI checker,
                                  java.time.Duration checkerTimeout) {
        public static final PictureSettings DEFAULT = new PictureSettings(java.time.Duration.ofSeconds(10), null,
                java.time.Duration.ofSeconds(5));

        public PictureSettings {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("the picture interval cannot be negative");
            }
            if (checker != null && !("http".equals(checker.getScheme()) || "https".equals(checker.getScheme()))) {
                throw new IllegalArgumentException("the picture checker must be an http or https URL: " + checker);
            }
        }

        public boolean on() {
            return !interval.isZero();
        }
    }

    /**
     * What chat, questions and the names people choose are checked against (S13).
     *
     * @param lexiconFile the operator's lexicon (UTF-8, one word per line), followed while the server runs; null
     *                    for the small list bundled with Sanke
     * @param policy      a hit blocks the text (the writer is told) or masks the words hit
     */
    public record TextFilterSettings(Path lexiconFile, TextPolicy policy) {
        public static final TextFilterSettings DEFAULT = new TextFilterSettings(null, TextPolicy.BLOCK);

        public TextFilterSettings {
            java.util.Objects.requireNonNull(policy, "policy");
        }
    }

    /**
     * How much one person (one connection's member) may send of what reaches everyone (S38), on top of the
     * connection's own limit: chat and questions together, and hands up and down together; each a burst, then a
     * steady rate. Over it, a request is refused with {@code too_many_messages}.
     */
    public record PersonLimits(int textBurst, double textsPerSecond, int handBurst, double handsPerSecond) {
        /** 5 messages at once, then one a second; 4 hands at once, then one every 2 s. */
        public static final PersonLimits DEFAULT = new PersonLimits(5, 1, 4, 0.5);
    }

    /**
     * How the server keeps WebSocket connections honest.
     *
     * @param pingIntervalMs       how often the server pings each connection
     * @param idleTimeoutMs        a connection from which nothing (not even a pong) arrived for this long is closed
     * @param droppableAboveBytes  with this much written but not yet taken by the client, chat, questions, hands and
     *                             quality reports to it are dropped
     * @param closeAboveBytes      with this much waiting, the connection is closed (the client reconnects)
     */
    public record Liveness(long pingIntervalMs, long idleTimeoutMs, long droppableAboveBytes, long closeAboveBytes) {
        public static final Liveness DEFAULT = new Liveness(15_000, 45_000, 256 * 1024, 4 * 1024 * 1024);
    }
}
