package org.sanke.media.sfu;

import io.micrometer.core.instrument.Timer;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.sanke.media.MediaServerConfig;
import org.sanke.media.dtls.DtlsCertificate;
import org.sanke.media.dtls.DtlsHandshakePool;

/** What every router and transport of one media server shares. Immutable or thread-safe. */
final class MediaContext {
    final MediaServerConfig config;
    final DtlsCertificate certificate;
    final DtlsHandshakePool handshakes;
    final TransportDirectory directory = new TransportDirectory();
    final Counts counts = new Counts();
    final long consentTimeoutNanos;
    final MediaClock clock;
    /** SFU-added delay: from a datagram's arrival to the forwarded copy's hand-off to the socket. */
    final Timer forwardingDelay;
    private final SecureRandom random = new SecureRandom();
    private volatile int port;

    MediaContext(MediaServerConfig config, DtlsCertificate certificate, DtlsHandshakePool handshakes,
                 Timer forwardingDelay, MediaClock clock) {
        this.config = config;
        this.certificate = certificate;
        this.handshakes = handshakes;
        this.forwardingDelay = forwardingDelay;
        this.clock = clock;
        this.consentTimeoutNanos = config.consentTimeout().toNanos();
    }

    int port() {
        return port;
    }

    void port(int boundPort) {
        this.port = boundPort;
    }

    int randomSsrc() {
        int ssrc;
        do {
            ssrc = random.nextInt();
        } while (ssrc == 0);
        return ssrc;
    }

    int randomInt() {
        return random.nextInt();
    }

    static final class Counts {
        final AtomicInteger routers = new AtomicInteger();
        final AtomicInteger transports = new AtomicInteger();
        final AtomicInteger producers = new AtomicInteger();
        final AtomicInteger consumers = new AtomicInteger();
        /** SRTP crypto contexts held by every transport together. */
        final AtomicInteger srtpContexts = new AtomicInteger();
    }
}
