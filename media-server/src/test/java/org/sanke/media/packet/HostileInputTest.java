package org.sanke.media.packet;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and mutated datagrams never make a parser throw. */
class HostileInputTest {
    private static final String[] VALID = {"chromium-stun-binding-request.hex", "chromium-rtp-vp8.hex",
        "chromium-rtp-opus.hex", "chromium-rtcp-sr-sdes.hex", "chromium-rtcp-transport-cc.hex",
        "chromium-dtls-client-hello.hex"};

    @Test
    void randomAndMutatedPacketsAreHandledWithoutExceptions() {
        Random random = new Random(20261124L);
        RtpPacket rtp = new RtpPacket();
        RtcpIterator rtcp = new RtcpIterator();
        byte[][] valid = new byte[VALID.length][];
        for (int i = 0; i < VALID.length; i++) {
            valid[i] = Fixtures.packet(VALID[i]);
        }
        assertThatCode(() -> {
            for (int round = 0; round < 100_000; round++) {
                byte[] p;
                if (round % 2 == 0) {
                    p = new byte[random.nextInt(1600)];
                    random.nextBytes(p);
                } else {
                    p = valid[random.nextInt(valid.length)].clone();
                    for (int flips = 1 + random.nextInt(4); flips > 0 && p.length > 0; flips--) {
                        p[random.nextInt(p.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                int len = p.length == 0 ? 0 : random.nextInt(p.length + 1);
                PacketKind.classify(p, 0, len);
                StunMessage stun = StunMessage.parse(p, 0, len);
                if (stun != null) {
                    stun.checkMessageIntegrity(new byte[] {1});
                    stun.checkFingerprint();
                    stun.xorMappedAddress();
                }
                if (rtp.wrap(p, 0, len)) {
                    for (int id = 1; id < 15; id++) {
                        rtp.findExtension(id);
                    }
                }
                if (rtcp.wrap(p, 0, len)) {
                    do {
                        if (rtcp.packetType() == RtcpIterator.RTPFB) {
                            RtcpNack.forEachLost(p, rtcp.packetOffset(), rtcp.packetLength(), seq -> { });
                        }
                        rtcp.mediaSsrc();
                    } while (rtcp.next());
                }
            }
        }).doesNotThrowAnyException();
    }
}
