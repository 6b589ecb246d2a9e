package org.sanke.recording.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanke.recording.rtp.Packets.bytes;
import static org.sanke.recording.rtp.Packets.concat;
import static org.sanke.recording.rtp.Packets.filler;
import static org.sanke.recording.rtp.Packets.rtp;

import org.junit.jupiter.api.Test;

class H264DepacketizerTest {
    private static final byte[] SPS = bytes(0x67, 0x42, 0xC0, 0x1E, 0xDA, 0x05, 0x07, 0xEC, 0x04, 0x40);
    private static final byte[] PPS = bytes(0x68, 0xCE, 0x3C, 0x80);
    private static final byte[] START = bytes(0, 0, 0, 1);

    private final Packets.Collector out = new Packets.Collector();

    private static byte[] idr(int length) {
        return concat(bytes(0x65), filler(length - 1, 5));
    }

    private static byte[] slice(int length) {
        return concat(bytes(0x41), filler(length - 1, 11));
    }

    private static byte[] stapA(byte[]... nals) {
        byte[] payload = bytes(0x18); // F=0, NRI=0, type 24
        for (byte[] nal : nals) {
            payload = concat(payload, bytes(nal.length >>> 8, nal.length), nal);
        }
        return payload;
    }

    /** FU-A fragment {@code index} of {@code count} of {@code nal}. */
    private static byte[] fuA(byte[] nal, int index, int count) {
        int body = nal.length - 1;
        int from = 1 + body * index / count;
        int to = 1 + body * (index + 1) / count;
        int indicator = (nal[0] & 0xE0) | 28;
        int header = (index == 0 ? 0x80 : 0) | (index == count - 1 ? 0x40 : 0) | (nal[0] & 0x1F);
        return concat(bytes(indicator, header), java.util.Arrays.copyOfRange(nal, from, to));
    }

    private static byte[] lengthPrefixed(byte[]... nals) {
        byte[] all = new byte[0];
        for (byte[] nal : nals) {
            all = concat(all, bytes(nal.length >>> 24, nal.length >>> 16, nal.length >>> 8, nal.length), nal);
        }
        return all;
    }

    @Test
    void stapAWithParameterSetsAndASingleNalIdrMakeAnAnnexBKeyframe() {
        H264Depacketizer h264 = new H264Depacketizer(H264Depacketizer.Output.ANNEX_B);
        byte[] idr = idr(900);
        out.push(h264, rtp(1, 3000, false, stapA(SPS, PPS)));
        out.push(h264, rtp(2, 3000, true, idr));

        assertThat(out.frames).hasSize(1);
        assertThat(out.frames.get(0).keyframe()).isTrue();
        assertThat(out.frames.get(0).data()).isEqualTo(concat(START, SPS, START, PPS, START, idr));
        assertThat(h264.sps()).isEqualTo(SPS);
        assertThat(h264.pps()).isEqualTo(PPS);
    }

    @Test
    void fuAFragmentsAreJoinedAndALaterKeyframeGetsTheKeptParameterSets() {
        H264Depacketizer h264 = new H264Depacketizer(H264Depacketizer.Output.LENGTH_PREFIXED);
        byte[] first = idr(3000);
        out.push(h264, rtp(10, 0, false, stapA(SPS, PPS)));
        for (int i = 0; i < 3; i++) {
            out.push(h264, rtp(11 + i, 0, i == 2, fuA(first, i, 3)));
        }
        byte[] p = slice(700);
        out.push(h264, rtp(14, 3000, true, p));
        byte[] second = idr(2000); // without SPS and PPS of its own
        for (int i = 0; i < 2; i++) {
            out.push(h264, rtp(15 + i, 6000, i == 1, fuA(second, i, 2)));
        }

        assertThat(out.frames).extracting(Packets.Frame::keyframe).containsExactly(true, false, true);
        assertThat(out.frames.get(0).data()).isEqualTo(lengthPrefixed(SPS, PPS, first));
        assertThat(out.frames.get(1).data()).isEqualTo(lengthPrefixed(p));
        assertThat(out.frames.get(2).data()).isEqualTo(lengthPrefixed(SPS, PPS, second));
    }

    @Test
    void aLostFragmentDropsItsFrameAndTheSlicesAfterItUntilAnIdr() {
        H264Depacketizer h264 = new H264Depacketizer(H264Depacketizer.Output.ANNEX_B);
        out.push(h264, rtp(1, 0, false, stapA(SPS, PPS)));
        out.push(h264, rtp(2, 0, true, idr(100)));
        byte[] big = slice(3000);
        out.push(h264, rtp(3, 3000, false, fuA(big, 0, 3)));
        out.push(h264, rtp(5, 3000, true, fuA(big, 2, 3))); // 4 lost
        out.push(h264, rtp(6, 6000, true, slice(200)));
        assertThat(h264.waitingForKeyframe()).isTrue();
        out.push(h264, rtp(7, 9000, true, idr(150)));

        assertThat(out.frames).extracting(Packets.Frame::timestamp).containsExactly(0L, 9000L);
        assertThat(out.frames.get(1).data()).startsWith(concat(START, SPS, START, PPS, START, bytes(0x65)));
        assertThat(h264.packetsLost()).isEqualTo(1);
    }

    @Test
    void anIdrWithNoParameterSetEverSeenIsDropped() {
        H264Depacketizer h264 = new H264Depacketizer(H264Depacketizer.Output.ANNEX_B);
        out.push(h264, rtp(1, 0, true, idr(100)));
        out.push(h264, rtp(2, 3000, true, slice(100)));
        assertThat(out.frames).isEmpty();
        assertThat(h264.framesDropped()).isEqualTo(2);
    }

    @Test
    void aMalformedStapADropsTheUnitInsteadOfThrowing() {
        H264Depacketizer h264 = new H264Depacketizer(H264Depacketizer.Output.ANNEX_B);
        out.push(h264, rtp(1, 0, true, bytes(0x18, 0x00, 0x40, 0x67))); // says 64 bytes, holds 1
        assertThat(out.frames).isEmpty();
        assertThat(h264.waitingForKeyframe()).isTrue();
    }
}
