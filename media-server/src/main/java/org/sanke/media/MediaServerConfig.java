package org.sanke.media;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the media server.
 *
 * @param bindAddress        address the UDP socket binds to, e.g. "0.0.0.0"
 * @param port               the one UDP port all peers share (0 picks a free one, for tests)
 * @param announcedAddresses addresses put into ICE candidates, as browsers should reach the server
 * @param eventLoops         how many event loops carry transports and routers
 * @param consentTimeout     a peer silent for this long is closed (RFC 7675 says 30 s)
 */
public record MediaServerConfig(String bindAddress, int port, List<String> announcedAddresses, int eventLoops,
                                Duration consentTimeout) {
    public MediaServerConfig {
        announcedAddresses = List.copyOf(announcedAddresses);
        if (announcedAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one announced address is needed");
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("eventLoops must be at least 1");
        }
    }

    public static MediaServerConfig defaults() {
        return new MediaServerConfig("0.0.0.0", 10000, List.of("127.0.0.1"),
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), Duration.ofSeconds(30));
    }
}
