package org.sanke.media.packet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpTest {
    private final RtpPacket rtp = new RtpPacket();

    @Test
    void chromiumsOpusPacketWithOneByteExtensions() {
        byte[] packet = Fixtures.packet("chromium-rtp-opus.hex");
        assertThat(PacketKind.classify(packet, 0, packet.length)).isEqualTo(PacketKind.RTP);
        assertThat(rtp.wrap(packet, 0, packet.length)).isTrue();
        assertThat(rtp.payloadType()).isEqualTo(111);
        assertThat(rtp.marker()).isTrue();
        // The publish offer's ids: 1 audio level, 2 abs-send-time, 3 transport-wide-cc, 4 mid.
        assertThat(rtp.findExtension(3)).isPositive();
        assertThat(rtp.extensionLength()).isEqualTo(2);
        assertThat(rtp.findExtension(1)).isPositive();
        assertThat(rtp.extensionLength()).isEqualTo(1);
        assertThat(rtp.findExtension(9)).isEqualTo(-1);
        assertThat(rtp.payloadOffset() + rtp.payloadLength()).isEqualTo(packet.length);
    }

    @Test
    void chromiumsVp8PacketAndPaddingOnlyRtx() {
        byte[] vp8 = Fixtures.packet("chromium-rtp-vp8.hex");
        assertThat(rtp.wrap(vp8, 0, vp8.length)).isTrue();
        assertThat(rtp.payloadType()).isEqualTo(96);
        assertThat(rtp.payloadLength()).isPositive();

        byte[] probe = Fixtures.packet("chromium-rtp-rtx-padding.hex");
        assertThat(rtp.wrap(probe, 0, probe.length)).isTrue();
        assertThat(rtp.payloadType()).isEqualTo(97);
        assertThat(rtp.payloadLength()).as("all padding").isZero();
    }

    @Test
    void writtenHeaderAndExtensionsReadBack() {
        byte[] out = new byte[200];
        int pos = RtpHeaderWriter.writeFixedHeader(out, 0, 96, true, 65535, -5, 0x12345678);
        int block = RtpHeaderWriter.beginOneByteExtensions(out, pos);
        int ext = RtpHeaderWriter.putOneByteExtension8(out, block, 1, 0x7F);
        ext = RtpHeaderWriter.putOneByteExtension24(out, ext, 2, 0xABCDEF);
        ext = RtpHeaderWriter.putOneByteExtension16(out, ext, 3, 0xBEEF);
        pos = RtpHeaderWriter.endOneByteExtensions(out, 0, block, ext);
        out[pos++] = 42;
        assertThat(rtp.wrap(out, 0, pos)).isTrue();
        assertThat(rtp.marker()).isTrue();
        assertThat(rtp.sequenceNumber()).isEqualTo(65535);
        assertThat(rtp.timestamp()).isEqualTo(-5);
        assertThat(rtp.ssrc()).isEqualTo(0x12345678);
        assertThat(out[rtp.findExtension(1)]).isEqualTo((byte) 0x7F);
        int abs = rtp.findExtension(2);
        assertThat(rtp.extensionLength()).isEqualTo(3);
        assertThat(((out[abs] & 0xFF) << 16) | ((out[abs + 1] & 0xFF) << 8) | (out[abs + 2] & 0xFF))
                .isEqualTo(0xABCDEF);
        int twcc = rtp.findExtension(3);
        assertThat(((out[twcc] & 0xFF) << 8) | (out[twcc + 1] & 0xFF)).isEqualTo(0xBEEF);
        assertThat(rtp.payloadLength()).isEqualTo(1);
        assertThat(out[rtp.payloadOffset()]).isEqualTo((byte) 42);
    }

    @Test
    void noExtensionsGivesTheReservedBytesBack() {
        byte[] out = new byte[64];
        int pos = RtpHeaderWriter.writeFixedHeader(out, 0, 111, false, 1, 2, 3);
        int block = RtpHeaderWriter.beginOneByteExtensions(out, pos);
        assertThat(RtpHeaderWriter.endOneByteExtensions(out, 0, block, block)).isEqualTo(12);
        assertThat(out[0] & 0x10).isZero();
    }

    @Test
    void twoByteExtensionsAndCsrcs() {
        byte[] p = new byte[12 + 8 + 4 + 8 + 3];
        p[0] = (byte) 0x92; // V=2, X=1, CC=2
        p[1] = 100;
        int i = 20;
        p[i] = 0x10;
        p[i + 1] = 0x00; // profile 0x1000
        p[i + 3] = 2; // 2 words
        p[i + 4] = 5; // id 5
        p[i + 5] = 3; // length 3
        p[i + 6] = 'a';
        p[i + 7] = 'b';
        p[i + 8] = 'c';
        assertThat(rtp.wrap(p, 0, p.length)).isTrue();
        int off = rtp.findExtension(5);
        assertThat(off).isEqualTo(26);
        assertThat(rtp.extensionLength()).isEqualTo(3);
        assertThat(rtp.payloadLength()).isEqualTo(3);
    }

    @Test
    void lyingHeadersAreRefused() {
        byte[] vp8 = Fixtures.packet("chromium-rtp-vp8.hex");
        for (int len = 0; len < 24; len++) {
            assertThat(rtp.wrap(vp8, 0, len)).as("truncated to %d", len).isFalse();
        }
        byte[] badVersion = vp8.clone();
        badVersion[0] = 0x50;
        assertThat(rtp.wrap(badVersion, 0, badVersion.length)).isFalse();
        byte[] badExtensionLength = vp8.clone();
        badExtensionLength[14] = (byte) 0xFF;
        assertThat(rtp.wrap(badExtensionLength, 0, badExtensionLength.length)).isFalse();
        byte[] badPadding = vp8.clone();
        badPadding[0] |= 0x20;
        badPadding[badPadding.length - 1] = 0; // a padding count of zero is not allowed
        assertThat(rtp.wrap(badPadding, 0, badPadding.length)).isFalse();
        byte[] opus = Fixtures.packet("chromium-rtp-opus.hex");
        opus[0] |= 0x20;
        opus[opus.length - 1] = (byte) opus.length; // more padding than the packet has
        assertThat(rtp.wrap(opus, 0, opus.length)).isFalse();
    }
}
