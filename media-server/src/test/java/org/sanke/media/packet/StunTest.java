package org.sanke.media.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StunTest {
    private static final byte[] TRANSACTION = "0123456789ab".getBytes(StandardCharsets.US_ASCII);

    @Test
    void chromiumsBindingRequestChecksWithTheRightPasswordOnly() {
        String[] fixture = Fixtures.lines("chromium-stun-binding-request.hex");
        byte[] request = Fixtures.packet("chromium-stun-binding-request.hex");
        String password = fixture[1].replaceAll(".*pwd=(\\S+).*", "$1");
        String ufrag = fixture[1].replaceAll(".*ufrag=(\\S+).*", "$1");

        assertThat(PacketKind.classify(request, 0, request.length)).isEqualTo(PacketKind.STUN);
        StunMessage stun = StunMessage.parse(request, 0, request.length);
        assertThat(stun).isNotNull();
        assertThat(stun.isBindingRequest()).isTrue();
        assertThat(stun.username()).startsWith(ufrag + ":");
        assertThat(stun.hasMessageIntegrity()).isTrue();
        assertThat(stun.checkMessageIntegrity(password.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(stun.checkMessageIntegrity("wrong-password".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(stun.hasFingerprint()).isTrue();
        assertThat(stun.checkFingerprint()).isTrue();
        assertThat(stun.iceControlling()).isTrue();
        assertThat(stun.priority()).isPositive();
    }

    @Test
    void aFlippedBitBreaksIntegrityOrFingerprint() {
        byte[] request = Fixtures.packet("chromium-stun-binding-request.hex");
        String password = Fixtures.lines("chromium-stun-binding-request.hex")[1].replaceAll(".*pwd=(\\S+).*", "$1");
        for (int i = 20; i < request.length; i++) {
            byte[] copy = request.clone();
            copy[i] ^= 0x01;
            StunMessage stun = StunMessage.parse(copy, 0, copy.length);
            if (stun != null) {
                assertThat(stun.checkMessageIntegrity(password.getBytes(StandardCharsets.UTF_8))
                        && stun.checkFingerprint()).as("bit flipped at %d", i).isFalse();
            }
        }
    }

    @Test
    void successResponseRoundTripsWithMappedAddress() throws Exception {
        byte[] key = "server-password".getBytes(StandardCharsets.UTF_8);
        for (String host : new String[] {"192.0.2.7", "2001:db8::7"}) {
            InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName(host), 50123);
            byte[] response = StunWriter.bindingSuccess(TRANSACTION, mapped, key);
            StunMessage stun = StunMessage.parse(response, 0, response.length);
            assertThat(stun.isBindingSuccess()).isTrue();
            assertThat(stun.transactionId()).isEqualTo(TRANSACTION);
            assertThat(stun.xorMappedAddress()).isEqualTo(mapped);
            assertThat(stun.checkMessageIntegrity(key)).isTrue();
            assertThat(stun.checkFingerprint()).isTrue();
        }
    }

    @Test
    void requestAndErrorRoundTrip() {
        byte[] key = "pw".getBytes(StandardCharsets.UTF_8);
        byte[] request = StunWriter.bindingRequest(TRANSACTION, "abc:def", key, 12345, true, 99, false);
        StunMessage stun = StunMessage.parse(request, 0, request.length);
        assertThat(stun.username()).isEqualTo("abc:def");
        assertThat(stun.useCandidate()).isTrue();
        assertThat(stun.iceControlled()).isTrue();
        assertThat(stun.priority()).isEqualTo(12345);
        assertThat(stun.checkMessageIntegrity(key)).isTrue();

        byte[] error = StunWriter.bindingError(TRANSACTION, 401, "Unauthorized", null);
        StunMessage parsed = StunMessage.parse(error, 0, error.length);
        assertThat(parsed.errorCode()).isEqualTo(401);
        assertThat(parsed.hasMessageIntegrity()).isFalse();
        assertThat(parsed.checkFingerprint()).isTrue();
    }

    @Test
    void lyingLengthsAndTruncationsAreRejected() {
        byte[] request = Fixtures.packet("chromium-stun-binding-request.hex");
        for (int len = 0; len < request.length; len++) {
            assertThat(StunMessage.parse(request, 0, len)).as("truncated to %d", len).isNull();
        }
        byte[] lying = request.clone();
        lying[3] += 4;
        assertThat(StunMessage.parse(lying, 0, lying.length)).isNull();
        byte[] badAttribute = Arrays.copyOf(request, request.length);
        badAttribute[22] = (byte) 0x7F; // USERNAME length far beyond the message
        assertThat(StunMessage.parse(badAttribute, 0, badAttribute.length)).isNull();
    }
}
