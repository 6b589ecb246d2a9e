package org.sanke.recording.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanke.recording.rtp.Packets.bytes;
import static org.sanke.recording.rtp.Packets.concat;
import static org.sanke.recording.rtp.Packets.filler;
import static org.sanke.recording.rtp.Packets.rtp;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Vp8DepacketizerTest {
    private final Vp8Depacketizer vp8 = new Vp8Depacketizer();
    private final Packets.Collector out = new Packets.Collector();

    /** A keyframe as libvpx starts one: frame tag with P=0, start code 9d 01 2a, then 320x240. */
    private static byte[] keyframe(int length) {
        byte[] head = bytes(0x50, 0x2A, 0x01, 0x9D, 0x01, 0x2A, 0x40, 0x01, 0xF0, 0x00);
        return concat(head, filler(length - head.length, 3));
    }

    private static byte[] interframe(int length) {
        return concat(bytes(0x31), filler(length - 1, 9));
    }

    /**
     * Splits a frame into packets with the descriptor Chrome sends: X=1, I=1 with a 15-bit picture ID, L=1, T=1;
     * S=1 on the first packet only.
     */
    private static List<byte[]> packetize(byte[] frame, int firstSequence, long timestamp, int pictureId, int size) {
        List<byte[]> packets = new ArrayList<>();
        for (int at = 0, i = 0; at < frame.length; at += size, i++) {
            byte[] part = java.util.Arrays.copyOfRange(frame, at, Math.min(frame.length, at + size));
            byte[] descriptor = bytes(at == 0 ? 0x90 : 0x80, 0xE0, 0x80 | (pictureId >>> 8), pictureId & 0xFF,
                    0x05, 0x20);
            boolean last = at + size >= frame.length;
            packets.add(rtp(firstSequence + i, timestamp, last, concat(descriptor, part)));
        }
        return packets;
    }

    @Test
    void joinsAKeyframeSentInThreePackets() {
        byte[] frame = keyframe(2500);
        List<byte[]> packets = packetize(frame, 100, 90_000, 300, 1000);
        assertThat(packets).hasSize(3);
        packets.forEach(p -> out.push(vp8, p));

        assertThat(out.frames).hasSize(1);
        assertThat(out.frames.get(0).data()).isEqualTo(frame);
        assertThat(out.frames.get(0).keyframe()).isTrue();
        assertThat(out.frames.get(0).timestamp()).isEqualTo(90_000);
        assertThat(vp8.waitingForKeyframe()).isFalse();
    }

    @Test
    void dropsTheFrameThatLostItsMiddlePacketAndWhatFollowsUntilTheNextKeyframe() {
        packetize(keyframe(1500), 1, 0, 1, 1000).forEach(p -> out.push(vp8, p));
        List<byte[]> broken = packetize(interframe(2500), 3, 3000, 2, 1000);
        out.push(vp8, broken.get(0));
        out.push(vp8, broken.get(2)); // broken.get(1) lost
        packetize(interframe(500), 6, 6000, 3, 1000).forEach(p -> out.push(vp8, p));
        assertThat(vp8.waitingForKeyframe()).isTrue();
        byte[] next = keyframe(1200);
        packetize(next, 7, 9000, 4, 1000).forEach(p -> out.push(vp8, p));
        packetize(interframe(300), 9, 12_000, 5, 1000).forEach(p -> out.push(vp8, p));

        assertThat(out.frames).extracting(Packets.Frame::timestamp).containsExactly(0L, 9000L, 12_000L);
        assertThat(out.frames.get(1).data()).isEqualTo(next);
        assertThat(vp8.packetsLost()).isEqualTo(1);
        assertThat(vp8.framesDropped()).isEqualTo(2); // the broken frame, and the one after it
    }

    @Test
    void reorderedPacketsArePutBackInPlaceByTheReorderBuffer() {
        ReorderBuffer reorder = new ReorderBuffer(64, 1500, 300_000_000L);
        byte[] key = keyframe(3000);
        byte[] inter = interframe(1800);
        List<byte[]> packets = new ArrayList<>(packetize(key, 65_534, 1000, 7, 1000)); // wraps past 65535
        packets.addAll(packetize(inter, 1, 4000, 8, 1000));
        int[] arrival = {1, 0, 2, 4, 3}; // the first two swapped, and two after the wrap
        RtpView view = new RtpView();
        for (int index : arrival) {
            byte[] p = packets.get(index);
            view.read(p, 0, p.length);
            reorder.add(p, 0, p.length, view.sequence(), 0, this::depacketize);
        }
        reorder.poll(300_000_000L, this::depacketize);

        assertThat(out.frames).hasSize(2);
        assertThat(out.frames.get(0).data()).isEqualTo(key);
        assertThat(out.frames.get(1).data()).isEqualTo(inter);
        assertThat(out.frames.get(1).keyframe()).isFalse();
        assertThat(vp8.packetsLost()).isZero();
    }

    private void depacketize(byte[] data, int offset, int length) {
        out.push(vp8, java.util.Arrays.copyOfRange(data, offset, offset + length));
    }

    @Test
    void waitsForAKeyframeBeforeTheFirstFrame() {
        packetize(interframe(400), 10, 0, 1, 1000).forEach(p -> out.push(vp8, p));
        assertThat(out.frames).isEmpty();
        assertThat(vp8.waitingForKeyframe()).isTrue();
        packetize(keyframe(400), 11, 3000, 2, 1000).forEach(p -> out.push(vp8, p));
        assertThat(out.frames).hasSize(1);
    }

    @Test
    void aFrameWhoseMarkerBitIsMissingEndsWhenTheNextOneStarts() {
        byte[] first = keyframe(800);
        byte[] lastPacket = packetize(first, 20, 0, 1, 1000).get(0);
        lastPacket[1] &= 0x7F; // clear the marker
        out.push(vp8, lastPacket);
        packetize(interframe(100), 21, 3000, 2, 1000).forEach(p -> out.push(vp8, p));
        assertThat(out.frames).extracting(Packets.Frame::timestamp).containsExactly(0L, 3000L);
    }

    @Test
    void timestampsGrowAcrossTheirWrapAround() {
        packetize(keyframe(100), 1, 0xFFFF_F000L, 1, 1000).forEach(p -> out.push(vp8, p));
        packetize(interframe(100), 2, 0x0000_0BB8L, 2, 1000).forEach(p -> out.push(vp8, p));
        assertThat(out.frames.get(1).timestamp() - out.frames.get(0).timestamp()).isEqualTo(0x1000 + 0xBB8);
    }

    @Test
    void aDescriptorWithoutPayloadIsDroppedNotThrown() {
        out.push(vp8, rtp(1, 0, true, bytes(0x90, 0x80)));
        assertThat(out.frames).isEmpty();
    }
}
