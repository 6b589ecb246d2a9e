package org.sanke.media.packet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtxPacketTest {
    private final RtpPacket rtp = new RtpPacket();

    @Test
    void unwrapsToTheOriginalPacketWithItsExtensionsAndPadding() {
        byte[] p = new byte[64];
        int pos = RtpHeaderWriter.writeFixedHeader(p, 0, 97, true, 4242, 90_000, 0xAAAA);
        int block = RtpHeaderWriter.beginOneByteExtensions(p, pos);
        pos = RtpHeaderWriter.endOneByteExtensions(p, 0, block, RtpHeaderWriter.putOneByteExtension16(p, block, 3, 77));
        p[pos++] = (byte) 0xFF; // original sequence number 65534
        p[pos++] = (byte) 0xFE;
        for (int i = 0; i < 5; i++) {
            p[pos++] = (byte) (10 + i);
        }
        p[pos++] = 0;
        p[pos++] = 0;
        p[pos++] = 3; // three bytes of padding
        p[0] |= 0x20;
        assertThat(rtp.wrap(p, 0, pos)).isTrue();
        assertThat(RtxPacket.isPaddingOnly(rtp)).isFalse();
        assertThat(RtxPacket.originalSequenceNumber(rtp)).isEqualTo(65534);

        int length = RtxPacket.unwrap(rtp, 96, 0x1111);
        assertThat(length).isEqualTo(pos - 2);
        assertThat(rtp.wrap(p, 0, length)).isTrue();
        assertThat(rtp.payloadType()).isEqualTo(96);
        assertThat(rtp.marker()).isTrue();
        assertThat(rtp.sequenceNumber()).isEqualTo(65534);
        assertThat(rtp.ssrc()).isEqualTo(0x1111);
        assertThat(rtp.timestamp()).isEqualTo(90_000);
        assertThat(rtp.findExtension(3)).isPositive();
        assertThat(rtp.payloadLength()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(p[rtp.payloadOffset() + i]).isEqualTo((byte) (10 + i));
        }
    }

    @Test
    void chromiumsBandwidthProbeIsPaddingOnly() {
        byte[] probe = Fixtures.packet("chromium-rtp-rtx-padding.hex");
        assertThat(rtp.wrap(probe, 0, probe.length)).isTrue();
        assertThat(RtxPacket.isPaddingOnly(rtp)).isTrue();
    }
}
