package org.sanke.recording.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
    private static final long WAIT = 100_000_000L;
    private final ReorderBuffer buffer = new ReorderBuffer(8, 100, WAIT);
    private final List<Integer> out = new ArrayList<>();

    private void add(int sequence, long now) {
        byte[] packet = {(byte) (sequence >>> 8), (byte) sequence};
        buffer.add(packet, 0, 2, sequence, now, (d, o, l) -> out.add(((d[o] & 0xFF) << 8) | (d[o + 1] & 0xFF)));
    }

    private void poll(long now) {
        buffer.poll(now, (d, o, l) -> out.add(((d[o] & 0xFF) << 8) | (d[o + 1] & 0xFF)));
    }

    @Test
    void putsPacketsBackInOrderAndDropsDuplicates() {
        add(65_534, 0);
        poll(WAIT); // the start is settled
        add(0, 1);
        add(65_535, 2);
        add(0, 3);
        add(65_534, 4);
        add(1, 5);
        assertThat(out).containsExactly(65_534, 65_535, 0, 1);
        assertThat(buffer.late()).isEqualTo(2);
    }

    @Test
    void packetsSentBeforeTheFirstToArriveAreTakenWhileTheStartSettles() {
        add(101, 0);
        add(100, 1);
        add(103, 2);
        add(99, 3);
        poll(WAIT - 1);
        assertThat(out).isEmpty();
        poll(WAIT);
        assertThat(out).containsExactly(99, 100, 101);
        add(102, WAIT + 1);
        assertThat(out).containsExactly(99, 100, 101, 102, 103);
    }

    @Test
    void aStartThatFillsHalfTheBufferSettlesAtOnce() {
        add(5, 0);
        add(4, 0);
        add(6, 0);
        add(7, 0);
        assertThat(out).isEmpty();
        add(8, 0);
        assertThat(out).containsExactly(4, 5, 6, 7, 8);
    }

    @Test
    void aHoleIsWaitedForThenSkipped() {
        long t = WAIT;
        add(10, 0);
        poll(t);
        assertThat(out).containsExactly(10);
        add(12, t + 1000);
        add(13, t + 2000);
        poll(t + 1000 + WAIT - 1);
        assertThat(out).containsExactly(10);
        poll(t + 1000 + WAIT);
        assertThat(out).containsExactly(10, 12, 13);
        assertThat(buffer.skipped()).isEqualTo(1);
        add(11, t + 1000 + WAIT + 1); // came after all
        assertThat(out).containsExactly(10, 12, 13);
        assertThat(buffer.late()).isEqualTo(1);
    }

    @Test
    void aHoleFurtherBackThanTheBufferHoldsIsGivenUp() {
        add(1, 0);
        poll(WAIT);
        add(3, 0);
        add(20, 0); // 17 ahead of the hole at 2, more than the 8 slots
        assertThat(out).containsExactly(1, 3, 20);
    }

    @Test
    void aSenderThatStartsNumberingAnewIsFollowed() {
        add(30_000, 0);
        poll(WAIT);
        for (int i = 0; i < 70; i++) {
            add(100 + i, 0); // "older" by the 16-bit arithmetic
        }
        assertThat(out).startsWith(30_000).contains(169);
    }
}
