package org.sanke.media.sfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanke.media.MediaPortInUseException;
import org.sanke.media.MediaServer;
import org.sanke.media.MediaServerConfig;

/** The media port belongs to one server: a second one on it must not start and share its packets. */
class MediaPortTest {
    private static MediaServer start(int port) throws InterruptedException {
        return MediaServer.start(new MediaServerConfig("127.0.0.1", port, List.of("127.0.0.1"), 2,
                Duration.ofSeconds(30)), new SimpleMeterRegistry());
    }

    @Test
    void aSecondServerOnTheSamePortIsRefusedAndTheFirstKeepsIt() throws Exception {
        try (MediaServer first = start(0)) {
            int port = first.port();
            assertThatThrownBy(() -> start(port))
                    .isInstanceOfSatisfying(MediaPortInUseException.class, e -> {
                        assertThat(e.port()).isEqualTo(port);
                        assertThat(e.address()).isEqualTo("127.0.0.1");
                    })
                    .hasMessageContaining(Integer.toString(port));
            try (DatagramSocket probe = new DatagramSocket(null)) {
                assertThatThrownBy(() -> probe.bind(new InetSocketAddress("127.0.0.1", port)))
                        .as("the refused start left the first server's sockets in place").isNotNull();
            }
        }
    }

    @Test
    void aPortHeldByAnyOtherSocketIsRefused() throws Exception {
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = holder.getLocalPort();
            assertThatThrownBy(() -> start(port)).isInstanceOf(MediaPortInUseException.class)
                    .hasMessageContaining("UDP port " + port);
        }
    }

    @Test
    void theWildcardHeldElsewhereCountsToo() throws Exception {
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress("0.0.0.0", 0))) {
            int port = holder.getLocalPort();
            assertThatThrownBy(() -> start(port)).isInstanceOf(MediaPortInUseException.class);
        }
    }

    @Test
    void aFreedPortCanBeTakenAgain() throws Exception {
        int port;
        try (MediaServer first = start(0)) {
            port = first.port();
        }
        try (MediaServer second = start(port)) {
            assertThat(second.port()).isEqualTo(port);
        }
    }
}
