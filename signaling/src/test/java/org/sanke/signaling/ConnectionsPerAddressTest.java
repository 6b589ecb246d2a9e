package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** S28: connections per address are capped, and an address with none left is forgotten. */
class ConnectionsPerAddressTest {
    @Test
    void anAddressHoldsAtMostItsShareAndClosingGivesItBack() {
        ConnectionsPerAddress perAddress = new ConnectionsPerAddress(3);
        for (int i = 0; i < 3; i++) {
            assertThat(perAddress.tryOpen("10.0.0.7")).isTrue();
        }
        assertThat(perAddress.tryOpen("10.0.0.7")).isFalse();
        assertThat(perAddress.tryOpen("10.0.0.8")).as("another address").isTrue();
        perAddress.closed("10.0.0.7");
        assertThat(perAddress.tryOpen("10.0.0.7")).isTrue();
        for (int i = 0; i < 3; i++) {
            perAddress.closed("10.0.0.7");
        }
        perAddress.closed("10.0.0.8");
        assertThat(perAddress.addresses()).as("nothing kept for addresses with no connection").isZero();
    }

    @Test
    void behindAProxyOnThisMachineTheForwardedAddressCountsNeverAForeignClaim() {
        assertThat(ClientAddress.of("127.0.0.1", "203.0.113.9, 10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.of("192.0.2.50", "10.1.2.3")).as("only a local proxy is believed")
                .isEqualTo("192.0.2.50");
        assertThat(ClientAddress.of("127.0.0.1", null)).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.isLoopback("localhost")).as("no name lookups").isFalse();
    }
}
