package org.sanke.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sanke.media.dtls.SrtpKeys;
import org.sanke.media.dtls.SrtpProfile;

class SrtpSessionTest {
    private final Random random = new Random(42);

    private SrtpSession[] pair(SrtpProfile profile) {
        byte[] material = new byte[SrtpKeys.keyingMaterialLength(profile)];
        random.nextBytes(material);
        return new SrtpSession[] {new SrtpSession(SrtpKeys.fromKeyingMaterial(profile, material, true)),
            new SrtpSession(SrtpKeys.fromKeyingMaterial(profile, material, false))};
    }

    private byte[] rtp(int sequence, int payloadLength) {
        return rtp(0x11000022, sequence, payloadLength);
    }

    private byte[] rtp(int ssrc, int sequence, int payloadLength) {
        byte[] p = new byte[1628];
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[2] = (byte) (sequence >> 8);
        p[3] = (byte) sequence;
        p[8] = (byte) (ssrc >> 24);
        p[9] = (byte) (ssrc >> 16);
        p[10] = (byte) (ssrc >> 8);
        p[11] = (byte) ssrc;
        for (int i = 12; i < 12 + payloadLength; i++) {
            p[i] = (byte) random.nextInt();
        }
        return p;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpAndRtcpRoundTripAndTamperingFails(SrtpProfile profile) {
        SrtpSession[] sessions = pair(profile);
        SrtpSession server = sessions[0];
        SrtpSession client = sessions[1];
        for (int seq = 100; seq < 110; seq++) {
            byte[] packet = rtp(seq, 200);
            byte[] plain = Arrays.copyOf(packet, 212);
            int protectedLength = client.protectRtp(packet, 0, 212);
            assertThat(protectedLength).isGreaterThan(212);
            assertThat(Arrays.copyOfRange(packet, 12, 212)).isNotEqualTo(Arrays.copyOfRange(plain, 12, 212));
            byte[] replay = Arrays.copyOf(packet, protectedLength);
            assertThat(server.unprotectRtp(packet, 0, protectedLength)).isEqualTo(212);
            assertThat(Arrays.copyOf(packet, 212)).isEqualTo(plain);
            assertThat(server.unprotectRtp(Arrays.copyOf(replay, 1628), 0, protectedLength)).as("replay").isEqualTo(-1);
        }
        byte[] tampered = rtp(500, 100);
        int len = client.protectRtp(tampered, 0, 112);
        tampered[50] ^= 1;
        assertThat(server.unprotectRtp(tampered, 0, len)).isEqualTo(-1);

        byte[] rtcp = new byte[1628];
        rtcp[0] = (byte) 0x81;
        rtcp[1] = (byte) 201;
        rtcp[3] = 7;
        rtcp[7] = 9;
        byte[] plainRtcp = Arrays.copyOf(rtcp, 32);
        int rtcpLength = server.protectRtcp(rtcp, 0, 32);
        assertThat(rtcpLength).isGreaterThan(32);
        assertThat(client.unprotectRtcp(rtcp, 0, rtcpLength)).isEqualTo(32);
        assertThat(Arrays.copyOf(rtcp, 32)).isEqualTo(plainRtcp);
    }

    @Test
    void garbageNeverThrows() {
        SrtpSession server = pair(SrtpProfile.AEAD_AES_128_GCM)[0];
        assertThatCode(() -> {
            for (int i = 0; i < 10_000; i++) {
                byte[] p = new byte[1628];
                int len = random.nextInt(1500);
                random.nextBytes(p);
                p[0] = (byte) (0x80 | (p[0] & 0x3F));
                assertThat(server.unprotectRtp(p, 0, len)).isEqualTo(-1);
                assertThat(server.unprotectRtcp(p, 0, len)).isEqualTo(-1);
            }
        }).doesNotThrowAnyException();
        assertThat(server.contextCount()).as("forged packets leave no contexts").isZero();
    }

    @Test
    void forgedNewStreamsAreRationedByAuthenticTraffic() {
        SrtpSession[] sessions = pair(SrtpProfile.AEAD_AES_128_GCM);
        SrtpSession server = sessions[0];
        SrtpSession client = sessions[1];
        assertThat(oneNewStream(client, server, rtp(1, 1, 100))).isEqualTo(112);
        for (int i = 0; i < 1000; i++) {
            byte[] forged = rtp(1000 + i, 1, 100);
            assertThat(server.unprotectRtp(forged, 0, 128)).isEqualTo(-1);
        }
        assertThat(oneNewStream(client, server, rtp(2, 1, 100))).as("no credit left for new streams").isEqualTo(-1);
        for (int seq = 2; seq < 2 + SrtpSession.PACKETS_PER_CREDIT; seq++) {
            assertThat(oneNewStream(client, server, rtp(1, seq, 100))).isEqualTo(112);
        }
        assertThat(oneNewStream(client, server, rtp(2, 2, 100))).as("authentic packets earned one").isEqualTo(112);
    }

    /** One packet on a new stream from the client, decrypted by the server; its plain length, or -1. */
    private static int oneNewStream(SrtpSession client, SrtpSession server, byte[] packet) {
        int len = client.protectRtp(packet, 0, 112);
        return len < 0 ? -1 : server.unprotectRtp(packet, 0, len);
    }

    @Test
    void streamsThatEndGiveTheirContextsBackSoChurnNeverReachesTheCap() {
        SrtpSession[] sessions = pair(SrtpProfile.AEAD_AES_128_GCM);
        AtomicInteger live = new AtomicInteger();
        SrtpSession client = new SrtpSession(SrtpKeys.fromKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM,
                new byte[SrtpKeys.keyingMaterialLength(SrtpProfile.AEAD_AES_128_GCM)], false), live);
        SrtpSession server = new SrtpSession(SrtpKeys.fromKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM,
                new byte[SrtpKeys.keyingMaterialLength(SrtpProfile.AEAD_AES_128_GCM)], true), live);
        for (int ssrc = 1; ssrc <= 2 * SrtpSession.MAX_CONTEXTS_PER_TABLE; ssrc++) {
            assertThat(oneNewStream(client, server, rtp(ssrc, 1, 100))).as("stream %d", ssrc).isEqualTo(112);
            assertThat(live.get()).isEqualTo(2);
            client.removeSendStream(ssrc);
            server.removeReceiveStream(ssrc);
        }
        assertThat(live.get()).isZero();
        assertThat(sessions[0].contextCount()).isZero();
    }

    @Test
    void aPeerInventingSsrcsIsStoppedAtTheCapAndClosingFreesEverything() {
        SrtpSession[] sessions = pair(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        SrtpSession server = sessions[0];
        SrtpSession client = sessions[1];
        int ssrc = 1;
        while (ssrc <= SrtpSession.MAX_CONTEXTS_PER_TABLE) {
            assertThat(oneNewStream(client, server, rtp(ssrc, 1, 100))).isEqualTo(112);
            client.removeSendStream(ssrc++);
        }
        assertThat(oneNewStream(client, server, rtp(ssrc, 1, 100))).as("over the cap").isEqualTo(-1);
        server.removeReceiveStream(1);
        assertThat(oneNewStream(client, server, rtp(ssrc + 1, 1, 100))).as("room again").isEqualTo(112);
        server.close();
        assertThat(server.contextCount()).isZero();
        assertThat(oneNewStream(client, server, rtp(ssrc + 2, 1, 100))).as("closed").isEqualTo(-1);
    }
}
