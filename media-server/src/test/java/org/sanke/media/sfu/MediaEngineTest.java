package org.sanke.media.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanke.media.MediaServerConfig;

class MediaEngineTest {
    private static MediaServerConfig config(String bind, String... announced) {
        return new MediaServerConfig(bind, 0, List.of(announced), 1, Duration.ofSeconds(30));
    }

    @Test
    void wildcardBindNarrowsToTheOneLocalAnnouncedAddress() {
        assertThat(MediaEngine.effectiveBindAddress(config("0.0.0.0", "127.0.0.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void otherwiseTheConfiguredBindAddressStays() {
        assertThat(MediaEngine.effectiveBindAddress(config("0.0.0.0", "203.0.113.9"))).as("NAT: a public address")
                .isEqualTo("0.0.0.0");
        assertThat(MediaEngine.effectiveBindAddress(config("0.0.0.0", "127.0.0.1", "203.0.113.9")))
                .isEqualTo("0.0.0.0");
        assertThat(MediaEngine.effectiveBindAddress(config("127.0.0.1", "203.0.113.9"))).isEqualTo("127.0.0.1");
    }
}
