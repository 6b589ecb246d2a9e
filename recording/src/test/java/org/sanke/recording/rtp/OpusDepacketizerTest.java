package org.sanke.recording.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanke.recording.rtp.Packets.filler;
import static org.sanke.recording.rtp.Packets.rtp;

import org.junit.jupiter.api.Test;

class OpusDepacketizerTest {
    @Test
    void everyPacketIsOneFrameAndALossStopsNothing() {
        OpusDepacketizer opus = new OpusDepacketizer();
        Packets.Collector out = new Packets.Collector();
        byte[] a = filler(80, 1);
        byte[] b = filler(3, 2); // a DTX packet
        byte[] c = filler(120, 3);
        out.push(opus, rtp(7, 960, true, a));
        out.push(opus, rtp(8, 1920, false, b));
        out.push(opus, rtp(10, 3840, false, c)); // 9 lost
        out.push(opus, rtp(9, 2880, false, filler(50, 4))); // too late: already passed

        assertThat(out.frames).extracting(Packets.Frame::data).containsExactly(a, b, c);
        assertThat(out.frames).extracting(Packets.Frame::timestamp).containsExactly(960L, 1920L, 3840L);
        assertThat(out.frames).allMatch(Packets.Frame::keyframe);
        assertThat(opus.packetsLost()).isEqualTo(1);
        assertThat(opus.packetsLate()).isEqualTo(1);
        assertThat(opus.waitingForKeyframe()).isFalse();
    }
}
