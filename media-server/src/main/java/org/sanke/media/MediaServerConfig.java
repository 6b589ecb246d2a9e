package org.sanke.media;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the media server.
 *
 * @param bindAddress           address the UDP socket binds to, e.g. "0.0.0.0"
 * @param port                  the one UDP port all peers share (0 picks a free one, for tests)
 * @param announcedAddresses    addresses put into ICE candidates, as browsers should reach the server
 * @param eventLoops            how many event loops carry transports and routers
 * @param consentTimeout        a peer silent for this long is closed (RFC 7675 says 30 s)
 * @param dtlsHandshakeThreads  DTLS handshakes computed at once; more wait, so that joins never starve forwarding
 * @param dtlsHandshakeQueue    DTLS handshakes that may wait for a thread; beyond that a join fails at once
 * @param dtlsHandshakeTimeout  how long a DTLS handshake may take, its wait for a thread included
 */
public record MediaServerConfig(String bindAddress, int port, List<String> announcedAddresses, int eventLoops,
                                Duration consentTimeout, int dtlsHandshakeThreads, int dtlsHandshakeQueue,
                                Duration dtlsHandshakeTimeout) {
    public static final int DEFAULT_DTLS_HANDSHAKE_QUEUE = 1024;
    public static final Duration DEFAULT_DTLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    public MediaServerConfig {
        announcedAddresses = List.copyOf(announcedAddresses);
        if (announcedAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one announced address is needed");
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("eventLoops must be at least 1");
        }
        if (dtlsHandshakeThreads < 1 || dtlsHandshakeQueue < 1) {
            throw new IllegalArgumentException("dtlsHandshakeThreads and dtlsHandshakeQueue must be at least 1");
        }
    }

    /** With the default DTLS handshake pool. */
    public MediaServerConfig(String bindAddress, int port, List<String> announcedAddresses, int eventLoops,
                             Duration consentTimeout) {
        this(bindAddress, port, announcedAddresses, eventLoops, consentTimeout, defaultDtlsHandshakeThreads(),
                DEFAULT_DTLS_HANDSHAKE_QUEUE, DEFAULT_DTLS_HANDSHAKE_TIMEOUT);
    }

    public static MediaServerConfig defaults() {
        return new MediaServerConfig("0.0.0.0", 10000, List.of("127.0.0.1"),
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), Duration.ofSeconds(30));
    }

    /** Half the cores: the other half always stays with forwarding. */
    public static int defaultDtlsHandshakeThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** The same settings with another DTLS handshake pool. */
    public MediaServerConfig withDtlsHandshakes(int threads, int queue, Duration timeout) {
        return new MediaServerConfig(bindAddress, port, announcedAddresses, eventLoops, consentTimeout, threads,
                queue, timeout);
    }
}
