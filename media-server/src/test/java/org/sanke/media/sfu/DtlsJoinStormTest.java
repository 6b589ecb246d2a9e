package org.sanke.media.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sanke.media.MediaServerConfig;
import org.sanke.media.api.WebRtcTransport;

/** Many peers connecting at once through a handshake pool of one thread: they take turns, and all get in. */
class DtlsJoinStormTest {
    private static final int PEERS = 8;

    @Test
    void oneHandshakeThreadServesASimultaneousJoinOfManyPeers() throws Exception {
        MediaServerConfig config = new MediaServerConfig("127.0.0.1", 0, List.of("127.0.0.1"), 2,
                Duration.ofSeconds(30)).withDtlsHandshakes(1, 64, Duration.ofSeconds(30));
        try (LoopbackSfu sfu = new LoopbackSfu(config);
             ExecutorService joins = Executors.newVirtualThreadPerTaskExecutor()) {
            List<TestPeer> peers = new ArrayList<>();
            List<Future<WebRtcTransport>> joined = new ArrayList<>();
            for (int i = 0; i < PEERS; i++) {
                TestPeer peer = new TestPeer(sfu.port());
                peers.add(peer);
                joined.add(joins.submit(() -> sfu.connectedTransport(peer)));
            }
            for (Future<WebRtcTransport> transport : joined) {
                assertThat(transport.get(60, TimeUnit.SECONDS)).isNotNull();
            }
            assertThat(sfu.gauge("sanke.media.dtls.handshakes.queued")).isZero();
            assertThat(sfu.closed).as("no join failed").isEmpty();
            peers.forEach(TestPeer::close);
        }
    }
}
